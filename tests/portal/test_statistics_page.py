"""Publishing a month's public figures and the portal's statistics page."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_bot.stats import MemoryStats
from puspa_bot.store import MemoryStore
from puspa_build.compiler import check
from puspa_build.problems import ContentError
from puspa_office.monthly import gather, public_figures
from puspa_office.report import write_statistics
from puspa_portal.statistics_page import statistics_page

from ..conftest import edit
from ..office.test_report_html import month_of_figures


def publish(content_dir: Path, stats: MemoryStats, month: str = "2026-11") -> Path:
    """Publish one month into a copy of the content."""
    content = check(content_dir).content
    figures = gather(stats, MemoryStore(), content, month)
    return write_statistics(public_figures(figures), content_dir, month)


def test_published_figures_are_totals_only_and_valid_content(content_dir: Path) -> None:
    path = publish(content_dir, month_of_figures())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/statistik.schema.json")
    assert "resep nasi goreng" not in text and "Sukamaju" not in text
    content = check(content_dir).content
    figures = content.statistics["2026-11"].data
    assert figures["layanan_teratas"] == [
        {"layanan": "kartu-keluarga", "jumlah": 2},
        {"layanan": "pbb", "jumlah": 1},
    ]
    assert (figures["pesan"], figures["warga"], figures["ikm"]["nilai"]) == (7, 2, 83.33)


def test_the_page_shows_months_newest_first_in_indonesian_numbers(content_dir: Path) -> None:
    publish(content_dir, month_of_figures())
    december = MemoryStats()
    december.add("2026-12-02", {"messages": 1234, "via:text": 1234}, 0)
    publish(content_dir, december, "2026-12")
    page = statistics_page(check(content_dir).content)
    assert page.index("## Desember 2026") < page.index("## November 2026")
    assert "| Pesan masuk | 1.234 |" in page
    assert "1. [Kartu Keluarga (KK)](layanan/kartu-keluarga.md): 2" in page
    assert "**Indeks Kepuasan Masyarakat (IKM): 83,33**, mutu B (Baik)" in page
    assert "| Menilai informasi membantu | 50% dari 2 jawaban |" in page


def test_without_published_months_the_page_says_so() -> None:
    from ..conftest import CONTENT

    assert "Belum ada angka bulanan yang diterbitkan." in statistics_page(check(CONTENT).content)


def test_a_wrong_service_or_month_is_an_error_with_its_line(content_dir: Path) -> None:
    path = publish(content_dir, month_of_figures())
    line = edit(path, "layanan: pbb", "layanan: pajak")
    with pytest.raises(ContentError) as raised:
        check(content_dir)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == ("content/statistik/2026-11.yaml", line)
    assert "layanan 'pajak' tidak ada" in problem.what
    path.rename(path.with_name("2026-10.yaml"))
    edit(path.with_name("2026-10.yaml"), "layanan: pajak", "layanan: pbb")
    with pytest.raises(ContentError) as renamed:
        check(content_dir)
    assert "berbeda dengan nama berkas '2026-10'" in renamed.value.problems[0].what


def test_the_built_portal_has_the_page_in_its_navigation(built) -> None:
    dist, _ = built
    page = (dist / "site/statistik/index.html").read_text(encoding="utf-8")
    assert "Statistik PUSPA" in page
    assert 'href="statistik/"' in (dist / "site/index.html").read_text(encoding="utf-8")
