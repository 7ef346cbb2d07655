"""`puspa resepsi`: the office computer's view of izin resepsi sign-ups."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Any

from puspa_bot.form_fields import mask_nik
from puspa_bot.signup import APPROVED, REJECTED, STATUSES
from puspa_build.errors import NotFound, PuspaError

OFFICE = "kantor"
"""Who decided or closed something from the office computer (as `by` in the records)."""

COLUMNS = ("code", "status", "event_date", "created_at", "resident")


def list_signups(store: Any, status: str | None, output: str) -> str:
    """Sign-ups (one status, or all), oldest first, as a table, JSON or CSV; NIK masked."""
    statuses = [status] if status else list(STATUSES)
    records = [_masked(r) for s in statuses for r in store.list_signups(s)]
    records.sort(key=lambda r: r["created_at"])
    if output == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    keys = sorted({key for r in records for key in r["answers"]})
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([*COLUMNS, *keys])
        for r in records:
            writer.writerow([*(r[c] for c in COLUMNS), *(r["answers"].get(k, "") for k in keys)])
        return buffer.getvalue()
    if not records:
        return "Tidak ada pendaftaran."
    lines = [f"{'KODE':<8} {'STATUS':<10} {'ACARA':<10} {'NAMA':<24} NIK"]
    for r in records:
        name = next(iter(r["answers"].values()), "")
        lines.append(
            f"{r['code']:<8} {r['status']:<10} {r['event_date']:<10} {name[:24]:<24} "
            f"{r['answers'].get('nik', '')}"
        )
    return "\n".join(lines)


def show_signup(store: Any, code: str, as_json: bool) -> str:
    """One sign-up in full (for the office: the full NIK); NotFound if there is no such code."""
    record = store.get_signup(code.upper())
    if record is None:
        raise NotFound(
            f"Kode {code.upper()} tidak ditemukan. `puspa resepsi list` memuat semua kode."
        )
    if as_json:
        return json.dumps(record, ensure_ascii=False, indent=2)
    lines = [
        f"Kode:      {record['code']}",
        f"Status:    {record['status']}",
        f"Acara:     {record['event_date']}",
        f"WhatsApp:  +{record['resident']}",
        f"Dibuat:    {record['created_at']}",
        "Jawaban:",
    ]
    lines += [f"  {key}: {value}" for key, value in record["answers"].items()]
    lines.append("Riwayat:")
    lines += [
        f"  {h['at']}  {h['status']:<10} oleh {h['by']}"
        + (f": {h['reason']}" if h["reason"] else "")
        for h in record["history"]
    ]
    return "\n".join(lines)


def set_status(store: Any, code: str, status: str, reason: str) -> str:
    """Decide a sign-up from the office computer; the message, or PuspaError saying why not."""
    if status == REJECTED and not reason:
        raise PuspaError("Penolakan perlu alasan: --alasan '...'")
    if status not in (APPROVED, REJECTED):
        raise PuspaError(f"Status harus {APPROVED} atau {REJECTED}.")
    decided = store.set_status(code.upper(), status, OFFICE, reason, int(time.time()))
    if decided is None:
        current = store.get_signup(code.upper())
        if current is None:
            raise NotFound(f"Kode {code.upper()} tidak ditemukan.")
        raise PuspaError(f"{current['code']} sudah berstatus {current['status']}.")
    return (
        f"{decided['code']} sekarang {decided['status']}. "
        f"Warga melihatnya dengan STATUS {decided['code']} di WhatsApp."
    )


def _masked(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its NIK masked (lists never show a full NIK)."""
    answers = dict(record["answers"])
    if answers.get("nik"):
        answers["nik"] = mask_nik(answers["nik"])
    return {**record, "answers": answers}
