"""A conversation's state as stored: versioned JSON (schemas/state.schema.json), and back.

Version 2 stores the conversation's mode as one tagged object. A state stored before it
(version 1: no "v", the mode spread over flags) is read by migrating it. Anything that cannot
be read raises `UnreadableState`: the caller starts a new conversation and counts that, rather
than resetting silently field by field.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from .conversation import (
    BROWSING,
    AwaitingNik,
    ConfirmingErase,
    FillingForm,
    FormProgress,
    InSurvey,
    Mode,
    RatingHelpful,
    Serving,
    Stage,
    State,
    WithStaff,
)

VERSION = 2
"""The version `encode` writes (the schema's `v`)."""


class UnreadableState(ValueError):
    """A stored state that no version of the codec can read."""


def encode(state: State) -> str:
    """The state as compact JSON; fields at their default are left out."""
    data: dict[str, Any] = {"v": VERSION}
    if state.options:
        data["options"] = list(state.options)
    if state.trail:
        data["trail"] = list(state.trail)
    if state.at_service:
        data["at_service"] = True
    if state.last_seen:
        data["last_seen"] = state.last_seen
    if state.mode != BROWSING:
        data["mode"] = _mode_to_data(state.mode)
    if state.paused_form is not None:
        data["paused_form"] = _form_to_data(state.paused_form)
    if state.last_question:
        data["last_question"] = state.last_question
    if state.recent:
        data["recent"] = list(state.recent)
    if state.misses:
        data["misses"] = state.misses
    if state.helpful_asked:
        data["helpful_asked"] = True
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> State:
    """Read a stored state of any version; `UnreadableState` if it cannot be read."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        version = data.get("v", 1)
        if version == 1:
            return _from_version_1(data)
        if version == VERSION:
            return _from_version_2(data)
        raise ValueError(f"version {version!r}")
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise UnreadableState(type(error).__name__) from error


def _from_version_2(data: dict[str, Any]) -> State:
    """The current layout."""
    mode = data.get("mode")
    paused = data.get("paused_form")
    return replace(
        _shared(data),
        mode=BROWSING if mode is None else _mode_from_data(mode),
        paused_form=None if paused is None else _form_from_data(paused),
        recent=_texts(data.get("recent", [])),
        misses=_whole(data.get("misses", 0)),
    )


def _from_version_1(data: dict[str, Any]) -> State:
    """Before modes: a form with an `active` flag, and one flag or field per mode. Where
    several were set, the one the engine of that time looked at first wins."""
    form_data = data.get("form")
    form = _form_from_data(form_data) if form_data else None
    active = form is not None and _flag(form_data.get("active", True))
    survey = data.get("survey")
    mode: Mode = BROWSING
    if _flag(data.get("erase_pending", False)):
        mode = ConfirmingErase()
    elif active and form is not None:
        mode = FillingForm(form)
    elif survey is not None:
        mode = InSurvey(tuple(_whole(score) for score in survey))
    elif data.get("helpful_for"):
        mode = RatingHelpful(_text(data["helpful_for"]))
    elif _flag(data.get("awaiting_nik", False)):
        mode = AwaitingNik()
    paused = form if form is not None and mode != FillingForm(form) else None
    return replace(_shared(data), mode=mode, paused_form=paused)


def _shared(data: dict[str, Any]) -> State:
    """The fields both versions store the same way."""
    return State(
        options=_texts(data.get("options", [])),
        trail=_texts(data.get("trail", [])),
        at_service=_flag(data.get("at_service", False)),
        last_seen=_whole(data.get("last_seen", 0)),
        last_question=_text(data.get("last_question", "")),
        helpful_asked=_flag(data.get("helpful_asked", False)),
    )


def _mode_to_data(mode: Mode) -> dict[str, Any]:
    """A mode as its tagged object."""
    if isinstance(mode, FillingForm):
        return {"tag": mode.tag, "progress": _form_to_data(mode.progress)}
    if isinstance(mode, InSurvey):
        return {"tag": mode.tag, "scores": list(mode.scores)}
    if isinstance(mode, RatingHelpful):
        return {"tag": mode.tag, "service": mode.service}
    if isinstance(mode, WithStaff | Serving):
        return {"tag": mode.tag, "ref": mode.ref}
    return {"tag": mode.tag}


def _mode_from_data(data: dict[str, Any]) -> Mode:
    """A tagged object as its mode."""
    tag = _text(data["tag"])
    if tag == _tag(FillingForm):
        return FillingForm(_form_from_data(data["progress"]))
    if tag == _tag(InSurvey):
        return InSurvey(tuple(_whole(score) for score in data["scores"]))
    if tag == _tag(RatingHelpful):
        return RatingHelpful(_text(data["service"]))
    if tag == _tag(WithStaff):
        return WithStaff(_text(data["ref"]))
    if tag == _tag(Serving):
        return Serving(_text(data["ref"]))
    simple = {mode.tag: mode for mode in (BROWSING, AwaitingNik(), ConfirmingErase())}
    return simple[tag]


def _tag(mode: type) -> str:
    """The tag a mode's class gives its values."""
    return mode._field_defaults["tag"]  # type: ignore[attr-defined]


def _form_to_data(form: FormProgress) -> dict[str, Any]:
    """A form in progress, defaults left out."""
    data: dict[str, Any] = {"stage": form.stage.value}
    if form.step:
        data["step"] = form.step
    if form.answers:
        data["answers"] = dict(form.answers)
    if form.editing:
        data["editing"] = True
    return data


def _form_from_data(data: dict[str, Any]) -> FormProgress:
    """A stored form in progress."""
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise TypeError("answers")
    return FormProgress(
        stage=Stage(data["stage"]),
        step=_whole(data.get("step", 0)),
        answers={_text(key): _text(value) for key, value in answers.items()},
        editing=_flag(data.get("editing", False)),
    )


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts."""
    if not isinstance(value, list):
        raise TypeError("list")
    return tuple(_text(item) for item in value)


def _text(value: Any) -> str:
    """A text, exactly."""
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def _whole(value: Any) -> int:
    """A whole number, exactly (JSON's true is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("integer")
    return value


def _flag(value: Any) -> bool:
    """A boolean, exactly."""
    if not isinstance(value, bool):
        raise TypeError("boolean")
    return value
