"""Read the e-KTP operator's list of printed cards (a spreadsheet's CSV) and load it.

Every row is checked before anything is written: a bad row is reported by its line and
skipped, a good row is written whole. Re-importing the same file changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from puspa_bot.contract import local_day
from puspa_bot.ektp_list import DAY, EktpList
from puspa_bot.form_fields import check_nik
from puspa_bot.privacy import keyed_hash
from puspa_build.errors import PuspaError

NIK_COLUMNS = ("nik", "no_nik", "nomor_nik")
READY_COLUMNS = ("tanggal_jadi", "tgl_jadi", "tanggal_cetak", "tgl_cetak", "tanggal")
PLACE_COLUMNS = ("tempat_ambil", "tempat", "lokasi_ambil", "lokasi")
COLLECTED_COLUMNS = ("tanggal_ambil", "tgl_ambil", "tanggal_diambil")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
_SCIENTIFIC = re.compile(r"^\d[.,]\d+e\+?\d+$", re.IGNORECASE)


class ListError(PuspaError):
    """The file as a whole cannot be read (nothing is imported)."""


@dataclass(frozen=True)
class Card:
    """One good row: a NIK and its dates and place."""

    line: int
    nik: str
    on: str
    """The ready date (import) or the pickup date (collected), YYYY-MM-DD."""
    place: str


@dataclass(frozen=True)
class BadRow:
    """A row that was skipped, and why (in Indonesian, for the operator)."""

    line: int
    reason: str


@dataclass(frozen=True)
class ReadList:
    """A checked file: good rows, bad rows, and the columns that were ignored."""

    cards: list[Card]
    bad: list[BadRow]
    ignored_columns: list[str]


def read_list(path: Path, today: date, date_columns: tuple[str, ...] = READY_COLUMNS) -> ReadList:
    """Read and check a CSV with a header row; only the `nik` column is required."""
    text = _decode(path.read_bytes())
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ListError(f"{path.name} kosong")
    header = [re.sub(r"\W+", "_", cell.strip().lower()).strip("_") for cell in rows[0]]
    nik_at = _column(header, NIK_COLUMNS)
    if nik_at is None:
        raise ListError(f"{path.name} tidak punya kolom nik (baris pertama: {', '.join(rows[0])})")
    date_at, place_at = _column(header, date_columns), _column(header, PLACE_COLUMNS)
    used = {nik_at, date_at, place_at}
    ignored = [name for n, name in enumerate(header) if n not in used and name]
    cards: list[Card] = []
    bad: list[BadRow] = []
    for line, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        problem, card = _check_row(line, cells, nik_at, date_at, place_at, today)
        if problem:
            bad.append(BadRow(line, problem))
        elif card:
            cards.append(card)
    return ReadList(cards, bad, ignored)


def import_ready(
    cards: list[Card], target: EktpList, pepper: str, now: int, keep_days: int
) -> None:
    """Write every card as ready, then the list's import date."""
    for card in cards:
        target.put_ready(keyed_hash(pepper, card.nik), card.on, card.place, now + keep_days * DAY)
    target.set_updated(local_day(now))


def mark_collected(cards: list[Card], target: EktpList, pepper: str) -> list[Card]:
    """Mark every card as picked up; return those not in the list."""
    return [
        card for card in cards if not target.mark_collected(keyed_hash(pepper, card.nik), card.on)
    ]


def _check_row(
    line: int,
    cells: list[str],
    nik_at: int,
    date_at: int | None,
    place_at: int | None,
    today: date,
) -> tuple[str, Card | None]:
    """Check one row: (reason it is bad, '') or ('', the card)."""
    raw = cells[nik_at].strip().lstrip("'").replace(" ", "")
    if _SCIENTIFIC.match(raw):
        return (
            f"NIK tertulis sebagai angka ilmiah ({raw}); angka belakangnya hilang. "
            "Ubah format kolom NIK menjadi Teks di spreadsheet, lalu simpan ulang sebagai CSV.",
            None,
        )
    nik = check_nik(raw)
    if nik is None:
        return f"NIK {raw or '(kosong)'} tidak sah: harus 16 angka sesuai susunan NIK", None
    on = today
    written = cells[date_at].strip() if date_at is not None else ""
    if written:
        parsed = _parse_date(written)
        if parsed is None:
            return f"tanggal {written!r} tidak dikenali (contoh: 2026-11-29 atau 29/11/2026)", None
        if parsed > today:
            return f"tanggal {written} belum lewat", None
        on = parsed
    place = cells[place_at].strip()[:120] if place_at is not None else ""
    return "", Card(line, nik, on.isoformat(), place)


def _parse_date(text: str) -> date | None:
    """A date in one of the forms spreadsheets write."""
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    """The position of the first column with one of `names`."""
    return next((header.index(name) for name in names if name in header), None)


def _decode(data: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without Excel's BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _delimiter(text: str) -> str:
    """Comma or semicolon (as spreadsheets in Indonesian locales export), from the header."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","
