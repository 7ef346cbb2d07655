"""`puspa ektp`: the e-KTP operator loads the list of printed cards and marks pickups."""

from __future__ import annotations

import time
from pathlib import Path

from puspa_bot.contract import today
from puspa_bot.ektp_list import EktpList
from puspa_bot.form_fields import check_nik, mask_nik
from puspa_build.errors import PuspaError

from .ektp_import import (
    COLLECTED_COLUMNS,
    Card,
    ListError,
    ReadList,
    import_ready,
    mark_collected,
    read_list,
)


def import_file(path: Path, target: EktpList, pepper: str, keep_days: int) -> tuple[int, str]:
    """Import a list of printed cards; (exit status, report). Status 1 if any row was skipped;
    ListError (nothing imported) if the file as a whole cannot be read."""
    now = int(time.time())
    try:
        checked = read_list(path, today(now))
    except ListError as exc:
        raise ListError(f"{exc}. Tidak ada yang diimpor.") from None
    import_ready(checked.cards, target, pepper, now, keep_days)
    lines = [f"Diimpor: {len(checked.cards)} e-KTP siap diambil (dari {path.name})."]
    return _with_problems(checked, lines)


def collected(what: str, target: EktpList, pepper: str) -> tuple[int, str]:
    """Mark pickups from a file (column nik, optional tanggal_ambil) or one NIK; (exit status,
    report), status 1 if a card was not on the list or a row was skipped."""
    now = int(time.time())
    on = today(now)
    path = Path(what)
    if path.is_file():
        try:
            checked = read_list(path, on, COLLECTED_COLUMNS)
        except ListError as exc:
            raise ListError(f"{exc}. Tidak ada yang dicatat.") from None
    else:
        nik = check_nik(what)
        if nik is None:
            raise PuspaError(f"{what!r} bukan berkas dan bukan NIK yang sah (16 angka).")
        checked = ReadList([Card(1, nik, on.isoformat(), "")], [], [])
    missing = mark_collected(checked.cards, target, pepper)
    lines = [f"Dicatat sudah diambil: {len(checked.cards) - len(missing)} e-KTP."]
    lines += [
        f"  baris {card.line}: NIK {mask_nik(card.nik)} tidak ada di daftar e-KTP jadi"
        for card in missing
    ]
    status, text = _with_problems(checked, lines)
    return (1 if missing else status), text


def _with_problems(checked: ReadList, lines: list[str]) -> tuple[int, str]:
    """Add the skipped rows and ignored columns to a report."""
    if checked.ignored_columns:
        names = ", ".join(checked.ignored_columns)
        lines.append(f"Kolom yang diabaikan (tidak disimpan): {names}.")
    if checked.bad:
        lines.append(f"Dilewati: {len(checked.bad)} baris (baris lain tetap diimpor):")
        lines += [f"  baris {row.line}: {row.reason}" for row in checked.bad]
    return (1 if checked.bad else 0), "\n".join(lines)
