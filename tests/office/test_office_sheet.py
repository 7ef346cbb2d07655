"""`puspa lembar-kantor`: one item for every warning of `make check`, ready to print and fill in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from puspa_build.compiler import check
from puspa_office.office_sheet import (
    Group,
    Item,
    Kind,
    field_texts,
    gather,
    office_sheet,
    render,
)
from pypdf import PdfReader

from ..conftest import CONTENT, edit

CHECKED = check(CONTENT)
TODAY = date(2026, 12, 2)
KANTOR = "content/kantor.yaml"
KK = "content/layanan/kartu-keluarga.yaml"


def items_of(html: str) -> list[str]:
    """Each item's HTML."""
    return re.findall(r'<article class="butir".*?</article>', html, flags=re.S)


def test_the_sheet_has_one_item_per_warning_of_make_check() -> None:
    groups = gather(CHECKED.content)
    items = [(item.file, item.line) for group in groups for item in group.items]
    warnings = [(problem.file, problem.line) for problem in CHECKED.warnings]
    assert sorted(items) == sorted(warnings)
    html = render(CHECKED.content, groups, "abc", TODAY)
    assert len(items_of(html)) == len(CHECKED.warnings)
    assert f"{len(CHECKED.warnings)} butir dalam {len(groups)} bagian." in html


def test_groups_come_office_first_then_services_in_menu_order() -> None:
    groups = gather(CHECKED.content)
    keys = [group.key for group in groups]
    services = [key for key in CHECKED.content.ids_in_menu_order() if key in keys]
    assert keys == [
        "kantor",
        *services,
        *[k for k in ("resepsi", "ektp", "petugas", "laporan") if k in keys],
    ]
    html = render(CHECKED.content, groups, "abc", TODAY)
    assert html.count('<section class="bagian"') == len(groups)
    assert f"<h2>Bagian 1 dari {len(groups)}: Data Kantor Kecamatan Jonggol</h2>" in html


def test_every_item_says_why_it_matters_in_its_own_words() -> None:
    fallback = CHECKED.content.lembar_kantor["bagian_lain"]
    for group in gather(CHECKED.content):
        for item in group.items:
            assert field_texts(CHECKED.content, group, item) is not fallback, (group.key, item)


def test_a_missing_office_fact_shows_what_residents_read_and_lines_to_answer() -> None:
    asked = "Alamat lengkap Kantor Kecamatan Jonggol."
    item = Item(Kind.MISSING, "alamat", asked, {"belum_ada": asked}, KANTOR, 15, "alamat")
    html = render(
        CHECKED.content, [Group("kantor", "Data kantor", KANTOR, (item,), False)], "", TODAY
    )
    (address,) = items_of(html)
    assert '<h3><span class="nomor">1.</span> Alamat kantor' in address
    assert '<span class="jenis jenis-belum_ada">Belum ada, mohon diisi</span>' in address
    assert f'<td class="ditanyakan">{asked}</td>' in address
    assert '<td class="alasan">Warga perlu alamat yang jelas untuk datang.' in address
    assert (
        '<td class="tampil"><p class="kosong">'
        "Belum tersedia. Silakan tanyakan ke Kantor Kecamatan Jonggol.</p></td>"
    ) in address
    assert address.count('<div class="garis"></div>') == 3
    assert 'class="kotak"' not in address  # nothing to tick: the answer is written
    assert "Untuk editor: content/kantor.yaml, baris 15 · <code>alamat</code>" in address


def test_a_confirmation_shows_the_current_text_and_boxes_to_tick() -> None:
    steps = ["Isi formulir *F-1.01*.", "Petugas memeriksa berkas."]
    item = Item(Kind.CONFIRM, "prosedur", "Pastikan alurnya.", steps, KK, 9, "konfirmasi.prosedur")
    group = Group("kartu-keluarga", "Kartu Keluarga (KK)", KK, (item,), True)
    (procedure,) = items_of(render(CHECKED.content, [group], "", TODAY))
    assert '<span class="jenis jenis-konfirmasi">Perlu dipastikan</span>' in procedure
    assert (
        '<td class="tampil"><ol><li>Isi formulir <b>F-1.01</b>.</li>'
        "<li>Petugas memeriksa berkas.</li></ol></td>"
    ) in procedure
    assert procedure.count('class="kotak"') == 2
    assert "Sudah benar" in procedure and "Perlu diubah (tulis yang benar di bawah)" in procedure
    assert procedure.count('<div class="garis"></div>') == 6


def test_a_service_not_reviewed_for_a_year_is_an_item_too(content_dir: Path) -> None:
    edit(content_dir / "layanan/kia.yaml", 'ditinjau: "2026-11-29"', 'ditinjau: "2024-01-15"')
    checked = check(content_dir)
    groups = gather(checked.content)
    assert sum(len(group.items) for group in groups) == len(checked.warnings)
    kia = next(group for group in groups if group.key == "kia")
    review = next(item for item in kia.items if item.kind is Kind.REVIEW)
    assert "15 Januari 2024" in review.asked
    assert review.file == "content/layanan/kia.yaml"


def test_a_new_missing_fact_appears_without_any_code(content_dir: Path) -> None:
    path = content_dir / "layanan/kia.yaml"
    text = path.read_text(encoding="utf-8")
    missing = "produk:\n  belum_ada: Bentuk KIA yang diserahkan di Jonggol.\n"
    path.write_text(re.sub(r"^produk: .*\n", missing, text, count=1, flags=re.M), encoding="utf-8")
    checked = check(content_dir)
    items = [item for group in gather(checked.content) for item in group.items]
    assert len(items) == len(checked.warnings) == len(CHECKED.warnings) + 1
    assert any(item.asked == "Bentuk KIA yang diserahkan di Jonggol." for item in items)


def test_without_pdf_only_the_html_is_written(tmp_path: Path) -> None:
    written = office_sheet(CHECKED.content, "abc", tmp_path, pdf=False, today=TODAY)
    assert written.page == tmp_path / "lembar-isian-kantor.html"
    assert (written.pdf, written.no_browser) == (None, False)
    assert written.items == len(CHECKED.warnings)
    assert written.page.read_text(encoding="utf-8").startswith('<!doctype html>\n<html lang="id">')


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_pdf_prints_each_part_on_a_few_a4_pages(tmp_path: Path) -> None:
    written = office_sheet(CHECKED.content, "abc", tmp_path, today=TODAY)
    assert written.pdf is not None
    reader = PdfReader(written.pdf)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    starts = {}
    for number, page in enumerate(reader.pages):
        found = re.search(r"Bagian (\d+) dari (\d+):", page.extract_text())
        if found:
            starts[int(found.group(1))] = number
    parts = len(written.groups)
    assert sorted(starts) == list(range(1, parts + 1))  # each part starts on a page of its own
    ends = [starts[n + 1] if n < parts else len(reader.pages) for n in range(1, parts + 1)]
    pages = [end - starts[n] for n, end in enumerate(ends, start=1)]
    assert max(pages) <= 3, pages
