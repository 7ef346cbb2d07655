"""The handover store on moto's DynamoDB and in memory: both keep the same rules."""

from __future__ import annotations

from typing import Any

import pytest
from puspa_bot.handover_store import (
    DONE,
    EXPIRED,
    RESIDENT,
    STAFF,
    TAKEN,
    WAITING,
    DynamoHandovers,
    Handovers,
    MemoryHandovers,
    new_record,
)

NOW = 1_800_000_000
ANA, BUDI = "6281100000001", "6281100000002"


@pytest.fixture(params=["dynamodb", "memory"])
def handovers(request: pytest.FixtureRequest) -> Handovers:
    """Both implementations."""
    if request.param == "memory":
        return MemoryHandovers()
    client: Any = request.getfixturevalue("dynamodb")
    return DynamoHandovers("puspa", client)


def opened(handovers: Handovers, ref: str = "REF2345") -> dict[str, Any]:
    """A new case, due in an hour."""
    record = new_record(
        ref,
        "6281234567890",
        "syarat kk",
        ("halo",),
        "PNID",
        "2027-01-15T08:00:00+00:00",
        NOW,
        deadline=NOW + 3600,
        keep_until=NOW + 86400,
    )
    return handovers.open(record)


def said(who: str, text: str, at: int, by: str = "") -> dict[str, Any]:
    """One message entry."""
    return {"who": who, "at": at, "text": text, **({"by": by} if by else {})}


def test_opening_twice_keeps_the_first(handovers: Handovers) -> None:
    first = opened(handovers)
    again = handovers.open({**first, "question": "something else", "keys": []})
    assert again["question"] == "syarat kk" and again["status"] == WAITING
    assert [r["ref"] for r in handovers.list_all()] == ["REF2345"]
    assert again["recent"] == ["halo"] and again["messages"] == []


def test_a_message_is_recorded_once_per_key(handovers: Handovers) -> None:
    opened(handovers)
    done, record = handovers.add_message("REF2345", said(RESIDENT, "halo", NOW), "k1", NOW, None)
    assert done and record is not None and record["last_resident_at"] == NOW
    again, record = handovers.add_message("REF2345", said(RESIDENT, "halo", NOW), "k1", NOW, None)
    assert not again and record is not None and len(record["messages"]) == 1
    assert handovers.add_message("NOSUCH2", said(RESIDENT, "x", NOW), "k2", NOW, None) == (
        False,
        None,
    )


def test_one_staff_member_holds_a_case_and_only_they_write_into_it(
    handovers: Handovers,
) -> None:
    opened(handovers)
    took, record = handovers.take("REF2345", ANA, NOW + 1)
    assert took and record is not None and (record["status"], record["taken_by"]) == (TAKEN, ANA)
    assert handovers.take("REF2345", ANA, NOW + 1)[0]  # a retry holds it still
    other, record = handovers.take("REF2345", BUDI, NOW + 2)
    assert not other and record is not None and record["taken_by"] == ANA
    refused, _ = handovers.add_message("REF2345", said(STAFF, "x", NOW, BUDI), "k1", NOW, NOW + 9)
    assert not refused
    ok, record = handovers.add_message(
        "REF2345", said(STAFF, "halo", NOW + 5, ANA), "k2", NOW + 5, NOW + 99
    )
    assert ok and record is not None
    assert (record["first_answer_at"], record["last_staff_at"], record["deadline"]) == (
        NOW + 5,
        NOW + 5,
        NOW + 99,
    )
    assert handovers.release("REF2345", BUDI, NOW + 6) is None
    released = handovers.release("REF2345", ANA, NOW + 6)
    assert released is not None and released["status"] == WAITING
    assert "taken_by" not in released and released["released_by"] == ANA


def test_closing_needs_an_open_case_not_held_by_another_and_still_due(
    handovers: Handovers,
) -> None:
    opened(handovers)
    handovers.take("REF2345", ANA, NOW)
    assert handovers.close("REF2345", DONE, BUDI, NOW + 1) is None
    assert handovers.close("REF2345", EXPIRED, "", NOW + 2, due_by=NOW + 10) is None  # not due
    closed = handovers.close("REF2345", DONE, ANA, NOW + 3)
    assert closed is not None and (closed["status"], closed["closed_by"]) == (DONE, ANA)
    assert handovers.close("REF2345", DONE, ANA, NOW + 4) is None
    late, _ = handovers.add_message("REF2345", said(RESIDENT, "x", NOW + 5), "k9", NOW + 5, None)
    assert not late


def test_a_handover_stays_out_of_the_sign_ups_status_index(dynamodb: Any) -> None:
    opened(DynamoHandovers("puspa", dynamodb))
    (item,) = dynamodb.scan(TableName="puspa")["Items"]
    assert "status" not in item and item["handover_status"] == {"S": WAITING}
