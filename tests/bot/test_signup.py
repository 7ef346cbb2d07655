"""Sign-up records: which are urgent, and the order staff see them in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from puspa_bot.signup import is_urgent, new_record, urgent_first


def record(code: str, event: str, created: datetime, status: str = "baru") -> dict[str, Any]:
    """A sign-up made at `created` for an event on `event`."""
    made = new_record(
        code, "628111", {"nama": code}, event, f"m-{code}", int(created.timestamp()), 90
    )
    return {**made, "status": status}


# Sunday 29 November 2026, 20:00 UTC: already Monday 30 November, 03:00, in Jonggol
LATE_SUNDAY_UTC = datetime(2026, 11, 29, 20, tzinfo=UTC)


def test_urgency_counts_working_days_from_jonggols_date_of_the_sign_up() -> None:
    # 14 working days from Monday 30 November is 18 December (from Sunday it would be the 17th)
    assert is_urgent(record("A", "2026-12-17", LATE_SUNDAY_UTC), 14)
    assert not is_urgent(record("A", "2026-12-18", LATE_SUNDAY_UTC), 14)
    assert not is_urgent(record("A", "2026-12-17", LATE_SUNDAY_UTC), 0)


def test_urgent_ones_waiting_for_a_decision_come_first_soonest_event_first() -> None:
    calm = record("CALM", "2027-01-13", LATE_SUNDAY_UTC)
    soon = record("SOON", "2026-12-10", LATE_SUNDAY_UTC)
    sooner = record("SOONER", "2026-12-03", LATE_SUNDAY_UTC)
    decided = record("DECIDED", "2026-12-01", LATE_SUNDAY_UTC, status="disetujui")
    order = urgent_first([calm, decided, soon, sooner], 14)
    assert [(urgent, r["code"]) for urgent, r in order] == [
        (True, "SOONER"),
        (True, "SOON"),
        (False, "CALM"),
        (True, "DECIDED"),  # still marked, but no longer waiting: in its place
    ]
