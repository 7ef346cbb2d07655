"""`puspa report`: the month's report for the Camat as one self-contained HTML file (and PDF)."""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from pathlib import Path
from typing import Any

import yaml

from . import report_charts as charts
from .content import STATISTICS_DIR, Content
from .monthly import MonthFigures
from .texts import indonesian_date, indonesian_number

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
"""Browsers that can print the report to PDF (headless)."""

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #212121; line-height: 1.45; }
h1 { color: #00695c; margin-bottom: 0; } h2 { color: #00695c; border-bottom: 1px solid #cfd8dc;
     padding-bottom: .2rem; margin-top: 2rem; break-after: avoid; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
           gap: .6rem; margin: 1rem 0; }
.figure { border: 1px solid #cfd8dc; border-radius: .4rem; padding: .6rem; }
.figure b { display: block; font-size: 1.6rem; color: #00695c; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eceff1; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { max-width: 100%; height: auto; } section { break-inside: avoid; }
.note { color: #546e7a; font-size: .9rem; }
"""


def render(figures: MonthFigures, content: Content) -> str:
    """The whole report as HTML, charts inline (one file to mail or print)."""
    month_name = indonesian_date(f"{figures.month}-01", content).split(" ", 1)[1]
    title = f"{content.laporan['judul']}: {month_name}"
    parts = [
        "<!doctype html>",
        '<html lang="id"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(content.kantor["kantor"])} · angka dari penghitung PUSPA, '
        "tanpa data pribadi.</p>",
        _summary(figures),
        _section("Pesan per hari", charts.messages_per_day(figures)),
        _section(
            "Layanan yang paling banyak ditanyakan",
            charts.ranked(figures.services, "Jawaban"),
            _table(figures.services, "Layanan", "Jawaban"),
        ),
        _section(
            "Pertanyaan yang belum bisa dijawab",
            charts.ranked(figures.unmatched, "Kali ditanyakan", charts.MUTED),
            '<p class="note">Kata-kata pertanyaan (angka panjang disamarkan dengan #). '
            "Editor konten dapat menambahkannya sebagai kata kunci layanan.</p>"
            + _table(figures.unmatched, "Kata-kata pertanyaan", "Kali"),
        ),
        _section(
            "Pendaftaran izin resepsi",
            charts.ranked(list(figures.signups_by_desa.items()), "Pendaftaran per desa"),
            _table(
                list(figures.signups_by_status.items()),
                "Status (data yang masih disimpan)",
                "Jumlah",
            ),
        ),
        _section(
            "Survei Kepuasan Masyarakat (IKM)",
            charts.ikm_by_element(figures),
            _ikm(figures, content),
        ),
        _section("Apakah informasi ini membantu?", charts.helpful(figures), _not_helpful(figures)),
        _section("Cek e-KTP", "", _ektp(figures)),
        _section("Konten yang perlu ditinjau", "", _stale(figures)),
        _section("Kertas yang dihemat (perkiraan)", "", _paper(figures, content)),
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part)


def write_report(
    html: str, folder: Path, month: str, *, pdf: bool = True
) -> tuple[Path, Path | None]:
    """Write laporan-<month>.html, and its PDF when asked and a headless browser is installed."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"laporan-{month}.html"
    page.write_text(html, encoding="utf-8")
    browser = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    if browser is None or not pdf:
        return page, None
    printed = folder / f"laporan-{month}.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return page, printed


def write_statistics(published: dict[str, Any], content_dir: Path, month: str) -> Path:
    """Write a month's public figures as content/statistik/<month>.yaml for the portal."""
    folder = content_dir / STATISTICS_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{month}.yaml"
    header = (
        "# yaml-language-server: $schema=../../schemas/statistik.schema.json\n"
        f"# Angka PUSPA bulan {month}, dibuat oleh `puspa report --month {month} --publish`.\n"
        "# Hanya angka gabungan, tanpa data pribadi. Tampil di halaman Statistik portal.\n"
    )
    body = yaml.safe_dump(published, allow_unicode=True, sort_keys=False)
    target.write_text(header + body, encoding="utf-8")
    return target


def ikm_summary(figures: MonthFigures) -> str:
    """The month's IKM in a few words: '77,78 (B)', or 'belum ada'."""
    if figures.ikm is None:
        return "belum ada"
    return f"{indonesian_number(figures.ikm.value, 2)} ({figures.ikm.grade})"


def _summary(figures: MonthFigures) -> str:
    """The headline figures."""
    ikm = ikm_summary(figures)
    menu, text = figures.count("via:menu"), figures.count("via:text")
    shares = f"{menu} lewat menu · {text} diketik" if menu + text else "—"
    boxes = [
        ("Pesan masuk", indonesian_number(figures.count("messages")), shares),
        ("Warga dilayani", str(figures.residents), "nomor berbeda"),
        ("Jawaban layanan", str(figures.answers), "pertanyaan terjawab"),
        ("Belum terjawab", str(figures.count("intent:fallback")), "dijawab 'belum memahami'"),
        ("Pendaftaran resepsi", str(figures.count("signup:new")), "baru bulan ini"),
        ("IKM", ikm, f"{figures.ikm.responses if figures.ikm else 0} responden"),
    ]
    cells = "".join(
        f'<div class="figure">{escape(label)}<b>{escape(value)}</b>'
        f'<span class="note">{escape(note)}</span></div>'
        for label, value, note in boxes
    )
    return f'<div class="figures">{cells}</div>'


def _section(title: str, chart: str, body: str = "") -> str:
    """One titled part of the report."""
    return f"<section><h2>{escape(title)}</h2>{chart}{body}</section>"


def _table(rows: list[tuple[str, int]], name: str, number: str) -> str:
    """A two-column table, or a note when there is nothing."""
    if not rows:
        return '<p class="note">Belum ada data bulan ini.</p>'
    body = "".join(f'<tr><td>{escape(k)}</td><td class="n">{v}</td></tr>' for k, v in rows)
    return (
        f'<table><tr><th>{escape(name)}</th><th class="n">{escape(number)}</th></tr>{body}</table>'
    )


def _ikm(figures: MonthFigures, content: Content) -> str:
    """The IKM table: each element's average, the index and its grade."""
    basis = escape(content.survei["dasar_hukum"])
    ikm = figures.ikm
    if ikm is None:
        return f'<p class="note">Belum ada survei yang selesai bulan ini. Dasar: {basis}.</p>'
    rows = "".join(
        f"<tr><td>{e.code}</td><td>{escape(e.name)}</td>"
        f'<td class="n">{indonesian_number(e.average, 2)}</td>'
        f'<td class="n">{indonesian_number(e.converted, 2)}</td></tr>'
        for e in ikm.elements
    )
    return (
        f"<p><b>IKM {indonesian_number(ikm.value, 2)}</b>: "
        f"mutu <b>{ikm.grade}</b> ({escape(ikm.performance)}), "
        f"dari {ikm.responses} responden. "
        f"Nilai indeks {indonesian_number(ikm.index, 3)} (skala 1&ndash;4) &times; 25.</p>"
        '<table><tr><th>Unsur</th><th></th><th class="n">Rata-rata (1&ndash;4)</th>'
        f'<th class="n">Nilai (25&ndash;100)</th></tr>{rows}</table>'
        f'<p class="note">Bobot sama untuk setiap unsur. Dasar: {basis}.</p>'
    )


def _not_helpful(figures: MonthFigures) -> str:
    """How many found the answers helpful, and which answers they did not."""
    yes, no = figures.count("helpful:yes"), figures.count("helpful:no")
    if not yes + no:
        return '<p class="note">Belum ada jawaban bulan ini.</p>'
    share = f"{100 * yes / (yes + no):.0f}%"
    return f"<p>{yes} menjawab membantu, {no} tidak ({share} membantu).</p>" + _table(
        figures.not_helpful, "Jawaban yang dinilai tidak membantu", "Kali"
    )


def _ektp(figures: MonthFigures) -> str:
    """The e-KTP lookups by outcome."""
    rows = [
        ("Sudah jadi", figures.count("ektp:ready")),
        ("Sudah diambil", figures.count("ektp:collected")),
        ("Belum ada di daftar", figures.count("ektp:not_found")),
        ("Ditolak karena terlalu sering", figures.count("ektp:refused")),
    ]
    return _table(rows, "Hasil pengecekan", "Kali")


def _stale(figures: MonthFigures) -> str:
    """Services past their review date."""
    if not figures.stale:
        return '<p class="note">Semua layanan ditinjau dalam setahun terakhir.</p>'
    items = "".join(f"<li>{escape(t)} (terakhir {escape(d)})</li>" for t, d in figures.stale)
    return f"<ul>{items}</ul>"


def _paper(figures: MonthFigures, content: Content) -> str:
    """The paper-saved estimate, with its assumption stated."""
    per_answer = content.laporan["lembar_per_jawaban"]
    sheets = indonesian_number(figures.paper_sheets)
    each = indonesian_number(per_answer, 1 if per_answer % 1 else 0)
    return (
        f"<p>Sekitar <b>{sheets} lembar</b>: {figures.answers} jawaban layanan "
        f"&times; {each} lembar per jawaban.</p>"
        '<p class="note">Lembar per jawaban adalah asumsi yang ditetapkan di content/laporan.yaml '
        "(selebaran persyaratan yang tidak perlu dicetak di loket).</p>"
    )
