"""What STATUS <code> and the staff commands answer: texts from content, data from the store."""

from __future__ import annotations

from datetime import date
from typing import Any

from .contract import fill
from .conversation import LookUpStatus, Reply, StaffAction, template_message
from .form_flow import answer_lines, written_date
from .reply_index import ReplyIndex
from .signup import APPROVED, NEW, REJECTED, is_urgent, urgent_first
from .store import Store, iso_time
from .whatsapp_limits import SERVICE_WINDOW

_DECISIONS = {"approve": APPROVED, "reject": REJECTED}


def status_reply(index: ReplyIndex, store: Store, effect: LookUpStatus, wa_id: str) -> Reply:
    """The status of a sign-up, told only to the number that registered it."""
    form = index.form
    record = store.get_signup(effect.code)
    if record is None or record["resident"] != wa_id:
        return Reply(fill(form.status_unknown, kode=effect.code))
    return Reply(_status_text(index, form.status, record))


def staff_replies(
    index: ReplyIndex,
    store: Store,
    effect: StaffAction,
    staff: str,
    now: int,
    template: dict[str, str] | None = None,
) -> list[tuple[str, Reply]]:
    """Carry out a staff command; the messages to send (to the staff, and maybe the resident)."""
    texts = index.form.staff
    if effect.action == "list":
        return [(staff, Reply(_open_list(index, store)))]
    record = store.get_signup(effect.code) if effect.code else None
    if record is None:
        return [(staff, Reply(fill(texts.tidak_ada, kode=effect.code or "-")))]
    if effect.action == "detail":
        return [(staff, Reply(_detail(index, record)))]
    if effect.action == "reject" and not effect.reason:
        return [(staff, Reply(fill(texts.perlu_alasan, kode=record["code"])))]
    status = _DECISIONS[effect.action]
    decided = store.set_status(record["code"], status, staff, effect.reason, now)
    if decided is None:
        current = store.get_signup(record["code"]) or record
        if not _decided_by(current, status, staff, effect.reason, now):
            text = _fill_record(texts.sudah_diputuskan, index, current)
            return [(staff, Reply(text))]
        decided = current  # this very command decided it: a retried message answers the same
    return _decision_messages(index, store, decided, staff, now, template)


def _decided_by(record: dict[str, Any], status: str, staff: str, reason: str, now: int) -> bool:
    """Whether the record's latest decision is this command's (same staff, time and words)."""
    latest = record["history"][-1] if record["history"] else {}
    return latest == {"status": status, "by": staff, "at": iso_time(now), "reason": reason}


def _decision_messages(
    index: ReplyIndex,
    store: Store,
    decided: dict[str, Any],
    staff: str,
    now: int,
    template: dict[str, str] | None,
) -> list[tuple[str, Reply]]:
    """Tell the resident: a normal message inside 24 hours, else the template, else nothing.

    Without either, the decision waits for the resident's STATUS <kode>.
    """
    texts = index.form.staff
    decision = _status_text(index, index.form.decision, decided)
    resident_state = store.load(decided["resident"]).state
    to_resident: Reply | None = None
    if resident_state.last_seen and now - resident_state.last_seen < SERVICE_WINDOW:
        to_resident, news = Reply(decision), texts.kabar_terkirim
    elif template:
        status = index.form.status_names.get(decided["status"], decided["status"])
        to_resident = Reply(decision, template=template_message(template, decided["code"], status))
        news = texts.kabar_templat
    else:
        news = texts.kabar_menunggu
    done = _fill_record(fill(texts.tersimpan, kabar=news), index, decided)
    messages = [(staff, Reply(done))]
    if to_resident is not None:
        messages.insert(0, (decided["resident"], to_resident))
    return messages


def _open_list(index: ReplyIndex, store: Store) -> str:
    """Sign-ups waiting for a decision, one line each: the urgent ones first and marked
    (soonest event first), then the others, oldest first."""
    texts = index.form.staff
    records = store.list_signups(NEW)
    if not records:
        return texts.daftar_kosong
    first_key = index.form.fields[0].key
    lines = [
        f"• {_mark(index, urgent)}*{r['code']}* — "
        f"{written_date(index, date.fromisoformat(r['event_date']))} — "
        f"{r['answers'].get(first_key, '-')}"
        for urgent, r in urgent_first(records, index.form.lead_workdays)
    ]
    return fill(texts.daftar_judul, jumlah=str(len(records))) + "\n" + "\n".join(lines)


def _mark(index: ReplyIndex, urgent: bool) -> str:
    """The urgent mark in bold and a space, or nothing."""
    return f"*{index.form.staff.tanda_mendesak}* " if urgent else ""


def _detail(index: ReplyIndex, record: dict[str, Any]) -> str:
    """One sign-up in full (the NIK masked) with its status, marked when urgent."""
    urgent = is_urgent(record, index.form.lead_workdays)
    status = _mark(index, urgent) + _status_text(index, index.form.status, record)
    answers = answer_lines(index, record["answers"])
    return fill(
        index.form.staff.rincian,
        status=status,
        nomor_warga="+" + record["resident"],
        ringkasan=answers,
    )


def _status_text(index: ReplyIndex, template: str, record: dict[str, Any]) -> str:
    """A status template filled for one record, with the latest reason when there is one."""
    reason = record["history"][-1]["reason"] if record["history"] else ""
    reason_line = fill(index.form.reason, alasan=reason) if reason else ""
    return fill(_fill_record(template, index, record), alasan=reason_line)


def _fill_record(template: str, index: ReplyIndex, record: dict[str, Any]) -> str:
    """{kode} and {status} of a record."""
    status = index.form.status_names.get(record["status"], record["status"])
    return fill(template, kode=record["code"], status=status)
