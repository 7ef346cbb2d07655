"""'Apakah informasi ini membantu?' and the SKM survey in the conversation."""

from __future__ import annotations

from dataclasses import replace

from puspa_bot.conversation import (
    BROWSING,
    Incoming,
    InSurvey,
    Intent,
    Kind,
    Outcome,
    RateHelpful,
    State,
    SubmitSurvey,
)
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.survey_flow import should_ask_helpful

NOW = 1_800_000_000


def with_rate(index: ReplyIndex, rate: float) -> ReplyIndex:
    """The real index with another share of answers followed by the helpful question."""
    assert index.survey is not None
    helpful = replace(index.survey.helpful, rate=rate)
    return replace(index, survey=replace(index.survey, helpful=helpful))


def say(index: ReplyIndex, text: str, state: State | None = None, at: int = NOW) -> Outcome:
    """Send one text message."""
    return respond(index, state or State(), Incoming(Kind.TEXT, text, timestamp=at))


def tap(index: ReplyIndex, choice_id: str, state: State) -> Outcome:
    """Tap a button or a list row."""
    return respond(index, state, Incoming(Kind.CHOICE, choice_id, timestamp=NOW))


def test_the_helpful_question_follows_a_service_answer_as_two_buttons(index: ReplyIndex) -> None:
    always = with_rate(index, 1)
    outcome = say(always, "syarat kk")
    answer, question = outcome.replies
    assert answer.text == index.services["kartu-keluarga"]["reply"]
    assert question.text == "Apakah informasi ini membantu? Balas *YA* atau *TIDAK*."
    buttons = question.interactive["action"]["buttons"]
    assert [b["reply"] for b in buttons] == [
        {"id": "bantu:ya:kartu-keluarga", "title": "Ya, membantu"},
        {"id": "bantu:tidak:kartu-keluarga", "title": "Tidak"},
    ]
    thanked = tap(always, "bantu:tidak:kartu-keluarga", outcome.state)
    assert thanked.intent is Intent.HELPFUL
    assert thanked.effects == (RateHelpful("kartu-keluarga", False),)
    assert "*PETUGAS*" in thanked.replies[0].text
    again = tap(always, "bantu:ya:kartu-keluarga", thanked.state)
    assert again.intent is Intent.HELPFUL and again.effects == ()  # one tap counts once


def test_it_is_asked_once_a_conversation_and_never_at_rate_zero(index: ReplyIndex) -> None:
    always = with_rate(index, 1)
    first = say(always, "syarat kk")
    second = say(always, "akta kelahiran", first.state, at=NOW + 60)
    assert len(second.replies) == 1
    via_menu = say(always, "info", second.state, at=NOW + 120)
    third = tap(always, "layanan:pbb", via_menu.state)
    assert len(third.replies) == 1
    next_day = say(always, "syarat kk", third.state, at=NOW + 86_400)
    assert len(next_day.replies) == 2  # a new conversation may ask again
    assert len(say(with_rate(index, 0), "syarat kk").replies) == 1


def test_the_share_asked_follows_the_rate_in_content(index: ReplyIndex) -> None:
    rate = index.survey.helpful.rate
    asked = sum(should_ask_helpful(index, State(), "pbb", NOW + n) for n in range(2000))
    assert abs(asked / 2000 - rate) < 0.05


def test_typed_ya_answers_the_question_and_anything_else_moves_on(index: ReplyIndex) -> None:
    asked = say(with_rate(index, 1), "syarat kk")
    assert say(index, "ya", asked.state).effects == (RateHelpful("kartu-keluarga", True),)
    moved_on = say(index, "akta kelahiran", asked.state)
    assert moved_on.service == "akta-kelahiran" and moved_on.state.mode == BROWSING


def test_survei_asks_nine_questions_and_submits_the_scores(index: ReplyIndex) -> None:
    started = say(index, "SURVEI")
    opening, first = started.replies
    assert "*Survei Kepuasan Masyarakat (SKM)*" in opening.text
    assert "Ada 9 pertanyaan" in opening.text
    assert first.text.startswith("_Pertanyaan 1 dari 9_\n")
    rows = first.interactive["action"]["sections"][0]["rows"]
    assert [row["id"] for row in rows] == ["skm:1", "skm:2", "skm:3", "skm:4"]
    assert rows[3]["title"] == "4. Sangat sesuai"
    state = started.state
    answers = ["4", "skm:3", "Cepat", "4", "3", "3", "4", "2", "3"]
    for number, answer in enumerate(answers[:-1]):
        kind = Kind.CHOICE if answer.startswith("skm:") else Kind.TEXT
        step = respond(index, state, Incoming(kind, answer, timestamp=NOW))
        assert step.replies[-1].text.startswith(f"_Pertanyaan {number + 2} dari 9_")
        state = step.state
    done = say(index, answers[-1], state)
    assert done.effects == (SubmitSurvey((4, 3, 3, 4, 3, 3, 4, 2, 3)),)
    assert done.replies[0].text.startswith("Terima kasih, survei sudah selesai.")
    assert done.state.mode == BROWSING


def test_a_wrong_answer_repeats_the_question_and_batal_stops(index: ReplyIndex) -> None:
    started = say(index, "survei")
    wrong = say(index, "lumayan lah", started.state)
    assert wrong.replies[0].text == index.survey.wrong
    assert wrong.replies[1].text.startswith("_Pertanyaan 1 dari 9_")
    assert wrong.state.mode == InSurvey()
    stopped = say(index, "batal", say(index, "4", started.state).state)
    assert stopped.replies[0].text == index.survey.cancelled
    assert stopped.state.mode == BROWSING and stopped.effects == ()


def test_menu_leaves_the_survey(index: ReplyIndex) -> None:
    started = say(index, "survei")
    menu = say(index, "menu", started.state)
    assert menu.intent is Intent.MENU and menu.state.mode == BROWSING


def test_petugas_during_the_survey_hands_over_and_a_sticker_keeps_it_open(
    index: ReplyIndex,
) -> None:
    started = say(index, "survei")
    called = say(index, "petugas", started.state)
    assert called.intent is Intent.CALL_STAFF and called.state.mode.tag == "handover"
    sticker = respond(index, started.state, Incoming(Kind.OTHER, "", timestamp=NOW))
    assert sticker.intent is Intent.NOT_TEXT and sticker.state.mode == InSurvey()
    assert say(index, "3", sticker.state).state.mode == InSurvey((3,))
