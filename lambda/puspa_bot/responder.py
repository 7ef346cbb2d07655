"""Answer one delivered message: take its turn, carry out its effects, send, finish, count.

The order is what makes each message take effect once, and one at a time per resident:

1. Load the conversation. A message answered before is skipped; one whose turn was taken but
   whose answer is unfinished is answered again from the state it was answered from.
2. Answer with the engine and save the new state on condition that the conversation did not
   change since it was loaded; if another message came first, load again and answer anew.
3. Carry out the effects. Each is keyed by the message, so carrying it out again (on Meta's
   retry) changes nothing: one sign-up, one lookup counted, one decision.
4. Send every reply not sent yet, recording each one the moment it went out.
5. Finish: the message is no longer in flight. 6. Count it (best effort).

A failure anywhere raises, the webhook answers 500, and Meta's retry resumes at step 1.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .carrying import Carrying
from .contract import fill, local_day
from .conversation import (
    CallStaff,
    EraseMyData,
    HandoverAction,
    Incoming,
    Kind,
    LookUpEktp,
    LookUpStatus,
    Outcome,
    RateHelpful,
    Reply,
    StaffAction,
    State,
    SubmitSignup,
    SubmitSurvey,
    Unmatched,
)
from .ektp_desk import lookup_reply
from .ektp_list import EktpList, MemoryEktpList
from .engine import erase_confirmed, respond
from .form_flow import answer_lines
from .graph_api import GraphApiError
from .handover_desk import HandoverDesk
from .privacy import keyed_hash, message_key
from .reply_index import ReplyIndex
from .signup import is_urgent, new_record, signup_code
from .staff_desk import staff_replies, status_reply
from .stats import RESIDENT_TAG_LENGTH, MemoryStats, Stats, months_kept
from .store import Store
from .whatsapp_payload import Delivery

_logger = logging.getLogger("puspa")
CODE_ATTEMPTS = 5
"""Codes tried for one sign-up before giving up (a clash is one in billions)."""
TURN_ATTEMPTS = 8
"""Times a message is answered anew when other messages of the resident keep coming first."""
DIGEST_LENGTH = 16
"""Hex digits kept of a reply's keyed digest in the outbox."""


class Sender(Protocol):
    """Where replies go: the Graph API, or a printer when no token is set."""

    def send(self, phone_number_id: str, to: str, reply: Reply, deadline: float) -> None:
        """Send one reply."""
        ...

    def mark_read(self, phone_number_id: str, message_id: str, deadline: float) -> None:
        """Mark the resident's message as read (best effort: one short try)."""
        ...


class TurnConflict(RuntimeError):
    """Other messages of the same resident kept changing the conversation; try again later."""


@dataclass(frozen=True)
class Turn:
    """A message's turn: the engine's answer, and the state and time it was answered from."""

    outcome: Outcome
    before: State
    at: int
    resumed: bool
    """An earlier attempt took this turn: some replies may have gone out already."""


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
    handover_template: dict[str, str] | None = None
    """{'name', 'language'} of the template for a staff answer outside the 24-hour window."""
    cards: EktpList = field(default_factory=MemoryEktpList)
    """The list of printed e-KTP cards (CEK KTP <NIK>)."""
    stats: Stats = field(default_factory=MemoryStats)
    """Where the monthly figures are counted."""
    pepper: str = ""
    """The secret key of the NIK, number and message hashes (PUSPA_NIK_PEPPER)."""

    def handle(self, delivery: Delivery, deadline: float) -> Outcome | None:
        """Answer one message; None when it was answered before (a redelivery)."""
        key = message_key(self.pepper, delivery.message_id)
        incoming = replace(
            delivery.incoming,
            id=delivery.message_id,
            from_staff=delivery.wa_id in self.staff,
            staff_reachable=bool(self.staff),
        )
        turn = self._take_turn(delivery.wa_id, key, incoming)
        if turn is None:
            return None
        outgoing, events = self._carry_out(delivery, key, turn)
        sent = self.store.outbox(key).sent if turn.resumed else frozenset()
        self._send_all(delivery, key, outgoing, sent, deadline, turn.at)
        if delivery.wa_id in self.staff:
            self._send_kept(delivery, deadline)
        with contextlib.suppress(GraphApiError):  # the blue ticks are a courtesy, sent last
            self.sender.mark_read(delivery.phone_number_id, delivery.message_id, deadline)
        self.store.finish_turn(delivery.wa_id, key)
        self._record_figures(delivery, replace(incoming, timestamp=turn.at), turn, events)
        return turn.outcome

    def _take_turn(self, wa_id: str, key: str, incoming: Incoming) -> Turn | None:
        """Answer from the stored state and save the new one, unless another message came
        first (then answer anew); a retried message gets the answer its turn had."""
        for _ in range(TURN_ATTEMPTS):
            seen = self.store.load(wa_id)
            flight = seen.in_flight.get(key)
            if flight is not None:
                again = respond(self.index, flight.before, replace(incoming, timestamp=flight.at))
                return Turn(again, flight.before, flight.at, resumed=True)
            if key in seen.applied:
                return None
            if not seen.version and self.store.outbox(key).erased is not None:
                # HAPUS DATA erased the conversation with this message's turn in it
                return Turn(erase_confirmed(self.index), State(), incoming.timestamp, True)
            outcome = respond(self.index, seen.state, incoming)
            if self.store.take_turn(wa_id, seen, key, outcome.state, incoming.timestamp):
                return Turn(outcome, seen.state, incoming.timestamp, resumed=False)
        raise TurnConflict(f"no turn after {TURN_ATTEMPTS} attempts")

    def _carry_out(
        self, delivery: Delivery, key: str, turn: Turn
    ) -> tuple[list[tuple[str, Reply]], dict[str, int]]:
        """Carry out the engine's effects, each by its desk: the messages to send, and the
        events to count."""
        carrying = Carrying(delivery, key, turn.at)
        carrying.outgoing = [(delivery.wa_id, reply) for reply in turn.outcome.replies]
        for effect in turn.outcome.effects:
            DESKS[type(effect)](self, carrying, effect)
        return carrying.outgoing, carrying.events

    def _signup_desk(self, carrying: Carrying, effect: SubmitSignup) -> None:
        """Store the sign-up once, put its code in the replies, tell every staff number."""
        record = self._store_signup(carrying.delivery, effect, carrying.now)
        carrying.fill(kode=record["code"])
        carrying.outgoing += [(staff, self._staff_notice(record)) for staff in sorted(self.staff)]
        carrying.events.update(self._signup_events(record))

    def _ektp_desk(self, carrying: Carrying, effect: LookUpEktp) -> None:
        """CEK KTP: look the NIK up (rate-limited) and answer."""
        wa_id = carrying.delivery.wa_id
        reply, result = lookup_reply(
            self.index, self.cards, self.pepper, wa_id, effect.nik, carrying.now, carrying.key
        )
        carrying.outgoing.append((wa_id, reply))
        carrying.events[f"ektp:{result}"] = 1

    def _helpful_desk(self, carrying: Carrying, effect: RateHelpful) -> None:
        """Count one answer to 'membantu?'."""
        answer = "yes" if effect.helpful else "no"
        carrying.events |= {f"helpful:{answer}": 1, f"helpful_{answer}:{effect.service}": 1}

    def _survey_desk(self, carrying: Carrying, effect: SubmitSurvey) -> None:
        """Store one SKM response, with no sender."""
        month = local_day(carrying.now)[:7]
        self.stats.add_survey(month, carrying.key, effect.scores, carrying.now)
        carrying.events["survey:done"] = 1

    def _status_desk(self, carrying: Carrying, effect: LookUpStatus) -> None:
        """STATUS <code>: answer only the number that registered it."""
        wa_id = carrying.delivery.wa_id
        carrying.outgoing.append((wa_id, status_reply(self.index, self.store, effect, wa_id)))

    def _staff_desk(self, carrying: Carrying, effect: StaffAction) -> None:
        """A staff command on sign-ups: list, detail, approve, reject."""
        carrying.outgoing += staff_replies(
            self.index,
            self.store,
            effect,
            carrying.delivery.wa_id,
            carrying.now,
            self.decision_template,
        )

    def _call_desk(self, carrying: Carrying, effect: CallStaff) -> None:
        """PETUGAS: record the request and tell the staff."""
        carrying.outgoing += self._call_staff(carrying.delivery, effect, carrying.now)

    def _erase_desk(self, carrying: Carrying, effect: EraseMyData) -> None:
        """HAPUS DATA: erase everything naming the resident; the replies say how much."""
        erased = self._erase(carrying.delivery.wa_id, carrying.key, carrying.now)
        carrying.fill(jumlah=str(erased))

    def _handover_desk(self, carrying: Carrying, effect: HandoverAction) -> None:
        """A step of a handover to staff (handover_desk.py)."""
        HandoverDesk(self.index, self.store, self.staff, self.handover_template).carry_out(
            carrying, effect
        )

    def expire_handovers(self, now: int, deadline: float) -> int:
        """Close the handovers nobody answered in time and tell whom it concerns (the
        scheduled sweep); the number of messages sent."""
        messages, closed = HandoverDesk(
            self.index, self.store, self.staff, self.handover_template
        ).expire_due(now)
        for phone_number_id, to, reply, resident in messages:
            try:
                self.sender.send(phone_number_id, to, reply, deadline)
            except GraphApiError:  # the sweep is not retried: a staff notice waits for them
                if to in self.staff:
                    kept = f"sweep:{keyed_hash(self.pepper, to + reply.text)[:DIGEST_LENGTH]}"
                    self.store.add_pending(to, kept, reply.text, resident, now)
        if closed:
            try:
                self.stats.add(local_day(now), {"handover:expired": closed}, now)
            except Exception as error:  # counting is best effort, as for messages
                _logger.warning("figures not counted: %s", type(error).__name__)
        return len(messages)

    def _unmatched_desk(self, carrying: Carrying, effect: Unmatched) -> None:
        """Nothing now: an unmatched question is counted after the answer went out."""

    def _call_staff(
        self, delivery: Delivery, effect: CallStaff, now: int
    ) -> list[tuple[str, Reply]]:
        """PETUGAS with no staff numbers set: record the request for the office's list (`puspa
        petugas`), and tell the resident so honestly (a handover needs staff numbers)."""
        code = signup_code(f"petugas:{delivery.message_id}")
        self.store.add_call(code, delivery.wa_id, effect.last_question or "-", now)
        return [(delivery.wa_id, Reply(self.index.texts["call_recorded"]))]

    def _erase(self, wa_id: str, key: str, now: int) -> int:
        """HAPUS DATA: every item naming the resident, in clear or by a keyed hash; the
        conversation last, so an interrupted erase is finished by the message's retry."""
        self.cards.forget(keyed_hash(self.pepper, f"wa:{wa_id}"))
        for month in months_kept(now):
            self.stats.forget_resident(month, self._resident_tag(month, wa_id))
        return self.store.erase_resident(wa_id, key, now)

    def _send_all(
        self,
        delivery: Delivery,
        key: str,
        outgoing: list[tuple[str, Reply]],
        sent: frozenset[str],
        deadline: float,
        now: int,
    ) -> None:
        """Send each message not sent yet, and record it as sent the moment it went out.

        A message to someone else (a staff notice) that WhatsApp refuses for good, typically
        because that staff member has not written in 24 hours, is kept and sent the next time
        they write; it never blocks the resident's answer.
        """
        for (to, reply), digest in zip(outgoing, self._digests(outgoing), strict=True):
            if digest in sent:
                continue
            try:
                self.sender.send(delivery.phone_number_id, to, reply, deadline)
            except GraphApiError as error:
                if to == delivery.wa_id or error.retry_later:
                    raise
                about = delivery.wa_id if to in self.staff else to
                self.store.add_pending(to, f"{key}:{digest}", reply.text, about, now)
            self.store.mark_sent(key, digest, now)

    def _send_kept(self, delivery: Delivery, deadline: float) -> None:
        """Send a staff member the notices kept for them, forgetting each once it went out."""
        for kept_key, text in self.store.pending_for(delivery.wa_id):
            self.sender.send(delivery.phone_number_id, delivery.wa_id, Reply(text), deadline)
            self.store.drop_pending(delivery.wa_id, kept_key)

    def _digests(self, outgoing: list[tuple[str, Reply]]) -> list[str]:
        """A keyed digest of each message by recipient and text (and how many came before
        alike), so a retry that rebuilds the list skips exactly what went out."""
        alike: Counter[tuple[str, str]] = Counter()
        digests = []
        for to, reply in outgoing:
            alike[(to, reply.text)] += 1
            seen = alike[(to, reply.text)]
            digests.append(keyed_hash(self.pepper, f"{to}\n{seen}\n{reply.text}")[:DIGEST_LENGTH])
        return digests

    def _record_figures(
        self, delivery: Delivery, incoming: Incoming, turn: Turn, events: dict[str, int]
    ) -> None:
        """Count unmatched questions and the message, after the answer went out.

        Counting is best effort: a failure here loses a count; it never makes Meta deliver the
        message again (which would run the conversation a second time).
        """
        try:
            for effect in turn.outcome.effects:
                if isinstance(effect, Unmatched):
                    self.stats.count_unmatched(effect.words, turn.at)
            if not incoming.from_staff:
                self._count(delivery, incoming, turn, events)
            elif events:  # a staff member's step of a handover: its events, not a message
                self.stats.add(local_day(turn.at), events, turn.at)
        except Exception as error:  # any store failure: the resident was answered already
            _logger.warning("figures not counted: %s", type(error).__name__)

    def _count(
        self, delivery: Delivery, incoming: Incoming, turn: Turn, events: dict[str, int]
    ) -> None:
        """Add this message to the day's counters, and a resident starting a conversation this
        month to the month's residents (no personal data)."""
        day = local_day(turn.at)
        outcome = turn.outcome
        counts = {
            "messages": 1,
            f"via:{_via(incoming)}": 1,
            f"intent:{outcome.intent.value}": 1,
            **events,
        }
        if outcome.service:
            counts[f"service:{outcome.service}"] = 1
        self.stats.add(day, counts, turn.at)
        last_seen = turn.before.last_seen
        if not last_seen or local_day(last_seen)[:7] != day[:7]:
            self.stats.add_resident(day[:7], self._resident_tag(day[:7], delivery.wa_id), turn.at)

    def _resident_tag(self, month: str, wa_id: str) -> str:
        """The short keyed hash a resident is counted by in one month."""
        return keyed_hash(self.pepper, f"{month}:{wa_id}")[:RESIDENT_TAG_LENGTH]

    def _signup_events(self, record: dict[str, Any]) -> dict[str, int]:
        """Counters for a new sign-up: one, and one for its desa."""
        desa_keys = [f.key for f in self.index.form.fields if f.kind == "desa"]
        desa = record["answers"].get(desa_keys[0], "") if desa_keys else ""
        return {"signup:new": 1, **({f"signup_desa:{desa}": 1} if desa else {})}

    def _store_signup(self, delivery: Delivery, effect: SubmitSignup, now: int) -> dict[str, Any]:
        """Write the sign-up once; a retried message finds the one it wrote before."""
        for attempt in range(CODE_ATTEMPTS):
            code = signup_code(delivery.message_id, attempt)
            record = new_record(
                code,
                delivery.wa_id,
                effect.answers,
                effect.event_date,
                delivery.message_id,
                now,
                self.index.form.keep_days,
            )
            if self.store.create_signup(record):
                return record
            existing = self.store.get_signup(code)
            if existing is not None and existing["message_id"] == delivery.message_id:
                return existing
        raise RuntimeError("no free sign-up code after several attempts")

    def _staff_notice(self, record: dict[str, Any]) -> Reply:
        """The message every staff number gets for a new sign-up (marked when it is urgent)."""
        text = fill(
            self.index.form.staff_notice,
            kode=record["code"],
            nomor_warga="+" + record["resident"],
            ringkasan=answer_lines(self.index, record["answers"]),
        )
        if is_urgent(record, self.index.form.lead_workdays):
            text = f"*{self.index.form.staff.tanda_mendesak}* {text}"
        return Reply(text)


def _via(incoming: Incoming) -> str:
    """How the resident asked: 'menu' (a tapped row or a typed number), 'text' or 'other'."""
    typed = incoming.text.strip()
    if incoming.kind is Kind.CHOICE or (typed.isdigit() and len(typed) <= 3):
        return "menu"
    return "text" if incoming.kind is Kind.TEXT else "other"


DESKS: dict[type, Callable[[Responder, Carrying, Any], None]] = {
    SubmitSignup: Responder._signup_desk,
    LookUpEktp: Responder._ektp_desk,
    RateHelpful: Responder._helpful_desk,
    SubmitSurvey: Responder._survey_desk,
    LookUpStatus: Responder._status_desk,
    StaffAction: Responder._staff_desk,
    CallStaff: Responder._call_desk,
    EraseMyData: Responder._erase_desk,
    HandoverAction: Responder._handover_desk,
    Unmatched: Responder._unmatched_desk,
}
"""Which desk carries out each kind of effect: a new effect is a new desk and one entry."""
