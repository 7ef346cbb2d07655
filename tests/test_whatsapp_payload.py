"""Reading webhook payloads: every message, nothing else, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

from puspa_bot.conversation import Incoming, Kind
from puspa_bot.whatsapp_payload import Delivery, deliveries

FIXTURES = Path(__file__).with_name("fixtures")


def test_text_message_is_read_with_its_sender_and_number() -> None:
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    (delivery,) = deliveries(payload)
    assert delivery == Delivery(
        message_id=payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"],
        wa_id="6281234567890",
        phone_number_id="106540352242922",
        incoming=Incoming(Kind.TEXT, "info", 1798000000),
    )


def test_status_updates_carry_no_message() -> None:
    payload = json.loads((FIXTURES / "status_read.json").read_text())
    assert list(deliveries(payload)) == []


def test_messages_missing_what_a_reply_needs_are_skipped() -> None:
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    value = payload["entry"][0]["changes"][0]["value"]
    value["messages"].append({"id": "wamid.2", "type": "text", "text": {"body": "x"}})  # no sender
    value["messages"].append("not a message")
    assert len(list(deliveries(payload))) == 1
    del value["metadata"]
    assert list(deliveries(payload)) == []


def test_odd_payloads_yield_nothing() -> None:
    for payload in (None, [], "x", {"entry": "x"}, {"entry": [{"changes": [{"value": 3}]}]}):
        assert list(deliveries(payload)) == []
