"""Read the WhatsApp Cloud API webhook payload into messages the engine understands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .conversation import Incoming, Kind

# Message types that carry nothing for PUSPA to answer: no reply at all.
SILENT_TYPES = frozenset({"reaction", "system", "ephemeral", "request_welcome"})
OLDEST = 8 * 24 * 60 * 60
"""A message's time may be this far before it reached the webhook (Meta retries for 7 days)."""
NEWEST = 5 * 60
"""... and this far after (clocks differ a little)."""
_WA_ID = re.compile(r"\d{5,20}")
"""A WhatsApp id is the sender's number in international form, digits only (E.164: 15 at most)."""
_NUMBER_ID = re.compile(r"\d{1,20}")
"""PUSPA's own phone number id, digits only (it becomes part of the Graph API's path)."""
_MESSAGE_ID = re.compile(r"[\x21-\x7e]{1,256}")
"""A message id: printable ASCII ('wamid.' and base64), far shorter than this in practice."""


@dataclass(frozen=True)
class Delivery:
    """One resident message as delivered to the webhook."""

    message_id: str
    wa_id: str
    """The sender's WhatsApp id (their phone number): personal data, never logged."""
    phone_number_id: str
    """PUSPA's own number id, which replies are sent from."""
    incoming: Incoming


def deliveries(payload: Any, received: int) -> Iterator[Delivery]:
    """Yield every resident message in a webhook payload; status updates and junk are skipped.

    `received` is when the webhook got the payload (seconds since the epoch): a message's own
    time is trusted only within a sane window around it, and is `received` otherwise.
    """
    if not isinstance(payload, dict):
        return
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            number_id = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
            for message in _dicts(value.get("messages")):
                delivery = _delivery(message, number_id, received)
                if delivery is not None:
                    yield delivery


def _delivery(message: dict[str, Any], phone_number_id: Any, received: int) -> Delivery | None:
    """One message, or None when it lacks what a reply needs or needs no reply."""
    message_id, sender = message.get("id"), message.get("from")
    kind = message.get("type")
    if not (
        _matches(_MESSAGE_ID, message_id)
        and _matches(_WA_ID, sender)
        and _matches(_NUMBER_ID, phone_number_id)
        and isinstance(kind, str)
    ):
        return None  # not a message Meta sends: nobody to answer, or nowhere to answer from
    if kind in SILENT_TYPES:
        return None
    incoming = _incoming(message, kind, _timestamp(message.get("timestamp"), received))
    return Delivery(message_id, sender, phone_number_id, incoming)


def _incoming(message: dict[str, Any], kind: str, timestamp: int) -> Incoming:
    """What the resident sent, by message type."""
    body = message.get(kind)
    body = body if isinstance(body, dict) else {}
    if kind == "text" and isinstance(body.get("body"), str):
        return Incoming(Kind.TEXT, _clean(body["body"]), timestamp)
    if kind == "button" and isinstance(body.get("text"), str):
        return Incoming(Kind.TEXT, _clean(body["text"]), timestamp)
    reply_type = body.get("type")
    if kind == "interactive" and isinstance(reply_type, str):
        reply = body.get(reply_type)
        if isinstance(reply, dict) and isinstance(reply.get("id"), str):
            return Incoming(Kind.CHOICE, _clean(reply["id"]), timestamp)
    return Incoming(Kind.OTHER, "", timestamp)


def _matches(pattern: re.Pattern[str], value: Any) -> bool:
    """Whether `value` is a string made wholly of what `pattern` allows."""
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def _clean(text: str) -> str:
    """Text as UTF-8 can carry it: a lone surrogate (JSON allows '\\ud800') becomes '?'."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _timestamp(value: Any, received: int) -> int:
    """WhatsApp's timestamp (seconds, sent as a string), or `received` when it is missing,
    unreadable or outside the window from OLDEST before to NEWEST after `received`."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return received
    try:
        stamp = int(value)
    except ValueError:
        return received
    return stamp if received - OLDEST <= stamp <= received + NEWEST else received


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    """The dict items of a list; anything else yields nothing."""
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))
