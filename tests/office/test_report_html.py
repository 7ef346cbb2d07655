"""`puspa report`: a month's figures gathered and written as HTML with charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_bot.stats import MemoryStats
from puspa_bot.store import MemoryStore
from puspa_build.compiler import check
from puspa_office.monthly import gather
from puspa_office.report_html import render, write_report

from ..conftest import CONTENT

CONTENT_NOW = check(CONTENT).content


def month_of_figures() -> MemoryStats:
    """A small November: two days of messages, a survey, an unmatched question."""
    stats = MemoryStats()
    stats.add("2026-11-03", {"messages": 5, "via:menu": 3, "via:text": 2}, 0)
    stats.add("2026-11-03", {"service:kartu-keluarga": 2, "service:pbb": 1}, 0)
    stats.add("2026-11-04", {"messages": 2, "via:text": 2, "intent:fallback": 1}, 0)
    stats.add("2026-11-04", {"helpful:yes": 1, "helpful:no": 1, "helpful_no:pbb": 1}, 0)
    stats.add("2026-11-04", {"signup:new": 1, "signup_desa:Sukamaju": 1, "ektp:refused": 1}, 0)
    stats.add("2026-11-05", {"handover:open": 3, "handover:answered": 2, "handover:done": 2}, 0)
    stats.add("2026-11-05", {"handover_wait:15m": 1, "handover_wait:4j": 1}, 0)
    stats.add("2026-11-06", {"handover:expired": 1}, 0)
    stats.add("2026-12-01", {"messages": 9}, 0)
    stats.add_resident("2026-11", "aaa", 0)
    stats.add_resident("2026-11", "bbb", 0)
    stats.add_survey("2026-11", "r1", (4, 3, 4, 4, 3, 3, 4, 2, 3), 0)
    stats.questions["2026-11"] = {"resep nasi goreng": 3, "pajak motor #": 1}
    return stats


def test_gather_sums_the_month_only() -> None:
    figures = gather(month_of_figures(), MemoryStore(), CONTENT_NOW, "2026-11")
    assert figures.count("messages") == 7
    assert len(figures.messages_per_day) == 30
    assert figures.messages_per_day["2026-11-03"] == 5
    assert figures.messages_per_day["2026-11-30"] == 0
    assert figures.services == [("Kartu Keluarga (KK)", 2), ("Pajak Bumi dan Bangunan (PBB)", 1)]
    assert figures.unmatched == [("resep nasi goreng", 3), ("pajak motor #", 1)]
    assert figures.signups_by_desa == {"Sukamaju": 1}
    assert figures.not_helpful == [("Pajak Bumi dan Bangunan (PBB)", 1)]
    assert figures.residents == 2 and figures.answers == 3
    assert figures.paper_sheets == 3 * CONTENT_NOW.laporan["lembar_per_jawaban"]
    assert figures.ikm is not None and figures.ikm.value == 83.33


def test_the_report_has_its_charts_and_tables() -> None:
    figures = gather(month_of_figures(), MemoryStore(), CONTENT_NOW, "2026-11")
    html = render(figures, CONTENT_NOW)
    assert html.startswith('<!doctype html>\n<html lang="id">')
    assert "<title>Laporan Bulanan PUSPA Kecamatan Jonggol: November 2026</title>" in html
    assert html.count("<svg") == 6
    assert "<b>IKM 83,33</b>: mutu <b>B</b> (Baik), dari 1 responden" in html
    assert '<tr><td>resep nasi goreng</td><td class="n">3</td></tr>' in html
    assert "1 menjawab membantu, 1 tidak (50% membantu)." in html
    assert "Sekitar <b>3 lembar</b>" in html
    handovers = html[html.index("Permintaan petugas (serah terima") :]
    for label, number in (
        ("Dibuka", 3),
        ("Dijawab petugas", 2),
        ("Ditutup petugas (SELESAI)", 2),
        ("Tidak terjawab, ditutup otomatis", 1),
        ("Dalam 15 menit", 1),
        ("Dalam 4 jam", 1),
        ("Dalam 1 jam", 0),
    ):
        assert f'<tr><td>{label}</td><td class="n">{number}</td></tr>' in handovers


def test_an_empty_month_still_renders(tmp_path: Path) -> None:
    figures = gather(MemoryStats(), MemoryStore(), CONTENT_NOW, "2027-02")
    html = render(figures, CONTENT_NOW)
    assert html.count("Belum ada data") >= 4
    page, pdf = write_report(html, tmp_path, "2027-02", pdf=False)
    assert (page.name, pdf) == ("laporan-2027-02.html", None)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_pdf_is_printed_by_headless_chromium(tmp_path: Path) -> None:
    figures = gather(month_of_figures(), MemoryStore(), CONTENT_NOW, "2026-11")
    _, pdf = write_report(render(figures, CONTENT_NOW), tmp_path, "2026-11")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
