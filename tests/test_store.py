"""Conversation state and unmatched counts in DynamoDB (moto)."""

from __future__ import annotations

from typing import Any

from puspa_bot.conversation import State
from puspa_bot.store import STATE_TTL, DynamoStore, state_from_json, state_to_json


def test_state_round_trips_and_expires_after_a_day(dynamodb: Any) -> None:
    now = [1_800_000_000.0]
    store = DynamoStore("puspa", dynamodb, clock=lambda: now[0])
    state = State(options=("menu:kependudukan",), trail=("utama",), at_service=True, last_seen=7)
    store.save("6281", state)
    assert store.load("6281") == state
    assert store.load("6282") == State()
    item = dynamodb.get_item(
        TableName="puspa", Key={"pk": {"S": "CONV#6281"}, "sk": {"S": "STATE"}}
    )
    assert int(item["Item"]["expires_at"]["N"]) == int(now[0]) + STATE_TTL
    now[0] += STATE_TTL + 1  # DynamoDB's TTL deletes late; an expired item is already ignored
    assert store.load("6281") == State()


def test_unreadable_stored_state_is_a_new_conversation() -> None:
    assert state_from_json("not json") == State()
    assert state_from_json('{"options": 3}') == State()
    assert state_from_json(state_to_json(State(trail=("utama",)))) == State(trail=("utama",))


def test_store_keys_are_the_ones_the_table_definition_declares() -> None:
    from puspa_bot.store import PK, SK, TTL
    from puspa_local.tables import table_definition

    definition = table_definition()
    assert [k["AttributeName"] for k in definition["KeySchema"]] == [PK, SK]
    assert definition["TimeToLiveAttribute"] == TTL
