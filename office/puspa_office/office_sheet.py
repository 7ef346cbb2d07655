"""`puspa lembar-kantor`: the office's work list, printed, filled in by hand, typed back.

Every warning of `make check` is one item of the sheet: what only the office can supply
(`belum_ada`), what it still has to confirm (`konfirmasi`), and a service not reviewed for a
year. Items are grouped by the file they belong to: the office's settings first, the services
in menu order, then the sign-up form, the e-KTP lookup and the monthly report. Each item says
what is asked, why it matters to residents, what residents read today, and leaves lines for
the answer; its file and line tell the editor where the answer goes. Every text is content's
(content/lembar-kantor.yaml); the page is one self-contained HTML file, A4 when printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from html import escape
from pathlib import Path
from typing import Any

from puspa_bot.contract import fill
from puspa_build.checks import REVIEW_EVERY
from puspa_build.content import Content
from puspa_build.texts import indonesian_date, indonesian_number, is_missing, whatsapp_html
from puspa_build.yaml_source import Source

from .printing import find_browser, print_pdf

SHEET_NAME = "lembar-isian-kantor"
"""The sheet's file name, without .html or .pdf."""
SETTINGS_BEFORE = ("kantor",)
"""Settings files whose items come before the services' (they are in every answer)."""
SETTINGS_AFTER = ("resepsi", "ektp", "petugas", "laporan")
"""Settings files whose items come after the services'."""


class Kind(Enum):
    """What the office is asked to do with an item."""

    MISSING = "belum_ada"
    """Supply something residents are told to ask the office about."""
    CONFIRM = "konfirmasi"
    """Confirm (or correct) text that is typical elsewhere."""
    REVIEW = "ditinjau"
    """Look over a whole service not reviewed for a year."""


@dataclass(frozen=True)
class Item:
    """One question for the office."""

    kind: Kind
    field: str
    """The part it is about: a service component or a settings key."""
    asked: str
    """What the content says the office must supply or confirm."""
    current: Any
    """What residents read today (the content value, or the belum_ada marker)."""
    file: str
    line: int
    where: str
    """The value's dotted path in its file, as `make check` names it."""


@dataclass(frozen=True)
class Group:
    """The items of one content file: one service, or one settings file."""

    key: str
    """The service id, or the settings file's name."""
    title: str
    file: str
    items: tuple[Item, ...]
    service: bool


@dataclass(frozen=True)
class Written:
    """What `office_sheet` wrote, for the summary line."""

    groups: list[Group]
    page: Path
    pdf: Path | None
    no_browser: bool
    """True when a PDF was wanted but no chromium is installed."""

    @property
    def items(self) -> int:
        """How many items the sheet has (the number of `make check` warnings)."""
        return sum(len(group.items) for group in self.groups)


def office_sheet(
    content: Content, version: str, out: Path, *, pdf: bool = True, today: date | None = None
) -> Written:
    """Gather the items, write the sheet's HTML into `out`, and its PDF when asked."""
    today = today or date.today()
    groups = gather(content, today)
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{SHEET_NAME}.html"
    page.write_text(render(content, groups, version, today), encoding="utf-8")
    browser = find_browser() if pdf else None
    printed = print_pdf(browser, page, out / f"{SHEET_NAME}.pdf") if browser else None
    return Written(groups, page, printed, no_browser=pdf and browser is None)


def gather(content: Content, today: date | None = None) -> list[Group]:
    """Every item, grouped by file: settings first, services in menu order, settings last."""
    today = today or date.today()
    texts = content.lembar_kantor["pengaturan"]
    groups = [_settings_group(content, name, texts) for name in SETTINGS_BEFORE]
    for service_id in content.ids_in_menu_order():
        source = content.services[service_id]
        items = [*_items(content, source), *_review(content, source, today)]
        title = source.data["nama"]
        groups.append(Group(service_id, title, _file(content, source), tuple(items), True))
    groups += [_settings_group(content, name, texts) for name in SETTINGS_AFTER]
    return [group for group in groups if group.items]


def render(content: Content, groups: list[Group], version: str, today: date) -> str:
    """The whole sheet as one HTML page: a cover with the list of parts, then each part on
    its own page."""
    texts = content.lembar_kantor
    count = sum(len(group.items) for group in groups)
    summary = fill(
        texts["ringkasan"],
        jumlah=count,
        bagian=len(groups),
        tanggal=indonesian_date(today.isoformat(), content),
        versi=version or "-",
    )
    steps = "".join(f"<li>{whatsapp_html(step)}</li>" for step in texts["cara_mengisi"])
    rows = "".join(
        f'<tr><td><a href="#bagian-{escape(group.key)}">{escape(group.title)}</a></td>'
        f'<td class="n">{len(group.items)}</td></tr>'
        for group in groups
    )
    parts = [
        "<!doctype html>",
        '<html lang="id"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(texts['judul'])}</title><style>{STYLE}</style></head><body>",
        '<header class="sampul">',
        f"<h1>{escape(texts['judul'])}</h1>",
        f'<p class="ringkasan">{escape(summary)}</p>',
        f"<p>{whatsapp_html(' '.join(texts['pengantar'].split()))}</p>",
        f"<ol>{steps}</ol>",
        f"<h2>{escape(texts['judul_daftar'])}</h2>",
        f'<table class="daftar"><tr><th>{escape(texts["kolom_bagian"])}</th>'
        f'<th class="n">{escape(texts["kolom_jumlah"])}</th></tr>{rows}</table>',
        "</header>",
    ]
    number = 0
    for position, group in enumerate(groups, start=1):
        title = fill(texts["judul_bagian"], nomor=position, dari=len(groups), judul=group.title)
        parts.append(
            f'<section class="bagian" id="bagian-{escape(group.key)}" '
            f'data-butir="{len(group.items)}"><h2>{escape(title)}</h2>'
        )
        for item in group.items:
            number += 1
            parts.append(_item(content, group, item, number))
        signature = "".join(f"<span>{escape(label)}:</span>" for label in texts["tanda_tangan"])
        parts.append(f'<footer class="tanda-tangan">{signature}</footer></section>')
    parts.append("</body></html>")
    return "\n".join(parts)


def field_texts(content: Content, group: Group, item: Item) -> dict[str, Any]:
    """The sheet's title, reason and number of answer lines for an item's field."""
    texts = content.lembar_kantor
    settings = texts["pengaturan"].get(group.key, {}).get("bagian", {})
    known = texts["bagian_layanan"] if group.service else settings
    return known.get(item.field, texts["bagian_lain"])


def _settings_group(content: Content, name: str, texts: dict[str, Any]) -> Group:
    """The items of one settings file."""
    source = content.settings[name]
    return Group(
        name, texts[name]["judul"], _file(content, source), tuple(_items(content, source)), False
    )


def _items(content: Content, source: Source) -> list[Item]:
    """A file's belum_ada and konfirmasi items, in the order of the fields they are about."""
    data = source.data
    found = [
        Item(
            Kind.MISSING,
            key,
            value["belum_ada"],
            value,
            _file(content, source),
            source.line((key,)),
            key,
        )
        for key, value in data.items()
        if is_missing(value)
    ]
    found += [
        Item(
            Kind.CONFIRM,
            key,
            note,
            data.get(key),
            _file(content, source),
            source.line(("konfirmasi", key)),
            f"konfirmasi.{key}",
        )
        for key, note in data.get("konfirmasi", {}).items()
    ]
    found += [
        Item(
            Kind.CONFIRM,
            "bagian",
            part["konfirmasi"],
            [part],
            _file(content, source),
            source.line(("bagian", number, "konfirmasi")),
            f"bagian[{number}].konfirmasi",
        )
        for number, part in enumerate(data.get("bagian", []))
        if "konfirmasi" in part
    ]
    order = list(data)
    return sorted(found, key=lambda item: order.index(item.field) if item.field in order else 0)


def _review(content: Content, source: Source, today: date) -> list[Item]:
    """The service's review item, when it was last reviewed more than a year ago."""
    try:
        reviewed = date.fromisoformat(source.data["ditinjau"])
    except ValueError:
        return []
    if today - reviewed <= REVIEW_EVERY:
        return []
    texts = content.lembar_kantor
    when = indonesian_date(source.data["ditinjau"], content)
    return [
        Item(
            Kind.REVIEW,
            "ditinjau",
            fill(texts["ditinjau_tanya"], tanggal=when),
            fill(texts["ditinjau_tampil"], tanggal=when),
            _file(content, source),
            source.line(("ditinjau",)),
            "ditinjau",
        )
    ]


def _item(content: Content, group: Group, item: Item, number: int) -> str:
    """One item: title, what is asked, why, the current text, choices, lines, location."""
    texts = content.lembar_kantor
    columns = texts["kolom"]
    field = field_texts(content, group, item)
    kind = item.kind.value
    rows = [
        (columns["ditanyakan"], escape(" ".join(item.asked.split()))),
        (columns["alasan"], escape(field["alasan"])),
        (columns["tampil"], _current(content, item.current)),
    ]
    table = "".join(
        f'<tr><th>{escape(label)}</th><td class="{name}">{value}</td></tr>'
        for (label, value), name in zip(rows, ("ditanyakan", "alasan", "tampil"), strict=True)
    )
    choices = ""
    if item.kind is Kind.CONFIRM:
        boxes = "".join(f'<span class="kotak"></span>{escape(c)}' for c in texts["pilihan"])
        choices = f'<p class="pilihan">{boxes}</p>'
    lines = '<div class="garis"></div>' * field["baris"]
    where = fill(texts["letak"], berkas=item.file, baris=item.line)
    return (
        f'<article class="butir" data-jenis="{kind}" data-berkas="{escape(item.file)}" '
        f'data-baris="{item.line}">'
        f'<h3><span class="nomor">{number}.</span> {escape(field["judul"])}'
        f'<span class="jenis jenis-{kind}">{escape(texts["jenis"][kind])}</span></h3>'
        f'<table class="isi">{table}</table>{choices}'
        f'<div class="jawaban"><p class="label">{escape(columns["jawaban"])}</p>{lines}</div>'
        f'<p class="letak">{escape(where)} · <code>{escape(item.where)}</code></p></article>'
    )


def _current(content: Content, value: Any) -> str:
    """What residents read today, as HTML: the office's 'not yet available', a text, a list,
    requirement groups, or the parts of an information page."""
    if is_missing(value):
        return f'<p class="kosong">{escape(content.pesan["belum_ada"])}</p>'
    if isinstance(value, bool) or value is None:
        return "<p>-</p>"
    if isinstance(value, int | float):
        return f"<p>{indonesian_number(value, 0 if float(value).is_integer() else 1)}</p>"
    if isinstance(value, str):
        return f"<p>{whatsapp_html(' '.join(value.split()))}</p>"
    if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
        return "<ol>" + "".join(f"<li>{whatsapp_html(entry)}</li>" for entry in value) + "</ol>"
    if isinstance(value, list):
        return "".join(_part(entry) for entry in value if isinstance(entry, dict))
    return f"<p>{escape(str(value))}</p>"


def _part(entry: dict[str, Any]) -> str:
    """A requirement group ('untuk' and 'butir') or an information part ('judul', 'teks')."""
    heading = entry.get("untuk") or entry.get("judul")
    html = f'<p class="sub">{whatsapp_html(heading)}</p>' if heading else ""
    if "teks" in entry:
        html += f"<p>{whatsapp_html(' '.join(entry['teks'].split()))}</p>"
    if "butir" in entry:
        html += "<ul>" + "".join(f"<li>{whatsapp_html(b)}</li>" for b in entry["butir"]) + "</ul>"
    return html


def _file(content: Content, source: Source) -> str:
    """The file as an editor finds it in the project: content/layanan/kk.yaml."""
    path = Path(source.name)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(content.root.parent).as_posix()
    except ValueError:
        return path.as_posix()


STYLE = """
@page { size: A4; margin: 14mm 14mm 16mm; }
body { font-family: system-ui, "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #212121;
       line-height: 1.4; max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
h1 { color: #00695c; font-size: 18pt; margin: 0 0 .4rem; }
h2 { color: #00695c; font-size: 13.5pt; border-bottom: 2px solid #00695c;
     padding-bottom: 1mm; margin: 4mm 0 2mm; break-after: avoid; }
section.bagian { break-before: page; }
section.bagian > h2 { margin-top: 0; }
.ringkasan { font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
table.daftar th, table.daftar td { text-align: left; padding: .8mm 2mm;
                                   border-bottom: 1px solid #cfd8dc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; width: 15%; }
a { color: inherit; text-decoration: none; }
article.butir { break-inside: avoid; border: 1px solid #90a4ae; border-radius: 2mm;
                padding: 2.5mm 4mm; margin: 3mm 0; }
h3 { font-size: 11pt; margin: 0 0 1.5mm; }
.nomor { color: #00695c; }
.jenis { font-size: 8.5pt; font-weight: 600; border: 1px solid; border-radius: 1mm;
         padding: 0 1.5mm; margin-left: 2.5mm; white-space: nowrap; }
.jenis-belum_ada { color: #b71c1c; } .jenis-konfirmasi { color: #bf360c; }
.jenis-ditinjau { color: #0d47a1; }
table.isi th { text-align: left; vertical-align: top; width: 28%; font-weight: 600;
               color: #455a64; padding: .8mm 3mm .8mm 0; }
table.isi td { vertical-align: top; padding: .8mm 0; }
table.isi p, table.isi ol, table.isi ul { margin: 0 0 1mm; }
table.isi ol, table.isi ul { padding-left: 5mm; }
td.tampil { border-left: 2px solid #b0bec5; padding-left: 2.5mm; }
.kosong { font-style: italic; }
.sub { font-weight: 600; }
.pilihan { margin: 2mm 0 0; }
.kotak { display: inline-block; width: 3.8mm; height: 3.8mm; border: 1px solid #212121;
         vertical-align: -0.6mm; margin: 0 1.5mm 0 5mm; }
.kotak:first-child { margin-left: 0; }
.jawaban .label { margin: 2mm 0 0; font-weight: 600; color: #455a64; }
.garis { border-bottom: 1px solid #78909c; height: 7.5mm; }
.letak { font-size: 8.5pt; color: #607d8b; margin: 1.5mm 0 0; }
footer.tanda-tangan { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin-top: 5mm;
                      break-inside: avoid; }
footer.tanda-tangan span { flex: 1 1 40%; border-bottom: 1px solid #78909c;
                           padding-top: 7mm; font-size: 9.5pt; color: #455a64; }
"""
