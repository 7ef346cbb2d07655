"""`puspa ask`: how the bot answers a message, as the first message of a new conversation."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from puspa_bot.conversation import Incoming, Kind
from puspa_bot.graph_api import PrintingSender
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.responder import Responder
from puspa_bot.store import MemoryStore
from puspa_bot.whatsapp_payload import Delivery

ASK_WA_ID = "puspa-ask"
"""The conversation key `puspa ask` answers under (not a phone number)."""


@dataclass(frozen=True)
class Answer:
    """What the bot understood and everything it sent back."""

    intent: str
    service: str | None
    topic: str | None
    """The referral topic, when the answer is a referral."""
    case: str | None
    """The case of the service answered with its short answer, if any."""
    reply: str


def answer_each(index: ReplyIndex, texts: Iterable[str]) -> Iterator[Answer]:
    """Answer each text through the whole responder, in memory, each in a new conversation.

    No staff numbers and no NIK key are set, so effects' answers (PETUGAS, STATUS, CEK KTP) read
    as a resident would get them from such a setup.
    """
    for number, text in enumerate(texts):
        sender = PrintingSender(write=lambda _: None)
        incoming = Incoming(Kind.TEXT, text, timestamp=int(time.time()))
        delivery = Delivery(f"ask-{number}", ASK_WA_ID, "ask", incoming)
        outcome = Responder(index, MemoryStore(), sender).handle(delivery, time.monotonic() + 30)
        if outcome is None:  # a new store has answered nothing before; kept for the type
            continue
        reply = "\n\n".join(sent["text"] for sent in sender.sent)
        yield Answer(outcome.intent.value, outcome.service, outcome.topic, outcome.case, reply)
