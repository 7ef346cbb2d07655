"""The printed e-KTP list and the lookup rate limit, on moto's DynamoDB and in memory."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from puspa_bot.ektp_list import DynamoEktpList, EktpList, MemoryEktpList
from puspa_bot.privacy import keyed_hash

MESSAGES = itertools.count()
"""A new message id for each lookup."""


@pytest.fixture(params=["dynamodb", "memory"])
def cards(request: pytest.FixtureRequest) -> EktpList:
    """Both implementations, which must behave the same."""
    if request.param == "memory":
        return MemoryEktpList()
    client: Any = request.getfixturevalue("dynamodb")
    return DynamoEktpList("puspa", client)


def test_the_key_is_a_keyed_hash_never_the_nik() -> None:
    key = keyed_hash("pepper", "3201064510900001")
    assert len(key) == 64 and "3201064510900001" not in key
    assert key != keyed_hash("other pepper", "3201064510900001")


def test_reimporting_keeps_a_pickup_date(cards: EktpList) -> None:
    cards.put_ready("k1", "2026-11-20", "Kantor Kecamatan", 2_000_000_000)
    assert cards.mark_collected("k1", "2026-11-25")
    cards.put_ready("k1", "2026-11-20", "Kantor Kecamatan", 2_000_000_000)
    assert cards.get("k1") == {
        "ready_on": "2026-11-20",
        "place": "Kantor Kecamatan",
        "collected_on": "2026-11-25",
    }


def test_a_card_not_in_the_list_cannot_be_collected(cards: EktpList) -> None:
    assert not cards.mark_collected("missing", "2026-11-25")
    assert cards.get("missing") is None


def test_the_list_remembers_its_last_import(cards: EktpList) -> None:
    assert cards.updated() is None
    cards.set_updated("2026-11-29")
    assert cards.updated() == "2026-11-29"


def take(cards: EktpList, subject: str, window: int, token: str | None = None) -> bool:
    """One lookup by `subject` in `window` (limit 5), by a message of its own unless told."""
    return cards.take_lookup(subject, window, 5, 0, token or f"message-{next(MESSAGES)}")


def test_the_limit_holds_within_a_window_and_across_its_boundary(cards: EktpList) -> None:
    assert [take(cards, "a", 10) for _ in range(6)] == [True] * 5 + [False]
    assert not take(cards, "a", 11)  # the window before is still full
    assert take(cards, "b", 10)  # another number has its own count
    assert take(cards, "a", 12)  # two windows later it is free again


def test_split_across_two_windows_still_caps_at_the_limit(cards: EktpList) -> None:
    assert [take(cards, "a", 20) for _ in range(3)] == [True] * 3
    assert [take(cards, "a", 21) for _ in range(3)] == [True, True, False]


def test_a_retried_message_is_counted_once_and_allowed_again(cards: EktpList) -> None:
    assert [take(cards, "a", 30, token="retried") for _ in range(7)] == [True] * 7
    assert [take(cards, "a", 30) for _ in range(5)] == [True] * 4 + [False]
    assert take(cards, "a", 30, token="retried")  # still allowed: it was counted before


def test_forgetting_a_number_removes_its_counts(cards: EktpList) -> None:
    assert [take(cards, "a", 40) for _ in range(5)] == [True] * 5
    cards.forget("a")
    assert take(cards, "a", 40)
