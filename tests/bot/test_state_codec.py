"""The stored conversation state: every mode round-trips, matches its schema, and a state
stored before modes (version 1) is migrated."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from puspa_bot.conversation import (
    BROWSING,
    AwaitingNik,
    ConfirmingErase,
    FillingForm,
    FormProgress,
    InSurvey,
    RatingHelpful,
    Serving,
    Stage,
    State,
    WithStaff,
)
from puspa_bot.state_codec import VERSION, UnreadableState, decode, encode

from ..conftest import PROJECT

SCHEMA = Draft202012Validator(
    json.loads((PROJECT / "schemas/state.schema.json").read_text(encoding="utf-8"))
)
FORM = FormProgress(Stage.ASK, 2, {"nama": "Siti Aminah", "tanggal": "2027-01-13"})

STATES = [
    State(),
    State(options=("layanan:e-ktp", "menu:kependudukan"), trail=("utama",), at_service=True),
    State(last_seen=1_800_000_000, last_question="syarat kk", helpful_asked=True),
    State(mode=FillingForm(FormProgress(Stage.CONSENT))),
    State(mode=FillingForm(FormProgress(Stage.CONFIRM, answers=dict(FORM.answers)))),
    State(mode=FillingForm(FormProgress(Stage.ASK, 1, {}, editing=True))),
    State(paused_form=FORM, trail=("utama",)),
    State(mode=InSurvey()),
    State(mode=InSurvey((4, 3, 1))),
    State(mode=AwaitingNik()),
    State(mode=ConfirmingErase(), paused_form=FORM),
    State(mode=RatingHelpful("kartu-keluarga"), options=("layanan:kartu-keluarga",)),
    State(mode=WithStaff("3J67HG9"), recent=("syarat kk", "jam buka?")),
    State(mode=Serving("3J67HG9"), trail=("utama",)),
    State(misses=2, last_question="kambing"),
]


@pytest.mark.parametrize("state", STATES, ids=lambda state: state.mode.tag)
def test_every_state_round_trips_and_matches_the_schema(state: State) -> None:
    stored = encode(state)
    assert list(SCHEMA.iter_errors(json.loads(stored))) == []
    assert decode(stored) == state


def test_defaults_are_left_out() -> None:
    assert encode(State()) == f'{{"v":{VERSION}}}'
    assert "mode" not in json.loads(encode(State(mode=BROWSING)))


def test_modes_are_distinct_values() -> None:
    simple = [BROWSING, AwaitingNik(), ConfirmingErase(), InSurvey()]
    assert len(set(simple)) == len(simple)  # tagged tuples: no two modes compare equal


V1_FORM = '{"stage":"ask","step":2,"answers":{"nama":"Siti Aminah","tanggal":"2027-01-13"}'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("{}", State()),
        ('{"trail":["utama"],"at_service":true}', State(trail=("utama",), at_service=True)),
        (f'{{"form":{V1_FORM},"editing":false,"active":true}}}}', State(mode=FillingForm(FORM))),
        (f'{{"form":{V1_FORM},"active":false}}}}', State(paused_form=FORM)),
        ('{"erase_pending":true}', State(mode=ConfirmingErase())),
        ('{"survey":[2,3]}', State(mode=InSurvey((2, 3)))),
        ('{"survey":[]}', State(mode=InSurvey())),
        (
            '{"helpful_for":"kia","helpful_asked":true}',
            State(mode=RatingHelpful("kia"), helpful_asked=True),
        ),
        ('{"awaiting_nik":true,"last_seen":5}', State(mode=AwaitingNik(), last_seen=5)),
        # Flags that excluded each other in practice: the one the old engine read first wins.
        (
            f'{{"erase_pending":true,"form":{V1_FORM},"active":true}}}}',
            State(mode=ConfirmingErase(), paused_form=FORM),
        ),
        ('{"survey":[1],"awaiting_nik":true}', State(mode=InSurvey((1,)))),
    ],
)
def test_a_state_stored_before_modes_is_migrated(before: str, after: State) -> None:
    assert decode(before) == after
    assert list(SCHEMA.iter_errors(json.loads(encode(after)))) == []


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        "[]",
        '{"v": 3}',
        '{"v": 2, "options": 3}',
        '{"v": 2, "last_seen": true}',
        '{"v": 2, "mode": {"tag": "dancing"}}',
        '{"v": 2, "mode": {"tag": "form"}}',
        '{"v": 2, "mode": {"tag": "form", "progress": {"stage": "later"}}}',
        '{"v": 2, "paused_form": {"stage": "ask", "answers": ["x"]}}',
        '{"form": {"stage": "ask", "step": "two"}}',
    ],
)
def test_what_cannot_be_read_says_so(stored: str) -> None:
    with pytest.raises(UnreadableState):
        decode(stored)
