"""The handover desk: a person behind PUSPA, through the office number.

PETUGAS opens a case and every staff number is told; a staff member answers with BALAS, or
takes the case with AMBIL and then writes plainly; the resident's messages go to whoever holds
the case (to all staff while nobody does). SELESAI closes it and invites the resident to the
satisfaction survey; LEPAS hands it back; BATAL from the resident closes it too; a case nobody
answers in time is closed by `expire_due` and the resident told.

Every step is carried out idempotently for Meta's retries: the store takes a message once
per key, and a retried step that finds its own write rebuilds the same messages (which the
outbox then skips).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import survey_flow
from .carrying import Carrying
from .contract import fill
from .conversation import HandoverAction, Reply, Serving, State, WithStaff, template_message
from .handover_store import (
    CANCELLED,
    DONE,
    EXPIRED,
    OPEN,
    RESIDENT,
    STAFF,
    WAITING,
    new_record,
)
from .reply_index import ReplyIndex
from .store import Store, iso_time
from .whatsapp_limits import SERVICE_WINDOW

WAIT_BUCKETS = ((15, "15m"), (60, "1j"), (240, "4j"))
"""Minutes to a first staff answer, counted in these buckets (and 'lebih' beyond)."""


@dataclass(frozen=True)
class HandoverDesk:
    """Carries out handover steps for the responder."""

    index: ReplyIndex
    store: Store
    staff: frozenset[str]
    template: dict[str, str] | None = None
    """{'name', 'language'} of the approved template for an answer after 24 hours."""

    def carry_out(self, carrying: Carrying, effect: HandoverAction) -> None:
        """One step, by its action."""
        steps = {
            "open": self._open,
            "forward": self._forward,
            "close_by_resident": self._cancel,
            "reply": self._reply,
            "take": self._take,
            "release": self._release,
            "close": self._close,
        }
        steps[effect.action](carrying, effect)

    @property
    def _texts(self) -> dict[str, str]:
        return self.index.handover["texts"]

    def _open(self, carrying: Carrying, effect: HandoverAction) -> None:
        """A new case: stored, and every staff number told with the last few messages."""
        now, resident = carrying.now, carrying.delivery.wa_id
        settings = self.index.handover
        record = new_record(
            effect.ref,
            resident,
            effect.text,
            effect.recent,
            carrying.delivery.phone_number_id,
            iso_time(now),
            now,
            deadline=now + settings["expire_minutes"] * 60,
            keep_until=now + settings["keep_days"] * 24 * 60 * 60,
        )
        stored = self.store.handovers.open(record)
        history = "\n".join(f"• {text}" for text in stored["recent"]) or self._texts["no_history"]
        notice = fill(
            self._texts["staff_request"],
            kode=effect.ref,
            nomor_warga=self._shown_number(resident),
            pertanyaan=stored["question"] or "-",
            riwayat=history,
        )
        carrying.outgoing += [(staff, Reply(notice)) for staff in sorted(self.staff)]
        carrying.events["handover:open"] = 1

    def _forward(self, carrying: Carrying, effect: HandoverAction) -> None:
        """A resident's message: to whoever holds the case, or to all staff."""
        entry = {"who": RESIDENT, "at": carrying.now, "text": effect.text}
        record = self._added(carrying, effect.ref, entry, None)
        if record is None or record["status"] not in OPEN:
            self._resident_back_to_menus(carrying.delivery.wa_id, effect.ref)
            carrying.outgoing.append((carrying.delivery.wa_id, Reply(self._texts["cancelled"])))
            return
        text = fill(self._texts["staff_from_resident"], kode=effect.ref, teks=effect.text)
        carrying.outgoing += [(staff, Reply(text)) for staff in self._holders(record)]

    def _cancel(self, carrying: Carrying, effect: HandoverAction) -> None:
        """BATAL from the resident: the case closes, and whoever would answer is told."""
        resident = carrying.delivery.wa_id
        record = self._closed(effect.ref, CANCELLED, resident, carrying.now)
        if record is None:
            return
        text = fill(self._texts["staff_cancelled"], kode=effect.ref)
        carrying.outgoing += [(staff, Reply(text)) for staff in self._holders(record)]
        carrying.events["handover:cancelled"] = 1

    def _reply(self, carrying: Carrying, effect: HandoverAction) -> None:
        """BALAS, or a plain message after AMBIL: to the resident from the office number."""
        staff, now = carrying.delivery.wa_id, carrying.now
        entry = {"who": STAFF, "by": staff, "at": now, "text": effect.text}
        deadline = now + self.index.handover["expire_minutes"] * 60
        record = self._added(carrying, effect.ref, entry, deadline)
        if record is None or record["status"] not in OPEN:
            self._tell(carrying, staff, "staff_unknown", effect.ref)
            self._leave_serving(staff, effect.ref)
            return
        if record.get("taken_by") not in (None, staff) and carrying.key not in record["keys"]:
            self._tell(carrying, staff, "staff_held", effect.ref, self._name(record["taken_by"]))
            self._leave_serving(staff, effect.ref)
            return
        text = fill(self._texts["from_staff"], teks=effect.text)
        if now - record["last_resident_at"] < SERVICE_WINDOW:
            carrying.outgoing.append((record["resident"], Reply(text)))
        elif self.template:
            template = template_message(self.template, effect.ref, effect.text)
            carrying.outgoing.append((record["resident"], Reply(text, template=template)))
            self._tell(carrying, staff, "staff_by_template", effect.ref)
        else:
            self._tell(carrying, staff, "staff_not_sent", effect.ref)
            return
        if record.get("first_answer_at") == now:
            minutes = (now - record["opened_at"]) // 60
            bucket = next((name for limit, name in WAIT_BUCKETS if minutes <= limit), "lebih")
            carrying.events |= {"handover:answered": 1, f"handover_wait:{bucket}": 1}

    def _take(self, carrying: Carrying, effect: HandoverAction) -> None:
        """AMBIL: this staff member holds the case; the others are told who."""
        staff = carrying.delivery.wa_id
        took, record = self.store.handovers.take(effect.ref, staff, carrying.now)
        if not took:
            self._leave_serving(staff, effect.ref)
            if record is not None and record["status"] in OPEN:
                self._tell(
                    carrying, staff, "staff_held", effect.ref, self._name(record["taken_by"])
                )
            else:
                self._tell(carrying, staff, "staff_unknown", effect.ref)
            return
        self._tell(carrying, staff, "staff_you_took", effect.ref)
        taken = fill(self._texts["staff_taken"], kode=effect.ref, petugas=self._name(staff))
        carrying.outgoing += [(other, Reply(taken)) for other in self._others(staff)]

    def _release(self, carrying: Carrying, effect: HandoverAction) -> None:
        """LEPAS: the case is open to every staff member again."""
        staff = carrying.delivery.wa_id
        record = self.store.handovers.release(effect.ref, staff, carrying.now)
        if record is None:
            found = self.store.handovers.get(effect.ref) or {}
            mine = (found.get("released_by"), found.get("released_at")) == (staff, carrying.now)
            if found.get("status") != WAITING or not mine:  # not a retry of this release
                self._tell(carrying, staff, "staff_unknown", effect.ref)
                return
        text = fill(self._texts["staff_released"], kode=effect.ref, petugas=self._name(staff))
        carrying.outgoing += [(member, Reply(text)) for member in sorted(self.staff)]

    def _close(self, carrying: Carrying, effect: HandoverAction) -> None:
        """SELESAI: the case closes; the resident is thanked and asked the survey."""
        staff, now = carrying.delivery.wa_id, carrying.now
        record = self._closed(effect.ref, DONE, staff, now)
        if record is None:
            found = self.store.handovers.get(effect.ref)
            if found is not None and found["status"] in OPEN:
                self._tell(carrying, staff, "staff_held", effect.ref, self._name(found["taken_by"]))
            else:
                self._tell(carrying, staff, "staff_unknown", effect.ref)
            return
        closed = fill(self._texts["staff_closed"], kode=effect.ref, petugas=self._name(staff))
        carrying.outgoing += [(member, Reply(closed)) for member in sorted(self.staff)]
        carrying.events["handover:done"] = 1
        resident = record["resident"]
        if now - record["last_resident_at"] < SERVICE_WINDOW:
            carrying.outgoing += [
                (resident, reply) for reply in self._closing(resident, effect.ref)
            ]

    def _closing(self, resident: str, ref: str) -> list[Reply]:
        """The resident's goodbye, and the survey's first question when there is a survey."""
        done = Reply(self._texts["done"])
        if not self.index.survey:
            self._resident_back_to_menus(resident, ref)
            return [done]
        started: list[Reply] = []

        def into_survey(state: State) -> State | None:
            if state.mode != WithStaff(ref):
                return None
            outcome = survey_flow.start(self.index, replace(state, mode=WithStaff(ref)))
            started[:] = list(outcome.replies)
            return outcome.state

        self.store.change_state(resident, into_survey)
        return [done, *started]

    def expire_due(self, now: int) -> tuple[list[tuple[str, str, Reply, str]], int]:
        """Close every open case whose deadline passed: the messages to send (phone number id,
        to, reply, the resident it is about) and how many cases closed; the resident is back
        with the bot."""
        minutes = str(self.index.handover["expire_minutes"])
        messages: list[tuple[str, str, Reply, str]] = []
        closed_count = 0
        for record in self.store.handovers.list_all():
            if record["status"] not in OPEN or record["deadline"] > now:
                continue
            closed = self.store.handovers.close(record["ref"], EXPIRED, "", now, due_by=now)
            if closed is None:
                continue  # answered or closed meanwhile
            closed_count += 1
            number, resident, ref = closed["phone_number_id"], closed["resident"], closed["ref"]
            self._resident_back_to_menus(resident, ref)
            if now - closed["last_resident_at"] < SERVICE_WINDOW:
                expired = Reply(fill(self._texts["expired"], kode=ref))
                messages.append((number, resident, expired, resident))
            told = Reply(fill(self._texts["staff_expired"], kode=ref, menit=minutes))
            messages += [(number, staff, told, resident) for staff in self._holders(closed)]
        return messages, closed_count

    def _added(
        self, carrying: Carrying, ref: str, entry: dict[str, Any], deadline: int | None
    ) -> dict[str, Any] | None:
        """Append a message once (a retry finds its key), and return the record after."""
        _, record = self.store.handovers.add_message(
            ref, entry, carrying.key, carrying.now, deadline
        )
        return record

    def _closed(self, ref: str, status: str, by: str, now: int) -> dict[str, Any] | None:
        """Close once: a retry that finds its own close gets the same record."""
        record = self.store.handovers.close(ref, status, by, now)
        if record is not None:
            return record
        found = self.store.handovers.get(ref)
        mine = found is not None and found["status"] == status and found.get("closed_by") == by
        return found if mine and found.get("closed_at") == now else None

    def _holders(self, record: dict[str, Any]) -> list[str]:
        """Who hears of a case: the staff member holding it, else every staff number."""
        taken = record.get("taken_by")
        return [taken] if taken else sorted(self.staff)

    def _others(self, staff: str) -> list[str]:
        """Every staff number but this one."""
        return [member for member in sorted(self.staff) if member != staff]

    def _tell(self, carrying: Carrying, staff: str, key: str, ref: str, petugas: str = "") -> None:
        """A short notice to one staff member."""
        text = fill(self._texts[key], kode=ref, petugas=petugas)
        carrying.outgoing.append((staff, Reply(text)))

    def _name(self, staff: str) -> str:
        """How staff are named to each other: the last four digits of their number."""
        return fill(self._texts["staff_name"], akhir=staff[-4:])

    def _shown_number(self, resident: str) -> str:
        """The resident's number as staff see it: whole only if content allows."""
        if self.index.handover["full_number"]:
            return f"+{resident}"
        return f"+{resident[:5]}•••{resident[-3:]}"

    def _resident_back_to_menus(self, resident: str, ref: str) -> None:
        """The resident's messages go to the bot again (if their state still names `ref`)."""
        self.store.change_state(
            resident,
            lambda state: replace(state, mode=_BROWSING) if state.mode == WithStaff(ref) else None,
        )

    def _leave_serving(self, staff: str, ref: str) -> None:
        """A staff member no longer writes into `ref` (it is closed, or held by another)."""
        self.store.change_state(
            staff,
            lambda state: replace(state, mode=_BROWSING) if state.mode == Serving(ref) else None,
        )


_BROWSING = State().mode
