"""`puspa resepsi`: the office computer's view of izin resepsi sign-ups."""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from puspa_bot.form_fields import mask_nik
from puspa_bot.signup import APPROVED, REJECTED, STATUSES, is_urgent, urgent_first
from puspa_build.content import load_content
from puspa_build.errors import NotFound, PuspaError
from puspa_build.problems import ContentError, errors

OFFICE = "kantor"
"""Who decided or closed something from the office computer (as `by` in the records)."""

COLUMNS = ("code", "status", "event_date", "created_at", "resident")


@dataclass(frozen=True)
class Urgency:
    """Which sign-ups are urgent and how they are marked (content/resepsi.yaml)."""

    lead_workdays: int
    """An event sooner than this many working days after the sign-up makes it urgent."""
    mark: str
    """The mark staff see (`petugas.tanda_mendesak`), the same as on WhatsApp."""


def urgency(content_dir: Path) -> Urgency:
    """Read the lead time and the urgent mark from the sign-up form's content."""
    content, problems = load_content(content_dir)
    if "resepsi" not in content.settings:
        raise ContentError(sorted(errors(problems)))
    form = content.resepsi
    return Urgency(form["jarak_minimal_hari_kerja"], form["petugas"]["tanda_mendesak"])


def list_signups(store: Any, status: str | None, output: str, rule: Urgency) -> str:
    """Sign-ups (one status, or all) as a table, JSON or CSV; NIK masked.

    Urgent sign-ups still waiting for a decision come first (soonest event first), the rest
    oldest first; every urgent one is marked (JSON `urgent`, CSV and table: the mark).
    """
    statuses = [status] if status else list(STATUSES)
    records = [_masked(r) for s in statuses for r in store.list_signups(s)]
    records.sort(key=lambda r: r["created_at"])
    marked = urgent_first(records, rule.lead_workdays)
    if output == "json":
        listed = [{**r, "urgent": urgent} for urgent, r in marked]
        return json.dumps(listed, ensure_ascii=False, indent=2)
    keys = sorted({key for r in records for key in r["answers"]})
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([*COLUMNS, "urgent", *keys])
        for urgent, r in marked:
            mark = rule.mark if urgent else ""
            answers = [r["answers"].get(k, "") for k in keys]
            writer.writerow([*(r[c] for c in COLUMNS), mark, *answers])
        return buffer.getvalue()
    if not records:
        return "Tidak ada pendaftaran."
    width = len(rule.mark)
    lines = [f"{'':<{width}} {'KODE':<8} {'STATUS':<10} {'ACARA':<10} {'NAMA':<24} NIK"]
    for urgent, r in marked:
        name = next(iter(r["answers"].values()), "")
        lines.append(
            f"{rule.mark if urgent else '':<{width}} "
            f"{r['code']:<8} {r['status']:<10} {r['event_date']:<10} {name[:24]:<24} "
            f"{r['answers'].get('nik', '')}"
        )
    return "\n".join(lines)


def show_signup(store: Any, code: str, as_json: bool, rule: Urgency) -> str:
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
        f"Status:    {record['status']}"
        + (f" ({rule.mark})" if is_urgent(record, rule.lead_workdays) else ""),
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
