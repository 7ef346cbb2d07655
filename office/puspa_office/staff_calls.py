"""`puspa petugas`: residents' requests for a person (PETUGAS), on the office computer.

Every request is listed here, whether or not staff numbers are set to be told on WhatsApp.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any

from puspa_bot.contract import local_time
from puspa_bot.store import CALL_OPEN
from puspa_build.errors import NotFound, PuspaError

from .signups import OFFICE


def list_calls(store: Any, everything: bool, as_json: bool) -> str:
    """The requests waiting for an answer (or all kept ones), oldest first."""
    calls = [c for c in store.list_calls() if everything or c["call_status"] == CALL_OPEN]
    if as_json:
        return json.dumps(calls, ensure_ascii=False, indent=2)
    if not calls:
        return "Tidak ada permintaan yang menunggu." if not everything else "Tidak ada permintaan."
    lines = [f"{'KODE':<8} {'WAKTU (WIB)':<17} {'STATUS':<9} {'WHATSAPP':<16} PESAN TERAKHIR"]
    for call in calls:
        lines.append(
            f"{call['code']:<8} {_local_time(call['created_at']):<17} "
            f"{call['call_status']:<9} {'+' + call['resident']:<16} {call['question'][:60]}"
        )
    return "\n".join(lines)


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
