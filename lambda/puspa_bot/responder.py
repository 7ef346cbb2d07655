"""Answer one delivered message: load state, run the engine, carry out effects, send, remember."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .conversation import (
    CallStaff,
    EraseMyData,
    Incoming,
    Kind,
    LookUpEktp,
    LookUpStatus,
    Outcome,
    RateHelpful,
    Reply,
    StaffAction,
    SubmitSignup,
    SubmitSurvey,
    Unmatched,
)
from .ektp_desk import lookup_reply
from .ektp_list import EktpList, MemoryEktpList, keyed_hash
from .engine import respond
from .form_flow import answer_lines
from .graph_api import GraphApiError
from .placeholders import fill
from .reply_index import ReplyIndex
from .signup import new_record, signup_code
from .staff_desk import staff_replies, status_reply
from .stats import RESIDENT_TAG_LENGTH, MemoryStats, Stats, anonymised, local_day
from .store import Store
from .whatsapp_payload import Delivery

_logger = logging.getLogger("puspa")
CODE_ATTEMPTS = 5
"""Codes tried for one sign-up before giving up (a clash is one in billions)."""


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
    staff: frozenset[str] = field(default_factory=frozenset)
    """WhatsApp ids of the office staff (PUSPA_STAFF_NUMBERS)."""
    decision_template: dict[str, str] | None = None
    """{'name', 'language'} of the template for decisions outside the 24-hour window."""
    cards: EktpList = field(default_factory=MemoryEktpList)
    """The list of printed e-KTP cards (CEK KTP <NIK>)."""
    stats: Stats = field(default_factory=MemoryStats)
    """Where the monthly figures are counted."""
    pepper: str = ""
    """The secret key of the NIK and number hashes (PUSPA_NIK_PEPPER); no lookups without it."""

    def handle(self, delivery: Delivery, deadline: float) -> Outcome:
        """Answer one message.

        A sign-up is stored (conditionally, once) before anyone is told of it. Each outgoing
        message is recorded once sent, so a retried delivery (after a failure anywhere) sends
        only what is missing. State is saved only after everything went out.
        """
        now = delivery.incoming.timestamp
        state = self.store.load(delivery.wa_id)
        incoming = delivery.incoming
        if delivery.wa_id in self.staff:
            incoming = replace(incoming, from_staff=True)
        outcome = respond(self.index, state, incoming)
        outgoing, events = self._carry_out(delivery, outcome)
        kept = self.store.pending_for(delivery.wa_id) if delivery.wa_id in self.staff else []
        outgoing += [(delivery.wa_id, Reply(text)) for _, text in kept]
        with contextlib.suppress(GraphApiError):  # the blue ticks are a courtesy
            self.sender.mark_read(delivery.phone_number_id, delivery.message_id, deadline)
        self._send_all(delivery, outgoing, deadline, now)
        for key, _ in kept:
            self.store.drop_pending(delivery.wa_id, key)
        if not any(isinstance(effect, EraseMyData) for effect in outcome.effects):
            self.store.save(delivery.wa_id, outcome.state)
        starts = not state.last_seen or local_day(state.last_seen)[:7] != local_day(now)[:7]
        self._record_figures(delivery, incoming, outcome, events, starts)
        return outcome

    def _carry_out(
        self, delivery: Delivery, outcome: Outcome
    ) -> tuple[list[tuple[str, Reply]], dict[str, int]]:
        """Carry out the engine's effects: the messages to send, and the events to count."""
        now = delivery.incoming.timestamp
        outgoing = [(delivery.wa_id, reply) for reply in outcome.replies]
        events: dict[str, int] = {}
        for effect in outcome.effects:
            if isinstance(effect, SubmitSignup):
                record = self._store_signup(delivery, effect)
                code = record["code"]
                outgoing = [(to, _filled(reply, kode=code)) for to, reply in outgoing]
                outgoing += [(staff, self._staff_notice(record)) for staff in sorted(self.staff)]
                events.update(self._signup_events(record))
            elif isinstance(effect, LookUpEktp):
                reply, result = lookup_reply(
                    self.index, self.cards, self.pepper, delivery.wa_id, effect.nik, now
                )
                outgoing.append((delivery.wa_id, reply))
                events[f"ektp:{result}"] = 1
            elif isinstance(effect, RateHelpful):
                answer = "yes" if effect.helpful else "no"
                events |= {f"helpful:{answer}": 1, f"helpful_{answer}:{effect.service}": 1}
            elif isinstance(effect, SubmitSurvey):
                response_id = hashlib.sha256(delivery.message_id.encode()).hexdigest()[:20]
                self.stats.add_survey(local_day(now)[:7], response_id, effect.scores, now)
                events["survey:done"] = 1
            elif isinstance(effect, LookUpStatus):
                outgoing.append(
                    (delivery.wa_id, status_reply(self.index, self.store, effect, delivery.wa_id))
                )
            elif isinstance(effect, StaffAction):
                outgoing += staff_replies(
                    self.index, self.store, effect, delivery.wa_id, now, self.decision_template
                )
            elif isinstance(effect, CallStaff):
                notice = fill(
                    self.index.texts["staff_called"],
                    nomor_warga="+" + delivery.wa_id,
                    pertanyaan=effect.last_question or "-",
                )
                outgoing += [(staff, Reply(notice)) for staff in sorted(self.staff)]
            elif isinstance(effect, EraseMyData):
                erased = str(self.store.erase_resident(delivery.wa_id))
                outgoing = [(to, _filled(reply, jumlah=erased)) for to, reply in outgoing]
        return outgoing, events

    def _record_figures(
        self,
        delivery: Delivery,
        incoming: Incoming,
        outcome: Outcome,
        events: dict[str, int],
        first_this_month: bool,
    ) -> None:
        """Count unmatched questions and the message, after the answer went out.

        Counting is best effort: a failure here loses a count; it never makes Meta deliver the
        message again (which would run the conversation a second time).
        """
        now = incoming.timestamp
        try:
            for effect in outcome.effects:
                if isinstance(effect, Unmatched):
                    self.stats.count_unmatched(anonymised(effect.words), now)
            if not incoming.from_staff:
                self._count(delivery, outcome, events, first_this_month)
        except Exception as error:  # any store failure: the resident was answered already
            _logger.warning("figures not counted: %s", type(error).__name__)

    def _count(
        self, delivery: Delivery, outcome: Outcome, events: dict[str, int], first_this_month: bool
    ) -> None:
        """Add this message to the day's counters, and a resident starting a conversation to
        the month's residents (no personal data)."""
        now = delivery.incoming.timestamp
        day = local_day(now)
        counts = {
            "messages": 1,
            f"via:{_via(delivery.incoming)}": 1,
            f"intent:{outcome.intent.value}": 1,
            **events,
        }
        if outcome.service:
            counts[f"service:{outcome.service}"] = 1
        self.stats.add(day, counts, now)
        if first_this_month:
            tag = keyed_hash(self.pepper, f"{day[:7]}:{delivery.wa_id}")[:RESIDENT_TAG_LENGTH]
            self.stats.add_resident(day[:7], tag, now)

    def _signup_events(self, record: dict[str, Any]) -> dict[str, int]:
        """Counters for a new sign-up: one, and one for its desa."""
        desa_keys = [f["key"] for f in self.index.form["fields"] if f["kind"] == "desa"]
        desa = record["answers"].get(desa_keys[0], "") if desa_keys else ""
        return {"signup:new": 1, **({f"signup_desa:{desa}": 1} if desa else {})}

    def _send_all(
        self, delivery: Delivery, outgoing: list[tuple[str, Reply]], deadline: float, now: int
    ) -> None:
        """Send each message, skipping those an earlier attempt at this delivery sent.

        A message to someone else (a staff notice) that WhatsApp refuses for good, typically
        because that staff member has not written in 24 hours, is kept and sent the next time
        they write; it never blocks the resident's answer.
        """
        for number, (to, reply) in enumerate(outgoing):
            key = f"{delivery.message_id}#{number}"
            if self.store.was_sent(key):
                continue
            try:
                self.sender.send(delivery.phone_number_id, to, reply, deadline)
            except GraphApiError as error:
                if to == delivery.wa_id or error.retry_later:
                    raise
                self.store.add_pending(to, key, reply.text, now)
            self.store.mark_sent(key, now)

    def _store_signup(self, delivery: Delivery, effect: SubmitSignup) -> dict[str, Any]:
        """Write the sign-up once; a retried message finds the one it wrote before."""
        for attempt in range(CODE_ATTEMPTS):
            code = signup_code(delivery.message_id, attempt)
            record = new_record(
                code,
                delivery.wa_id,
                effect.answers,
                effect.event_date,
                delivery.message_id,
                delivery.incoming.timestamp,
                self.index.form["keep_days"],
            )
            if self.store.create_signup(record):
                return record
            existing = self.store.get_signup(code)
            if existing is not None and existing["message_id"] == delivery.message_id:
                return existing
        raise RuntimeError("no free sign-up code after several attempts")

    def _staff_notice(self, record: dict[str, Any]) -> Reply:
        """The message every staff number gets for a new sign-up."""
        text = fill(
            self.index.form["staff_notice"],
            kode=record["code"],
            nomor_warga="+" + record["resident"],
            ringkasan=answer_lines(self.index, record["answers"]),
        )
        return Reply(text)


def _via(incoming: Incoming) -> str:
    """How the resident asked: 'menu' (a tapped row or a typed number), 'text' or 'other'."""
    typed = incoming.text.strip()
    if incoming.kind is Kind.CHOICE or (typed.isdigit() and len(typed) <= 3):
        return "menu"
    return "text" if incoming.kind is Kind.TEXT else "other"


def _filled(reply: Reply, **values: str) -> Reply:
    """A reply with run-time placeholders ({kode}, {jumlah}) filled."""
    return Reply(fill(reply.text, **values), reply.interactive)
