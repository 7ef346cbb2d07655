"""The conversation side of satisfaction: 'Apakah informasi ini membantu?' and the SKM survey.

Pure: answers are stored by the responder (RateHelpful, SubmitSurvey), never with the sender.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

from .contract import HELPFUL_ROW, SCORE_ROW, SCORES, Command, helpful_row, parse_row, row_id
from .conversation import (
    Browsing,
    InSurvey,
    Intent,
    Outcome,
    RateHelpful,
    RatingHelpful,
    Reply,
    State,
    SubmitSurvey,
)
from .normalise import normalise
from .reply_index import ReplyIndex

HELPFUL_PREFIX = row_id(HELPFUL_ROW, "")
"""The start of every helpful button's id (`bantu:`)."""
SCORE_PREFIX = row_id(SCORE_ROW, "")
"""The start of every survey answer row's id (`skm:`)."""


def should_ask_helpful(index: ReplyIndex, state: State, service_id: str, timestamp: int) -> bool:
    """Ask after this answer? Once a conversation, for a share of answers set in content.

    The draw is a hash of the time and the service, so the engine stays a pure function.
    """
    rate = index.survey.helpful.rate if index.survey else 0
    if state.helpful_asked or not rate:
        return False
    draw = zlib.crc32(f"{timestamp}:{service_id}".encode()) % 10_000
    return draw < rate * 10_000


def ask_helpful(index: ReplyIndex, outcome: Outcome, service_id: str) -> Outcome:
    """Add the one-tap question after a service's answer."""
    helpful = index.survey.helpful
    buttons = [
        {"type": "reply", "reply": {"id": helpful_row(answer, service_id), "title": title}}
        for answer, title in (("ya", helpful.yes_button), ("tidak", helpful.no_button))
    ]
    interactive = {
        "type": "button",
        "body": {"text": helpful.ask},
        "action": {"buttons": buttons},
    }
    question = Reply(helpful.ask_text, interactive)
    state = replace(outcome.state, mode=RatingHelpful(service_id), helpful_asked=True)
    return replace(outcome, replies=(*outcome.replies, question), state=state)


def helpful_button(index: ReplyIndex, state: State, button_id: str) -> Outcome | None:
    """A tap on a helpful button; None if the id is not one.

    Only the question still open is counted: a second tap, or a tap on an old message, is
    thanked but not counted again.
    """
    row = parse_row(button_id)
    answer, service_id = row.name, row.extra
    if answer not in ("ya", "tidak") or service_id not in index.services:
        return None
    counted = state.mode == RatingHelpful(service_id)
    return rate_helpful(index, state, service_id, answer == "ya", counted=counted)


def rate_helpful(
    index: ReplyIndex, state: State, service_id: str, helpful: bool, *, counted: bool = True
) -> Outcome:
    """Thank the resident and count the answer."""
    texts = index.survey.helpful
    reply = Reply(texts.thanks if helpful else texts.sorry)
    effects = (RateHelpful(service_id, helpful),) if counted else ()
    return Outcome((reply,), replace(state, mode=Browsing()), Intent.HELPFUL, effects=effects)


def start(index: ReplyIndex, state: State) -> Outcome:
    """SURVEI: explain the survey and ask the first question."""
    first = _question(index, 0)
    replies = (Reply(index.survey.opening), first)
    return Outcome(replies, replace(state, mode=InSurvey(), options=()), Intent.SURVEY)


def answer(index: ReplyIndex, state: State, text: str, command: str | None) -> Outcome:
    """A message while the survey is open: a score 1-4, BATAL, or something to correct."""
    assert isinstance(state.mode, InSurvey)
    if command == Command.CANCEL:
        reply = Reply(index.survey.cancelled)
        return Outcome((reply,), replace(state, mode=Browsing()), Intent.SURVEY)
    step = len(state.mode.scores)
    score = _score(index, step, text)
    if score not in SCORES:
        replies = (Reply(index.survey.wrong), _question(index, step))
        return Outcome(replies, state, Intent.SURVEY)
    scores = (*state.mode.scores, int(score))
    if len(scores) < len(index.survey.questions):
        question = _question(index, len(scores))
        return Outcome((question,), replace(state, mode=InSurvey(scores)), Intent.SURVEY)
    reply = Reply(index.survey.done)
    done = replace(state, mode=Browsing())
    return Outcome((reply,), done, Intent.SURVEY, effects=(SubmitSurvey(scores),))


def _score(index: ReplyIndex, step: int, text: str) -> str:
    """The score a reply gives: a row id (skm:3), a number, or an answer's words."""
    text = text.removeprefix(SCORE_PREFIX).strip()
    if text in SCORES:
        return text
    answers = index.survey.questions[step].answers
    labels = [normalise(label, index.abbreviations) for label in answers]
    typed = normalise(text, index.abbreviations)
    return SCORES[labels.index(typed)] if typed in labels else ""


def _question(index: ReplyIndex, step: int) -> Reply:
    """One SKM question, as numbered text and as a list."""
    question = index.survey.questions[step]
    return Reply(question.text, dict(question.interactive))
