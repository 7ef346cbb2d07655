"""What carrying out one message's effects builds up, handed from desk to desk."""

from __future__ import annotations

from dataclasses import dataclass, field

from .contract import fill
from .conversation import Reply
from .whatsapp_payload import Delivery


@dataclass
class Carrying:
    """The messages to send and the events to count for one message, as desks add them."""

    delivery: Delivery
    key: str
    """The message's keyed hash: what desks make their writes idempotent by."""
    now: int
    outgoing: list[tuple[str, Reply]] = field(default_factory=list)
    """(recipient, reply) in sending order: the engine's replies first."""
    events: dict[str, int] = field(default_factory=dict)

    def fill(self, **values: str) -> None:
        """Fill run-time placeholders ({kode}, {jumlah}) in every message so far."""
        self.outgoing = [(to, filled(reply, **values)) for to, reply in self.outgoing]


def filled(reply: Reply, **values: str) -> Reply:
    """A reply with run-time placeholders ({kode}, {jumlah}) filled."""
    return Reply(fill(reply.text, **values), reply.interactive, reply.template)
