"""Izin resepsi sign-ups: reference codes and the stored record (schemas/signup.schema.json)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .contract import today
from .form_fields import sooner_than

CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
"""Letters and digits hard to mix up aloud or on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B)."""
CODE_LENGTH = 7
"""25^7 = 6.1 billion codes: short to read aloud, hard to guess."""
NEW = "baru"
APPROVED = "disetujui"
REJECTED = "ditolak"
STATUSES = (NEW, APPROVED, REJECTED)


def looks_like_code(text: str) -> bool:
    """Whether `text` has the form of a sign-up code (so 'status ktp' is not one)."""
    return len(text) == CODE_LENGTH and all(letter in CODE_ALPHABET for letter in text)


def signup_code(seed: str, attempt: int = 0) -> str:
    """The code for a sign-up made by message `seed`; a retried message gets the same code."""
    digest = hashlib.sha256(f"{seed}#{attempt}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[digit])
    return "".join(letters)


def new_record(
    code: str,
    resident: str,
    answers: dict[str, str],
    event_date: str,
    message_id: str,
    now: int,
    keep_days: int,
) -> dict[str, Any]:
    """A new sign-up as stored: status 'baru' and the first line of its history."""
    created = datetime.fromtimestamp(now, tz=UTC).isoformat(timespec="seconds")
    expires = datetime.combine(
        date.fromisoformat(event_date) + timedelta(days=keep_days),
        datetime.min.time(),
        tzinfo=UTC,
    )
    return {
        "code": code,
        "resident": resident,
        "answers": dict(answers),
        "event_date": event_date,
        "status": NEW,
        "created_at": created,
        "message_id": message_id,
        "history": [{"status": NEW, "by": "warga", "at": created, "reason": ""}],
        "expires_at": int(expires.timestamp()),
    }


def is_urgent(record: Mapping[str, Any], lead_workdays: int) -> bool:
    """Whether a sign-up came in sooner before its event than the lead time (in Jonggol's days).

    The form warned the resident and took the date; staff see such sign-ups first. Worked out
    from the record's own dates, as the form decided it, so a record stored before urgency
    existed needs no new field.
    """
    registered = today(datetime.fromisoformat(record["created_at"]).timestamp())
    return sooner_than(date.fromisoformat(record["event_date"]), registered, lead_workdays)


def urgent_first(
    records: Sequence[dict[str, Any]], lead_workdays: int
) -> list[tuple[bool, dict[str, Any]]]:
    """Each record with whether it is urgent. Urgent ones still waiting for a decision come
    first, soonest event first; the others follow in the order given."""
    marked = [(is_urgent(record, lead_workdays), record) for record in records]
    pressing = [m for m in marked if m[0] and m[1]["status"] == NEW]
    pressing.sort(key=lambda m: m[1]["event_date"])
    return pressing + [m for m in marked if not (m[0] and m[1]["status"] == NEW)]
