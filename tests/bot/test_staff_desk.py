"""Staff commands on WhatsApp (DAFTAR, DETAIL): urgent sign-ups first and marked (moto table)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from puspa_bot.conversation import StaffAction
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.signup import new_record
from puspa_bot.staff_desk import staff_replies
from puspa_bot.store import DynamoStore

from .test_form_flow import NOW

STAFF = "6281100000001"
DAY = 24 * 60 * 60


def sign_up(store: DynamoStore, code: str, name: str, event: str, at: int) -> None:
    """Store a sign-up made at `at` for an event on `event`."""
    answers = {"nama": name, "nik": "3201065208900002", "tanggal": event}
    store.create_signup(new_record(code, "6281234567890", answers, event, f"w-{code}", at, 90))


def staff_says(index: ReplyIndex, store: DynamoStore, action: str, code: str = "") -> str:
    """The reply to one staff command."""
    ((to, reply),) = staff_replies(index, store, StaffAction(action, code), STAFF, NOW)
    assert to == STAFF
    return reply.text


def test_daftar_lists_urgent_sign_ups_first_and_marked(
    index: ReplyIndex, store: DynamoStore
) -> None:
    sign_up(store, "ACDEFGH", "Siti Aminah", "2027-01-13", NOW - 2 * DAY)
    sign_up(store, "KCDEFGH", "Budi Santoso", "2026-12-05", NOW)
    sign_up(store, "MCDEFGH", "Rina Wati", "2026-12-03", NOW - DAY)
    assert staff_says(index, store, "list") == (
        "*Pendaftaran yang menunggu keputusan (3):*\n"
        "• *MENDESAK* *MCDEFGH* — 3 Desember 2026 — Rina Wati\n"
        "• *MENDESAK* *KCDEFGH* — 5 Desember 2026 — Budi Santoso\n"
        "• *ACDEFGH* — 13 Januari 2027 — Siti Aminah"
    )


def test_detail_marks_an_urgent_sign_up(index: ReplyIndex, store: DynamoStore) -> None:
    sign_up(store, "ACDEFGH", "Siti Aminah", "2027-01-13", NOW)
    sign_up(store, "KCDEFGH", "Budi Santoso", "2026-12-05", NOW)
    urgent = staff_says(index, store, "detail", "KCDEFGH")
    assert urgent.startswith(
        "*MENDESAK* Status pendaftaran izin resepsi *KCDEFGH*: *sedang diperiksa petugas*.\n"
    )
    assert "2. *NIK:* 320106******0002" in urgent
    calm = staff_says(index, store, "detail", "ACDEFGH")
    assert calm.startswith("Status pendaftaran izin resepsi *ACDEFGH*:")


def test_a_sign_up_stored_before_urgency_existed_still_loads(
    index: ReplyIndex, store: DynamoStore, dynamodb: Any
) -> None:
    created = "2026-11-27T03:00:00+00:00"  # Friday 27 November 2026, 10:00 in Jonggol
    item = {  # an item exactly as the responder wrote it before sign-ups could be urgent
        "pk": {"S": "SIGNUP#PCDEFGH"},
        "sk": {"S": "SIGNUP"},
        "code": {"S": "PCDEFGH"},
        "resident": {"S": "6281234567890"},
        "answers": {"M": {"nama": {"S": "Ujang"}, "tanggal": {"S": "2026-12-17"}}},
        "event_date": {"S": "2026-12-17"},  # the earliest date the old form took
        "status": {"S": "baru"},
        "created_at": {"S": created},
        "message_id": {"S": "wamid.old"},
        "history": {
            "L": [
                {
                    "M": {
                        "status": {"S": "baru"},
                        "by": {"S": "warga"},
                        "at": {"S": created},
                        "reason": {"S": ""},
                    }
                }
            ]
        },
        "expires_at": {"N": str(int(datetime(2027, 3, 16, tzinfo=UTC).timestamp()))},
    }
    dynamodb.put_item(TableName="puspa", Item=item)
    sign_up(store, "KCDEFGH", "Budi Santoso", "2026-12-05", NOW)
    assert staff_says(index, store, "list").endswith(
        "• *MENDESAK* *KCDEFGH* — 5 Desember 2026 — Budi Santoso\n"
        "• *PCDEFGH* — 17 Desember 2026 — Ujang"
    )
    assert staff_says(index, store, "detail", "PCDEFGH").startswith("Status pendaftaran")
    (to_staff,) = [
        reply.text
        for to, reply in staff_replies(index, store, StaffAction("approve", "PCDEFGH"), STAFF, NOW)
        if to == STAFF
    ]
    assert to_staff.startswith("Pendaftaran *PCDEFGH* sekarang *disetujui*.")
