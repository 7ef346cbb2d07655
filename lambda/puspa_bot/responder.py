"""Answer one delivered message: load state, run the engine, send, remember."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Protocol

from .conversation import Outcome, Reply, Unmatched
from .engine import respond
from .graph_api import GraphApiError
from .reply_index import ReplyIndex
from .store import Store
from .whatsapp_payload import Delivery


class Sender(Protocol):
    """Where replies go: the Graph API, or a printer when no token is set."""

    def send(self, phone_number_id: str, to: str, reply: Reply, deadline: float) -> None:
        """Send one reply."""
        ...

    def mark_read(self, phone_number_id: str, message_id: str, deadline: float) -> None:
        """Mark the resident's message as read."""
        ...


@dataclass
class Responder:
    """The engine wired to a store and a sender."""

    index: ReplyIndex
    store: Store
    sender: Sender

    def handle(self, delivery: Delivery, deadline: float) -> Outcome:
        """Answer one message. State is saved only after the replies went out."""
        state = self.store.load(delivery.wa_id)
        outcome = respond(self.index, state, delivery.incoming)
        with contextlib.suppress(GraphApiError):  # the blue ticks are a courtesy
            self.sender.mark_read(delivery.phone_number_id, delivery.message_id, deadline)

        for reply in outcome.replies:
            self.sender.send(delivery.phone_number_id, delivery.wa_id, reply, deadline)
        self.store.save(delivery.wa_id, outcome.state)
        for effect in outcome.effects:
            if isinstance(effect, Unmatched):
                self.store.count_unmatched(effect.words, delivery.incoming.timestamp)
        return outcome
