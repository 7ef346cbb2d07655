"""Each kind of content error is reported as `file:line: field: what — how to fix`."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_build.compiler import check
from puspa_build.problems import ContentError, Problem

from ..conftest import edit, line_of

KK = "layanan/kartu-keluarga.yaml"
KK_NAME = "content/layanan/kartu-keluarga.yaml"


def problems_of(content_dir: Path) -> list[Problem]:
    """Run the checks and return the errors they raise."""
    with pytest.raises(ContentError) as raised:
        check(content_dir)
    return raised.value.problems


def only(problems: list[Problem], field: str) -> Problem:
    """Return the single problem about `field`."""
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, problems
    return found[0]


def test_missing_required_component_names_file_line_and_fix(content_dir: Path) -> None:
    path = content_dir / KK
    text = path.read_text(encoding="utf-8")
    start, end = text.index("persyaratan:"), text.index("prosedur:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only(problems_of(content_dir), "persyaratan")
    # A missing field is reported where the service's fields begin (after the comment).
    line = line_of(path, "id: kartu-keluarga")
    assert (problem.file, problem.line) == (KK_NAME, line)
    assert str(problem).startswith(
        f"{KK_NAME}:{line}: persyaratan: wajib ada tetapi belum diisi — "
    )
    assert "tambahkan `persyaratan:`" in problem.fix


def test_text_too_long_for_a_whatsapp_row_names_its_line(content_dir: Path) -> None:
    line = edit(content_dir / KK, "judul_menu: Kartu Keluarga (KK)", "judul_menu: " + "K" * 30)
    problem = only(problems_of(content_dir), "judul_menu")
    assert (problem.file, problem.line) == (KK_NAME, line)
    assert problem.what == "terlalu panjang (30 karakter, paling banyak 24)"


def test_unknown_choice_lists_the_allowed_values(content_dir: Path) -> None:
    line = edit(content_dir / KK, "kelompok: paten", "kelompok: patén")
    problem = only(problems_of(content_dir), "kelompok")
    assert problem.line == line
    assert problem.fix == "pilih salah satu: paten, non-paten"


def test_wrong_type_says_what_is_expected(content_dir: Path) -> None:
    line = edit(content_dir / KK, "  - e-ktp\n  - akta-kelahiran", "  - e-ktp\n  - [akta]")
    problem = only(problems_of(content_dir), "terkait.2")
    assert problem.line == line + 1
    assert problem.what == "harus berupa teks"


def test_misspelled_field_name_is_located(content_dir: Path) -> None:
    line = edit(content_dir / KK, "\njangka_waktu:", "\njangka_watu:") + 1
    problems = problems_of(content_dir)
    typo = only(problems, "jangka_watu")
    assert typo.line == line
    assert typo.what == "nama isian tidak dikenal"
    assert "jangka_waktu" in typo.fix
    assert only(problems, "jangka_waktu").what == "wajib ada tetapi belum diisi"


def test_badly_written_date_is_located(content_dir: Path) -> None:
    line = edit(content_dir / KK, 'ditinjau: "2026-11-29"', "ditinjau: 29-11-2026")
    problem = only(problems_of(content_dir), "ditinjau")
    assert problem.line == line
    assert "TTTT-BB-HH" in problem.fix


def test_malformed_not_yet_known_marker_is_explained(content_dir: Path) -> None:
    line = edit(content_dir / "layanan/kia.yaml", "  belum_ada: Lama", "  belum_adaa: Lama")
    problems = problems_of(content_dir)
    problem = only(problems, "jangka_waktu.belum_adaa")
    assert (problem.file, problem.line) == ("content/layanan/kia.yaml", line)


def test_empty_requirement_list_is_located(content_dir: Path) -> None:
    path = content_dir / "layanan/cek-ektp.yaml"
    line = line_of(path, "      - Tanda terima")
    edit(
        path,
        "      - Tanda terima atau bukti perekaman e-KTP.\n"
        "      - Datang sendiri ke tempat pengambilan.\n",
        "      - \n",
    )
    problem = only(problems_of(content_dir), "persyaratan.1.butir.1")
    assert problem.line == line
    assert problem.what == "harus berupa teks"


def test_yaml_syntax_error_names_the_line(content_dir: Path) -> None:
    line = edit(content_dir / KK, "biaya: Gratis (Rp0).", "biaya: [Gratis (Rp0).")
    problem = only(problems_of(content_dir), "(berkas)")
    assert problem.file == KK_NAME
    assert line <= problem.line <= line + 2
    assert "YAML tidak bisa dibaca" in problem.what


def test_key_written_twice_is_an_error(content_dir: Path) -> None:
    path = content_dir / KK
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "biaya: Rp10.000\n", encoding="utf-8")
    problem = only(problems_of(content_dir), "biaya")
    assert problem.line == text.count("\n") + 1
    assert problem.what == "ditulis dua kali"


def test_every_problem_is_reported_at_once(content_dir: Path) -> None:
    edit(content_dir / KK, "kelompok: paten", "kelompok: x")
    edit(content_dir / "layanan/kia.yaml", "kelompok: non-paten", "kelompok: y")
    edit(content_dir / "kantor.yaml", 'whatsapp: "62895425781500"', "whatsapp: 0895")
    files = {p.file for p in problems_of(content_dir)}
    assert files == {KK_NAME, "content/layanan/kia.yaml", "content/kantor.yaml"}


def test_empty_component_says_it_is_empty_and_how_to_mark_it_unknown(content_dir: Path) -> None:
    line = edit(content_dir / KK, "\njangka_waktu: 1", "\njangka_waktu: # 1") + 1
    problem = only(problems_of(content_dir), "jangka_waktu")
    assert (problem.line, problem.what) == (line, "kosong")
    assert problem.fix.endswith(
        "bila belum diketahui tulis `belum_ada: <apa yang perlu diisi kantor>`"
    )


def test_a_value_of_no_allowed_form_names_the_forms_it_may_take(content_dir: Path) -> None:
    path = content_dir / KK
    text = path.read_text(encoding="utf-8")
    start = text.index("\nbiaya:") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + "biaya: 5000" + text[end:], encoding="utf-8")
    problem = only(problems_of(content_dir), "biaya")
    assert problem.what == "bentuk isinya salah: seharusnya teks atau `belum_ada: ...`"


def test_a_file_with_a_schema_error_still_reports_its_other_errors(content_dir: Path) -> None:
    path = content_dir / KK
    text = path.read_text(encoding="utf-8").replace("id: kartu-keluarga", "id: kk-lama", 1)
    start = text.index("\nbiaya:") + 1
    path.write_text(text[:start] + "biaya: 5000" + text[text.index("\n", start) :])
    problems = problems_of(content_dir)
    assert only(problems, "biaya").file == KK_NAME
    assert "berbeda dengan nama berkas" in only(problems, "id").what
