"""`puspa report`: the month's report for the Camat as one self-contained HTML file (and PDF)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from puspa_bot.contract import fill
from puspa_build.content import Content
from puspa_build.texts import indonesian_date, indonesian_number, whatsapp_html

from puspa_office import report_charts as charts

from .monthly import MonthFigures
from .printing import find_browser, print_pdf

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
    texts = content.laporan["teks"]
    labels = charts.Labels.from_content(content)
    month_name = indonesian_date(f"{figures.month}-01", content).split(" ", 1)[1]
    title = f"{content.laporan['judul']}: {month_name}"
    statuses = content.resepsi["nama_status"]
    parts = [
        "<!doctype html>",
        '<html lang="id"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(content.kantor["kantor"])} · {escape(texts["sumber"])}</p>',
        _summary(figures, texts),
        _section(texts["judul_pesan_harian"], charts.messages_per_day(figures, labels)),
        _section(
            texts["judul_layanan"],
            charts.ranked(figures.services, texts["sumbu_jawaban"], labels),
            _table(figures.services, texts["kolom_layanan"], texts["kolom_jawaban"], texts),
        ),
        _section(
            texts["judul_tak_terjawab"],
            charts.ranked(figures.unmatched, texts["sumbu_kali"], labels, charts.MUTED),
            f'<p class="note">{escape(texts["catatan_tak_terjawab"])}</p>'
            + _table(figures.unmatched, texts["kolom_pertanyaan"], texts["kolom_kali"], texts),
        ),
        _section(
            texts["judul_resepsi"],
            charts.ranked(list(figures.signups_by_desa.items()), texts["sumbu_desa"], labels),
            _table(
                [(statuses[s], n) for s, n in figures.signups_by_status.items()],
                texts["kolom_status"],
                texts["kolom_jumlah"],
                texts,
            ),
        ),
        _section(
            texts["judul_ikm"], charts.ikm_by_element(figures, labels), _ikm(figures, content)
        ),
        _section(
            texts["judul_membantu"], charts.helpful(figures, labels), _not_helpful(figures, texts)
        ),
        _section(texts["judul_ektp"], "", _ektp(figures, texts)),
        _section(texts["judul_petugas"], "", _handovers(figures, texts)),
        _section(texts["judul_tinjau"], "", _stale(figures, texts)),
        _section(texts["judul_kertas"], "", _paper(figures, content)),
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
    browser = find_browser()
    if browser is None or not pdf:
        return page, None
    return page, print_pdf(browser, page, folder / f"laporan-{month}.pdf")


def ikm_summary(figures: MonthFigures, texts: dict[str, str]) -> str:
    """The month's IKM in a few words: '77,78 (B)', or 'belum ada'."""
    if figures.ikm is None:
        return texts["ikm_belum_ada"]
    return f"{indonesian_number(figures.ikm.value, 2)} ({figures.ikm.grade})"


def _summary(figures: MonthFigures, texts: dict[str, str]) -> str:
    """The headline figures."""
    menu, typed = figures.count("via:menu"), figures.count("via:text")
    responses = figures.ikm.responses if figures.ikm else 0
    boxes = [
        (
            texts["kotak_pesan"],
            indonesian_number(figures.count("messages")),
            fill(texts["kotak_pesan_rincian"], menu=menu, ketik=typed) if menu + typed else "—",
        ),
        (texts["kotak_warga"], str(figures.residents), texts["kotak_warga_rincian"]),
        (texts["kotak_jawaban"], str(figures.answers), texts["kotak_jawaban_rincian"]),
        (
            texts["kotak_belum"],
            str(figures.count("intent:fallback")),
            texts["kotak_belum_rincian"],
        ),
        (texts["kotak_resepsi"], str(figures.count("signup:new")), texts["kotak_resepsi_rincian"]),
        (
            texts["kotak_ikm"],
            ikm_summary(figures, texts),
            fill(texts["kotak_ikm_rincian"], jumlah=responses),
        ),
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


def _table(rows: list[tuple[str, int]], name: str, number: str, texts: dict[str, str]) -> str:
    """A two-column table, or a note when there is nothing."""
    if not rows:
        return _note(texts["kosong"])
    body = "".join(f'<tr><td>{escape(k)}</td><td class="n">{v}</td></tr>' for k, v in rows)
    return (
        f'<table><tr><th>{escape(name)}</th><th class="n">{escape(number)}</th></tr>{body}</table>'
    )


def _ikm(figures: MonthFigures, content: Content) -> str:
    """The IKM table: each element's average, the index and its grade."""
    texts = content.laporan["teks"]
    basis = content.survei["dasar_hukum"]
    ikm = figures.ikm
    if ikm is None:
        return _note(fill(texts["ikm_kosong"], dasar=basis))
    rows = "".join(
        f"<tr><td>{e.code}</td><td>{escape(e.name)}</td>"
        f'<td class="n">{indonesian_number(e.average, 2)}</td>'
        f'<td class="n">{indonesian_number(e.converted, 2)}</td></tr>'
        for e in ikm.elements
    )
    result = fill(
        texts["ikm_hasil"],
        nilai=indonesian_number(ikm.value, 2),
        mutu=ikm.grade,
        kinerja=ikm.performance,
        responden=ikm.responses,
        indeks=indonesian_number(ikm.index, 3),
    )
    return (
        f"<p>{whatsapp_html(result)}</p>"
        f"<table><tr><th>{escape(texts['kolom_unsur'])}</th><th></th>"
        f'<th class="n">{escape(texts["kolom_rata_rata"])}</th>'
        f'<th class="n">{escape(texts["kolom_nilai"])}</th></tr>{rows}</table>'
        + _note(fill(texts["ikm_catatan"], dasar=basis))
    )


def _not_helpful(figures: MonthFigures, texts: dict[str, str]) -> str:
    """How many found the answers helpful, and which answers they did not."""
    yes, no = figures.count("helpful:yes"), figures.count("helpful:no")
    if not yes + no:
        return _note(texts["membantu_kosong"])
    result = fill(texts["membantu_hasil"], ya=yes, tidak=no, persen=f"{100 * yes / (yes + no):.0f}")
    return f"<p>{escape(result)}</p>" + _table(
        figures.not_helpful, texts["kolom_tidak_membantu"], texts["kolom_kali"], texts
    )


def _ektp(figures: MonthFigures, texts: dict[str, str]) -> str:
    """The e-KTP lookups by outcome."""
    rows = [
        (texts["ektp_siap"], figures.count("ektp:ready")),
        (texts["ektp_diambil"], figures.count("ektp:collected")),
        (texts["ektp_belum"], figures.count("ektp:not_found")),
        (texts["ektp_ditolak"], figures.count("ektp:refused")),
    ]
    return _table(rows, texts["kolom_ektp"], texts["kolom_kali"], texts)


def _handovers(figures: MonthFigures, texts: dict[str, str]) -> str:
    """Handovers to staff: opened, answered, how they closed, and how soon staff answered."""
    outcomes = [
        (texts["petugas_dibuka"], figures.count("handover:open")),
        (texts["petugas_dijawab"], figures.count("handover:answered")),
        (texts["petugas_selesai"], figures.count("handover:done")),
        (texts["petugas_dibatalkan"], figures.count("handover:cancelled")),
        (texts["petugas_kedaluwarsa"], figures.count("handover:expired")),
    ]
    waits = [
        (texts[f"petugas_tunggu_{bucket}"], figures.count(f"handover_wait:{bucket}"))
        for bucket in ("15m", "1j", "4j", "lebih")
    ]
    return _table(outcomes, texts["kolom_petugas"], texts["kolom_jumlah"], texts) + _table(
        waits, texts["kolom_tunggu"], texts["kolom_jumlah"], texts
    )


def _stale(figures: MonthFigures, texts: dict[str, str]) -> str:
    """Services past their review date."""
    if not figures.stale:
        return _note(texts["tinjau_semua"])
    items = "".join(
        f"<li>{escape(fill(texts['tinjau_baris'], layanan=title, tanggal=reviewed))}</li>"
        for title, reviewed in figures.stale
    )
    return f"<ul>{items}</ul>"


def _paper(figures: MonthFigures, content: Content) -> str:
    """The paper-saved estimate, with its assumption stated."""
    texts = content.laporan["teks"]
    per_answer = content.laporan["lembar_per_jawaban"]
    result = fill(
        texts["kertas_hasil"],
        lembar=indonesian_number(figures.paper_sheets),
        jawaban=figures.answers,
        per_jawaban=indonesian_number(per_answer, 1 if per_answer % 1 else 0),
    )
    return f"<p>{whatsapp_html(result)}</p>" + _note(texts["kertas_catatan"])


def _note(text: str) -> str:
    """A muted paragraph."""
    return f'<p class="note">{escape(text)}</p>'
