"""The conversation side of the e-KTP readiness lookup: spot a NIK, check it, ask for it.

Pure: the lookup itself (rate limit, stored list) is the responder's, through LookUpEktp.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .contract import fill
from .conversation import AwaitingNik, Intent, LookUpEktp, Outcome, Reply, State
from .form_fields import nik_problem
from .reply_index import ReplyIndex

NIK_ATTEMPT_DIGITS = 6
"""A run of this many digits or more is read as a NIK (shorter numbers are menu choices)."""
_DIGIT_RUN = re.compile(r"\d(?:[\d .\-]*\d)?")


def nik_attempt(text: str) -> str | None:
    """The digits of the longest number in a message, if it is long enough to be a NIK try."""
    runs = [re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(text)]
    longest = max(runs, key=len, default="")
    return longest if len(longest) >= NIK_ATTEMPT_DIGITS else None


def without_numbers(text: str) -> str:
    """The message with its numbers taken out ('cek ktp 3201...' -> 'cek ktp')."""
    return _DIGIT_RUN.sub(" ", text)


def offers_lookup(index: ReplyIndex, service_id: str) -> bool:
    """Whether answering this service offers the e-KTP lookup."""
    return bool(index.ektp) and index.ektp.service == service_id


def invite(index: ReplyIndex, outcome: Outcome) -> Outcome:
    """After the service's answer: how to check, and a NIK sent next is looked up."""
    replies = (*outcome.replies, Reply(index.ektp.invite))
    return replace(outcome, replies=replies, state=replace(outcome.state, mode=AwaitingNik()))


def look_up(index: ReplyIndex, state: State, digits: str) -> Outcome:
    """A NIK to look up: a well-formed one goes to the lookup, anything else is corrected by
    what cannot be right (its length, region code, birth date or serial)."""
    state = replace(state, mode=AwaitingNik())
    problem = nik_problem(digits)
    if problem is not None:
        reply = Reply(fill(index.ektp.wrong_nik[problem], jumlah=str(len(digits))))
        return Outcome((reply,), state, Intent.EKTP)
    return Outcome((), state, Intent.EKTP, effects=(LookUpEktp(digits),))
