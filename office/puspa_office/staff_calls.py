"""`puspa petugas`: residents' requests for a person (PETUGAS), on the office computer.

Every request is listed here: handovers answered by staff on WhatsApp (`show` prints one with
its messages), and requests recorded while no staff numbers were set.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any

from puspa_bot.contract import local_time
from puspa_bot.handover_store import OPEN, RESIDENT
from puspa_bot.store import CALL_OPEN
from puspa_build.errors import NotFound, PuspaError

from .signups import OFFICE

WAITING_STATUSES = (CALL_OPEN, *OPEN)
"""What `list` shows without --semua: requests nobody has closed yet."""


def list_calls(store: Any, everything: bool, as_json: bool) -> str:
    """Requests for a person still waiting (or all kept ones), oldest first: handovers to
    staff on WhatsApp, and requests recorded when no staff numbers were set."""
    rows = [_handover_row(h) for h in store.handovers.list_all()]
    rows += [_call_row(c) for c in store.list_calls()]
    rows = [row for row in rows if everything or row["status"] in WAITING_STATUSES]
    rows.sort(key=lambda row: row["created_at"])
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if not rows:
        return "Tidak ada permintaan yang menunggu." if not everything else "Tidak ada permintaan."
    lines = [
        f"{'KODE':<8} {'WAKTU (WIB)':<17} {'STATUS':<11} {'PETUGAS':<8} {'PESAN':>5} "
        f"{'WHATSAPP':<16} PERTANYAAN TERAKHIR"
    ]
    for row in rows:
        holder = f"…{row['taken_by'][-4:]}" if row["taken_by"] else "-"
        lines.append(
            f"{row['code']:<8} {_local_time(row['created_at']):<17} {row['status']:<11} "
            f"{holder:<8} {row['messages']:>5} {'+' + row['resident']:<16} {row['question'][:50]}"
        )
    return "\n".join(lines)


def show_handover(store: Any, code: str) -> str:
    """One handover with its messages (who, when, what); NotFound when there is none."""
    record = store.handovers.get(code.upper())
    if record is None:
        raise NotFound(
            f"Kode {code.upper()} tidak ditemukan. `puspa petugas list --semua` memuat semua kode."
        )
    holder = f"petugas …{record['taken_by'][-4:]}" if record.get("taken_by") else "-"
    lines = [
        f"Kode: {record['ref']}",
        f"Dibuka: {local_time(record['opened_at'])} WIB",
        f"Status: {record['status']}",
        f"Dipegang: {holder}",
        f"WhatsApp warga: +{record['resident']}",
        f"Pertanyaan terakhir: {record['question'] or '-'}",
    ]
    if record.get("first_answer_at"):
        minutes = (record["first_answer_at"] - record["opened_at"]) // 60
        lines.append(f"Jawaban petugas pertama: {minutes} menit setelah dibuka")
    lines += ["", "Pesan:"] if record["messages"] else ["", "Belum ada pesan."]
    for message in record["messages"]:
        who = "warga" if message["who"] == RESIDENT else f"petugas …{message.get('by', '')[-4:]}"
        lines.append(f"{local_time(message['at'])}  {who}: {message['text']}")
    return "\n".join(lines)


def _handover_row(record: dict[str, Any]) -> dict[str, Any]:
    """A handover as a list row."""
    return {
        "code": record["ref"],
        "kind": "serah terima",
        "created_at": record["created_at"],
        "status": record["status"],
        "resident": record["resident"],
        "question": record["question"] or "-",
        "taken_by": record.get("taken_by", ""),
        "messages": len(record["messages"]),
    }


def _call_row(call: dict[str, Any]) -> dict[str, Any]:
    """A request recorded without staff numbers, as a list row."""
    return {
        "code": call["code"],
        "kind": "dicatat",
        "created_at": call["created_at"],
        "status": call["call_status"],
        "resident": call["resident"],
        "question": call["question"],
        "taken_by": "",
        "messages": 0,
    }


def close_call(store: Any, code: str) -> str:
    """Mark a request answered; the message, or PuspaError saying why not."""
    closed = store.close_call(code.upper(), OFFICE, int(time.time()))
    if closed is None:
        known = any(call["code"] == code.upper() for call in store.list_calls())
        if known:
            raise PuspaError(f"Permintaan {code.upper()} sudah selesai.")
        raise NotFound(
            f"Kode {code.upper()} tidak ditemukan. `puspa petugas list --semua` memuat semua kode."
        )
    return f"Permintaan {closed['code']} ditandai selesai."


def _local_time(iso_utc: str) -> str:
    """2026-12-01T13:05:00+00:00 as '2026-12-01 20:05' (Jonggol's time)."""
    return local_time(datetime.fromisoformat(iso_utc).timestamp())
