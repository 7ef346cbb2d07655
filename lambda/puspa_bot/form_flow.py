"""The izin resepsi sign-up form inside the conversation: consent, questions, summary, submit."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .contract import Command, FormField, date_in_words, fill, today
from .conversation import (
    Browsing,
    FillingForm,
    FormProgress,
    Intent,
    Outcome,
    Reply,
    Stage,
    State,
    SubmitSignup,
)
from .form_fields import (
    add_workdays,
    check_nik,
    mask_nik,
    parse_choice,
    parse_count,
    parse_date,
    parse_rt_rw,
    parse_text,
    sooner_than,
)
from .reply_index import ReplyIndex

_EDIT_NUMBER = re.compile(r"(\d{1,3})$")
"""The number that ends 'UBAH 3' (searched in the text stripped of trailing spaces)."""


def start(index: ReplyIndex, state: State) -> Outcome:
    """Start the form with the privacy notice, or resume the one in progress."""
    form = state.mode.progress if isinstance(state.mode, FillingForm) else state.paused_form
    if form is None:
        return _say(state, FormProgress(Stage.CONSENT), index.form.consent)
    return _say(state, form, f"{index.form.resumed}\n\n{_current_text(index, form)}")


def cancel(index: ReplyIndex, state: State) -> Outcome:
    """Drop the form and everything answered."""
    cancelled = replace(state, mode=Browsing(), paused_form=None)
    return Outcome((Reply(index.form.cancelled),), cancelled, Intent.FORM)


def answer(index: ReplyIndex, state: State, text: str, command: str | None, now: int) -> Outcome:
    """Take one message inside the form."""
    assert isinstance(state.mode, FillingForm)
    form = state.mode.progress
    if form.stage is Stage.CONSENT:
        if command == Command.YES:
            return _ask(index, state, FormProgress(Stage.ASK))
        return _say(state, form, index.form.need_consent)
    if form.stage is Stage.CONFIRM:
        return _confirm(index, state, form, text, command, today(now))
    field = index.form.fields[form.step]
    value, problem = _check(index, field, text, today(now))
    if value is None:
        return _say(state, form, f"{problem}\n\n{field.prompt}")
    note = _lead_time_note(index, field, value, today(now))
    answers = {**form.answers, field.key: value}
    next_step = form.step + 1
    if form.editing or next_step >= len(index.form.fields):
        return _summary(index, state, FormProgress(Stage.CONFIRM, answers=answers), note)
    return _ask(index, state, FormProgress(Stage.ASK, next_step, answers), note)


def _lead_time_note(index: ReplyIndex, field: FormField, value: str, on: date) -> str:
    """The warning for an event date sooner than the lead time (the date is taken), or ''.

    The lead time is the police permit's for crowd events (PP 60/2017), not a rule for the
    camat's recommendation: such a sign-up is accepted and marked urgent for staff.
    """
    lead = index.form.lead_workdays
    if field.kind != "tanggal" or not sooner_than(date.fromisoformat(value), on, lead):
        return ""
    return fill(field.too_soon, batas=written_date(index, add_workdays(on, lead)))


def _confirm(
    index: ReplyIndex,
    state: State,
    form: FormProgress,
    text: str,
    command: str | None,
    on: date,
) -> Outcome:
    """At the summary: YA submits, UBAH <n> reopens question n, anything else shows it again.

    A form left at the summary past its event date asks for the date again instead.
    """
    fields = index.form.fields
    if command == Command.YES:
        step, field = next((n, f) for n, f in enumerate(fields) if f.kind == "tanggal")
        event = form.answers[field.key]
        if date.fromisoformat(event) < on:
            asked = FormProgress(Stage.ASK, step, form.answers, editing=True)
            return _say(state, asked, f"{field.past}\n\n{field.prompt}")
        effect = SubmitSignup(dict(form.answers), event)
        urgent = sooner_than(date.fromisoformat(event), on, index.form.lead_workdays)
        reply = Reply(index.form.submitted_urgent if urgent else index.form.submitted)
        return Outcome(
            (reply,), replace(state, mode=Browsing()), Intent.SUBMITTED, effects=(effect,)
        )
    if command == Command.EDIT:
        number = _EDIT_NUMBER.search(text.rstrip())
        if number and 1 <= int(number.group(1)) <= len(fields):
            step = int(number.group(1)) - 1
            return _ask(index, state, FormProgress(Stage.ASK, step, form.answers, editing=True))
        return _say(state, form, index.form.edit_wrong)
    return _summary(index, state, form)


def _ask(index: ReplyIndex, state: State, form: FormProgress, note: str = "") -> Outcome:
    """Ask the form's current question, after `note` if there is one."""
    return _say(state, form, _after(note, index.form.fields[form.step].prompt))


def _summary(index: ReplyIndex, state: State, form: FormProgress, note: str = "") -> Outcome:
    """Every answer, numbered, the NIK masked; then how to send, change or cancel."""
    return _say(state, form, _after(note, _summary_text(index, form)))


def _after(note: str, text: str) -> str:
    """`text`, with `note` before it when there is one."""
    return f"{note}\n\n{text}" if note else text


def _summary_text(index: ReplyIndex, form: FormProgress) -> str:
    """The summary message."""
    lines = answer_lines(index, form.answers)
    return f"{index.form.summary_title}\n{lines}\n\n{index.form.summary_hint}"


def answer_lines(index: ReplyIndex, answers: dict[str, str]) -> str:
    """Every answer, numbered and labelled, the NIK masked."""
    return "\n".join(
        f"{number}. *{field.label}:* {_shown(index, field, answers)}"
        for number, field in enumerate(index.form.fields, start=1)
    )


def _current_text(index: ReplyIndex, form: FormProgress) -> str:
    """What the resident was last asked."""
    if form.stage is Stage.CONSENT:
        return index.form.consent
    if form.stage is Stage.CONFIRM:
        return _summary_text(index, form)
    return index.form.fields[form.step].prompt


def _shown(index: ReplyIndex, field: FormField, answers: dict[str, str]) -> str:
    """An answer as the resident reads it back (never a full NIK)."""
    value = answers.get(field.key, "-")
    if field.kind == "nik" and value != "-":
        return mask_nik(value)
    if field.kind == "tanggal" and value != "-":
        return written_date(index, date.fromisoformat(value))
    return value


def written_date(index: ReplyIndex, when: date | str) -> str:
    """A date as '12 Desember 2026', with the index's month names."""
    return date_in_words(when, index.months)


def _check(index: ReplyIndex, field: FormField, text: str, today: date) -> tuple[str | None, str]:
    """The normalised answer, or None and the correction to send."""
    kind = field.kind
    error = field.error
    if kind == "teks":
        return parse_text(text, field.min, field.max), error
    if kind == "nik":
        return check_nik(text), error
    if kind in ("pilihan", "desa"):
        return parse_choice(text, field.choices), error
    if kind == "rt_rw":
        return parse_rt_rw(text), error
    if kind == "angka":
        count = parse_count(text, field.min, field.max)
        return (None if count is None else str(count)), error
    when = parse_date(text, today, index.months, index.date_words)
    if when is None:
        return None, error
    if when < today:
        return None, field.past
    return when.isoformat(), error


def _say(state: State, form: FormProgress, text: str) -> Outcome:
    """Reply with `text` and keep the form where it is."""
    filling = replace(state, mode=FillingForm(form), paused_form=None, at_service=False)
    return Outcome((Reply(text),), filling, Intent.FORM)
