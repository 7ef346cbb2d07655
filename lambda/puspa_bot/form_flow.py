"""The izin resepsi sign-up form inside the conversation: consent, questions, summary, submit."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .contract import Command, FormField, date_in_words, fill, today
from .conversation import FormProgress, Intent, Outcome, Reply, Stage, State, SubmitSignup
from .form_fields import (
    add_workdays,
    check_nik,
    mask_nik,
    parse_choice,
    parse_count,
    parse_date,
    parse_rt_rw,
    parse_text,
)
from .reply_index import ReplyIndex

_EDIT_NUMBER = re.compile(r"(\d{1,3})$")
"""The number that ends 'UBAH 3' (searched in the text stripped of trailing spaces)."""


def start(index: ReplyIndex, state: State) -> Outcome:
    """Start the form with the privacy notice, or resume the one in progress."""
    if state.form is None:
        form = FormProgress(Stage.CONSENT)
        return _say(state, form, index.form.consent)
    form = replace(state.form, active=True)
    return _say(state, form, f"{index.form.resumed}\n\n{_current_text(index, form)}")


def cancel(index: ReplyIndex, state: State) -> Outcome:
    """Drop the form and everything answered."""
    return Outcome((Reply(index.form.cancelled),), replace(state, form=None), Intent.FORM)


def answer(index: ReplyIndex, state: State, text: str, command: str | None, now: int) -> Outcome:
    """Take one message inside the form."""
    form = state.form
    assert form is not None
    if form.stage is Stage.CONSENT:
        if command == Command.YES:
            return _ask(index, state, FormProgress(Stage.ASK))
        return _say(state, form, index.form.need_consent)
    if form.stage is Stage.CONFIRM:
        return _confirm(index, state, form, text, command)
    field = index.form.fields[form.step]
    value, problem = _check(index, field, text, today(now))
    if value is None:
        return _say(state, form, f"{problem}\n\n{field.prompt}")
    answers = {**form.answers, field.key: value}
    next_step = form.step + 1
    if form.editing or next_step >= len(index.form.fields):
        return _summary(index, state, FormProgress(Stage.CONFIRM, answers=answers))
    return _ask(index, state, FormProgress(Stage.ASK, next_step, answers))


def _confirm(
    index: ReplyIndex, state: State, form: FormProgress, text: str, command: str | None
) -> Outcome:
    """At the summary: YA submits, UBAH <n> reopens question n, anything else shows it again."""
    fields = index.form.fields
    if command == Command.YES:
        event = next(form.answers[f.key] for f in fields if f.kind == "tanggal")
        effect = SubmitSignup(dict(form.answers), event)
        reply = Reply(index.form.submitted)
        return Outcome((reply,), replace(state, form=None), Intent.SUBMITTED, effects=(effect,))
    if command == Command.EDIT:
        number = _EDIT_NUMBER.search(text.rstrip())
        if number and 1 <= int(number.group(1)) <= len(fields):
            step = int(number.group(1)) - 1
            return _ask(index, state, FormProgress(Stage.ASK, step, form.answers, editing=True))
        return _say(state, form, index.form.edit_wrong)
    return _summary(index, state, form)


def _ask(index: ReplyIndex, state: State, form: FormProgress) -> Outcome:
    """Ask the form's current question."""
    return _say(state, form, index.form.fields[form.step].prompt)


def _summary(index: ReplyIndex, state: State, form: FormProgress) -> Outcome:
    """Every answer, numbered, the NIK masked; then how to send, change or cancel."""
    return _say(state, form, _summary_text(index, form))


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
    earliest = add_workdays(today, index.form.lead_workdays)
    if when < earliest:
        return None, fill(field.too_soon, batas=written_date(index, earliest))
    return when.isoformat(), error


def _say(state: State, form: FormProgress, text: str) -> Outcome:
    """Reply with `text` and keep the form where it is."""
    return Outcome((Reply(text),), replace(state, form=form, at_service=False), Intent.FORM)
