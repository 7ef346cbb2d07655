"""Reading webhook payloads: every message, nothing else, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from puspa_bot.conversation import Incoming, Kind
from puspa_bot.whatsapp_payload import Delivery, deliveries

FIXTURES = Path(__file__).parents[1] / "fixtures"
RECEIVED = 1798000030
"""When the webhook got the fixtures: half a minute after their timestamp."""


def test_text_message_is_read_with_its_sender_and_number() -> None:
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    (delivery,) = deliveries(payload, RECEIVED)
    assert delivery == Delivery(
        message_id=payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"],
        wa_id="6281234567890",
        phone_number_id="106540352242922",
        incoming=Incoming(Kind.TEXT, "info", 1798000000),
    )


def test_status_updates_carry_no_message() -> None:
    payload = json.loads((FIXTURES / "status_read.json").read_text())
    assert list(deliveries(payload, RECEIVED)) == []


def test_messages_missing_what_a_reply_needs_are_skipped() -> None:
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    value = payload["entry"][0]["changes"][0]["value"]
    value["messages"].append({"id": "wamid.2", "type": "text", "text": {"body": "x"}})  # no sender
    value["messages"].append("not a message")
    assert len(list(deliveries(payload, RECEIVED))) == 1
    del value["metadata"]
    assert list(deliveries(payload, RECEIVED)) == []


def test_odd_payloads_yield_nothing() -> None:
    for payload in (None, [], "x", {"entry": "x"}, {"entry": [{"changes": [{"value": 3}]}]}):
        assert list(deliveries(payload, RECEIVED)) == []


def message_at(timestamp: object) -> int:
    """The time the engine is given for a message that says it was sent at `timestamp`."""
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    if timestamp is None:
        del message["timestamp"]
    else:
        message["timestamp"] = timestamp
    (delivery,) = deliveries(payload, RECEIVED)
    return delivery.incoming.timestamp


def test_a_plausible_timestamp_is_kept() -> None:
    assert message_at("1798000000") == 1798000000
    assert message_at(1798000000) == 1798000000
    assert message_at(str(RECEIVED - 7 * 24 * 60 * 60)) == RECEIVED - 7 * 24 * 60 * 60  # a retry


@pytest.mark.parametrize(
    "timestamp",
    [
        None,
        "",
        "soon",
        "1798000000.5",
        10**18,
        "-5",
        -5,
        True,
        [1],
        str(RECEIVED + 3600),
        "9" * 5000,
    ],
)
def test_an_absurd_or_missing_timestamp_is_the_time_of_receipt(timestamp: object) -> None:
    assert message_at(timestamp) == RECEIVED


def fixture_with(**changes: object) -> dict[str, object]:
    """The text fixture with fields of its message (or its metadata's number id) changed."""
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    value = payload["entry"][0]["changes"][0]["value"]
    if "phone_number_id" in changes:
        value["metadata"]["phone_number_id"] = changes.pop("phone_number_id")
    value["messages"][0].update(changes)
    return payload


@pytest.mark.parametrize(
    "changes",
    [
        {"from": "6" * 4000},  # too big for a DynamoDB key
        {"from": "62812\n"},
        {"from": "+6281234567890"},
        {"from": "\ud800"},
        {"id": "x" * 10_000},
        {"id": "wamid.\ud800"},
        {"id": "wamid with spaces"},
        {"phone_number_id": "../../x?y="},  # it would become the Graph API's path
        {"phone_number_id": "1065 4035"},
        {"phone_number_id": "ü"},
    ],
)
def test_ids_meta_never_sends_are_not_answered(changes: dict[str, object]) -> None:
    assert list(deliveries(fixture_with(**changes), RECEIVED)) == []


def test_text_utf8_cannot_carry_is_made_safe() -> None:
    (delivery,) = deliveries(fixture_with(text={"body": "halo \ud800 info"}), RECEIVED)
    assert delivery.incoming.text == "halo ? info"
    assert delivery.incoming.text.encode("utf-8")


@pytest.mark.parametrize("reply_type", [["list_reply"], {"a": 1}, None, 3])
def test_an_interactive_reply_of_no_known_type_is_not_text(reply_type: object) -> None:
    payload = fixture_with(type="interactive", interactive={"type": reply_type})
    (delivery,) = deliveries(payload, RECEIVED)
    assert delivery.incoming.kind is Kind.OTHER
