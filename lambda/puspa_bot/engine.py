"""The conversation engine: (reply index, state, message) -> (replies, new state, effects).

A pure function: no I/O, no clock, no AWS. The Lambda handler, the terminal chat and
`puspa ask` are adapters around `respond`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import ektp_flow, form_flow, survey_flow
from .contract import (
    FORM_ROW,
    MENU_ROW,
    SERVICE_ROW,
    STAFF_ROW,
    Command,
    fill,
    parse_row,
    service_row,
)
from .conversation import (
    AwaitingNik,
    Browsing,
    CallStaff,
    ConfirmingErase,
    EraseMyData,
    FillingForm,
    HandoverAction,
    Incoming,
    InSurvey,
    Intent,
    Kind,
    LookUpStatus,
    Outcome,
    RatingHelpful,
    Reply,
    Serving,
    StaffAction,
    State,
    Unmatched,
    WithStaff,
)
from .matcher import match
from .normalise import normalise
from .privacy import counted_words, mask_numbers
from .reply_index import ReplyIndex
from .signup import looks_like_code, signup_code
from .understanding import understand
from .whatsapp_limits import INTERACTIVE_BODY

MAIN_MENU = "utama"
GREET_AFTER = 12 * 60 * 60
"""A message after this long a pause (seconds) starts a new conversation with a greeting."""
MAX_TEXT = 4096
"""WhatsApp's limit for a text message; anything longer is read only this far."""
RECENT_CHARACTERS = 300
"""How much of each recent message is kept for staff."""
MISSES_BEFORE_OFFER = 2
"""Unanswered questions in a row after which a petugas is offered."""
STAFF_ROW_ID = f"{STAFF_ROW}:tanya"
"""The id of the menu row and the button that ask for a petugas."""
MENU_CHOICE_DIGITS = 3
"""A typed number this short is a menu choice; a longer one is text (a NIK, a phone number)."""


def respond(index: ReplyIndex, state: State, message: Incoming) -> Outcome:
    """Answer one message from a resident."""
    if len(message.text) > MAX_TEXT:
        message = replace(message, text=message.text[:MAX_TEXT])
    # A pause, or a stored time far from this message's (a clock gone wrong), starts afresh.
    is_new = not state.last_seen or abs(message.timestamp - state.last_seen) > GREET_AFTER
    if is_new:
        state = State()
    outcome = _answer(index, state, message)
    if outcome.intent is Intent.SERVICE and outcome.service:
        outcome = _after_service(index, outcome, message.timestamp)
    last_seen = max(state.last_seen, message.timestamp)
    misses = state.misses + 1 if outcome.intent is Intent.FALLBACK else 0
    new_state = replace(outcome.state, last_seen=last_seen, misses=misses)
    if _remembered(state, message):
        kept = index.handover.get("recent", 0)
        recent = (*new_state.recent, mask_numbers(message.text[:RECENT_CHARACTERS]))
        new_state = replace(new_state, recent=recent[-kept:] if kept else ())
    return replace(outcome, state=new_state)


def _remembered(state: State, message: Incoming) -> bool:
    """Whether a message joins the last few shown to staff with a handover: a resident's
    text, not an answer inside the form (a NIK, a name)."""
    return (
        message.kind is Kind.TEXT
        and not message.from_staff
        and not isinstance(state.mode, FillingForm | WithStaff)
    )


def erase_confirmed(index: ReplyIndex) -> Outcome:
    """The answer to YA after HAPUS DATA: erase everything, and say so ({jumlah} to fill)."""
    reply = Reply(index.texts["erased"])
    return Outcome((reply,), State(), Intent.ERASE, effects=(EraseMyData(),))


def _answer(index: ReplyIndex, state: State, message: Incoming) -> Outcome:
    """Route a message: HAPUS DATA's confirmation, then commands that work in every mode,
    then the conversation's mode, then menus and questions."""
    if message.kind is Kind.OTHER:
        return Outcome((Reply(index.texts["not_text"]),), state, Intent.NOT_TEXT)
    if message.kind is Kind.CHOICE:
        return _choice(index, state, message)
    text = normalise(message.text, index.abbreviations)
    command = _command(index, text)
    if isinstance(state.mode, ConfirmingErase):
        return _confirm_erase(index, replace(state, mode=Browsing()), command)
    if message.from_staff and command in _HANDOVER_ACTIONS:
        return _handover_command(index, state, message, command)
    serving = isinstance(state.mode, Serving) and message.from_staff
    if serving and command not in _STAFF_ACTIONS:  # after AMBIL: plain text to the resident
        effect = HandoverAction("reply", state.mode.ref, message.text.strip())
        return Outcome((), state, Intent.HANDOVER, effects=(effect,))
    anywhere = _in_any_mode(index, state, message, command)
    if anywhere is not None:
        return anywhere
    in_mode = _BY_MODE.get(type(state.mode))
    answered = in_mode(index, state, message, text, command) if in_mode else None
    if answered is not None:
        return answered
    return _browse(index, replace(state, mode=Browsing()), message, text, command)


def _in_any_mode(
    index: ReplyIndex, state: State, message: Incoming, command: str | None
) -> Outcome | None:
    """HAPUS DATA, PETUGAS, STATUS <code> and staff commands: the same in every mode."""
    if command == Command.ERASE:
        reply = Reply(index.texts["erase_ask"])
        return Outcome((reply,), replace(state, mode=ConfirmingErase()), Intent.ERASE)
    if command == Command.CALL_STAFF:
        return _call_staff(index, state, message)
    code, rest = _arguments(message.text)
    if command == Command.STATUS and looks_like_code(code):
        return Outcome((), state, Intent.STATUS, effects=(LookUpStatus(code),))
    if message.from_staff and command in _STAFF_ACTIONS:
        action = StaffAction(_STAFF_ACTIONS[command], code, rest.strip())
        return Outcome((), state, Intent.STAFF, effects=(action,))
    return None


def _browse(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome:
    """Menus, commands and questions: the bot answers."""
    if command == Command.SURVEY and index.survey:
        return survey_flow.start(index, state)
    nik = ektp_flow.nik_attempt(message.text)
    if nik and _asks_ektp(index, message.text):
        return ektp_flow.look_up(index, state, nik)
    if command == Command.FORM:
        return form_flow.start(index, state)
    if command == Command.MENU:
        return _menu(index, _carried(state), MAIN_MENU)
    if command == Command.BACK:
        return _back(index, state)
    if command == Command.GREETING:
        return _greeting(index, state)
    if text.isdigit() and len(text) <= MENU_CHOICE_DIGITS and text not in index.keywords:
        return _number(index, state, message, int(text))
    state = replace(state, last_question=message.text[:500])
    found = understand(index, message.text)
    if found.service:
        return replace(_service(index, state, found.service, found.case), also=found.also)
    if found.intent == "menu":
        return _menu(index, _carried(state), MAIN_MENU)
    if found.intent == "form" and index.form:
        return form_flow.start(index, state)
    if found.intent in ("thanks", "goodbye"):
        intent = Intent.THANKS if found.intent == "thanks" else Intent.GOODBYE
        return Outcome((Reply(index.texts[found.intent]),), state, intent)
    if found.topic:
        reply = Reply(index.referrals[found.topic]["reply"])
        return Outcome((reply,), state, Intent.REFERRAL, topic=found.topic)
    if found.intent == "greeting" or (not found.words and not found.suggestions):
        return _greeting(index, state)
    unmatched = Unmatched(counted_words(message.text, index.abbreviations, index.common_words))
    if found.suggestions:
        return _suggest(index, state, found.suggestions, unmatched)
    replies: tuple[Reply, ...] = (Reply(index.texts["fallback"]),)
    if state.misses + 1 >= MISSES_BEFORE_OFFER:
        replies += (_staff_offer(index),)
    return Outcome(replies, state, Intent.FALLBACK, effects=(unmatched,))


def _staff_offer(index: ReplyIndex) -> Reply:
    """'Belum menemukan jawabannya? Ketik PETUGAS', with one button that does the same."""
    texts = index.handover["texts"]
    button = {"type": "reply", "reply": {"id": STAFF_ROW_ID, "title": texts["offer_button"]}}
    interactive = {
        "type": "button",
        "body": {"text": texts["offer"]},
        "action": {"buttons": [button]},
    }
    return Reply(texts["offer"], interactive)


def _in_form(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome:
    """A message while the sign-up form is open: MENU pauses it, BATAL drops it."""
    assert isinstance(state.mode, FillingForm)
    if command == Command.MENU:
        paused = replace(state, mode=Browsing(), paused_form=state.mode.progress)
        return _menu(index, _carried(paused), MAIN_MENU)
    if command == Command.CANCEL:
        return form_flow.cancel(index, state)
    if command == Command.FORM:
        return form_flow.start(index, state)
    return form_flow.answer(index, state, message.text, command, message.timestamp)


def _in_survey(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome | None:
    """A message while the survey is open: its answer; MENU leaves it."""
    return None if command == Command.MENU else survey_flow.answer(index, state, text, command)


def _rating(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome | None:
    """YA or TIDAK right after 'membantu?'; anything else moves on."""
    assert isinstance(state.mode, RatingHelpful)
    if command not in (Command.YES, Command.NO):
        return None
    return survey_flow.rate_helpful(index, state, state.mode.service, command == Command.YES)


def _awaiting_nik(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome | None:
    """After the e-KTP lookup was offered: a NIK sent now is looked up."""
    nik = ektp_flow.nik_attempt(message.text)
    return ektp_flow.look_up(index, state, nik) if nik and index.ektp else None


def _call_staff(index: ReplyIndex, state: State, message: Incoming) -> Outcome:
    """PETUGAS: open a handover (the bot steps back), say it is open already, or, with no
    staff numbers set, record the request for the office's list."""
    texts = index.handover["texts"]
    if isinstance(state.mode, WithStaff):
        reply = Reply(fill(texts["still_open"], kode=state.mode.ref))
        return Outcome((reply,), state, Intent.CALL_STAFF)
    if not message.staff_reachable:  # the answer depends on the office's list alone
        effect = CallStaff(state.last_question)
        return Outcome((), state, Intent.CALL_STAFF, effects=(effect,))
    ref = signup_code(f"petugas:{message.id or message.timestamp}")
    opened = HandoverAction("open", ref, state.last_question, state.recent)
    reply = Reply(fill(texts["opened"], kode=ref))
    paused = state.form  # a form in progress waits (RESEPSI resumes it after the handover)
    new_state = replace(
        state, mode=WithStaff(ref), paused_form=paused, options=(), at_service=False
    )
    return Outcome((reply,), new_state, Intent.CALL_STAFF, effects=(opened,))


def _with_staff(
    index: ReplyIndex, state: State, message: Incoming, text: str, command: str | None
) -> Outcome | None:
    """A resident's message while a person answers: to staff, not to the bot. MENU shows the
    menu (the handover stays open), a number picks from it, BATAL closes the handover."""
    assert isinstance(state.mode, WithStaff)
    ref = state.mode.ref
    if command == Command.MENU:
        shown = _menu(index, _carried(state), MAIN_MENU)
        note = Reply(fill(index.handover["texts"]["still_open"], kode=ref))
        return replace(shown, replies=(*shown.replies, note))
    if command == Command.CANCEL:
        closed = HandoverAction("close_by_resident", ref)
        reply = Reply(index.handover["texts"]["cancelled"])
        new_state = replace(state, mode=Browsing())
        return Outcome((reply,), new_state, Intent.HANDOVER, effects=(closed,))
    if state.options and text.isdigit() and len(text) <= MENU_CHOICE_DIGITS:
        return _number(index, state, message, int(text))
    effect = HandoverAction("forward", ref, message.text.strip())
    return Outcome((), state, Intent.HANDOVER, effects=(effect,))


def _handover_command(index: ReplyIndex, state: State, message: Incoming, command: str) -> Outcome:
    """A staff member's BALAS, AMBIL, SELESAI or LEPAS <ref>. AMBIL makes their next plain
    messages go to the resident; SELESAI and LEPAS end that (the desk checks who may)."""
    ref, rest = _arguments(message.text)
    action = _HANDOVER_ACTIONS[command]
    if not looks_like_code(ref) or (action == "reply" and not rest.strip()):
        reply = Reply(index.handover["texts"]["staff_usage"])
        return Outcome((reply,), state, Intent.STAFF)
    if action == "take":
        state = replace(state, mode=Serving(ref))
    elif action in ("close", "release") and state.mode == Serving(ref):
        state = replace(state, mode=Browsing())
    effect = HandoverAction(action, ref, rest.strip())
    return Outcome((), state, Intent.STAFF, effects=(effect,))


_HANDOVER_ACTIONS = {
    Command.STAFF_REPLY: "reply",
    Command.STAFF_TAKE: "take",
    Command.STAFF_DONE: "close",
    Command.STAFF_RELEASE: "release",
}
_WITH_ARGUMENTS = frozenset(
    {
        Command.EDIT,
        Command.STATUS,
        Command.STAFF_DETAIL,
        Command.STAFF_APPROVE,
        Command.STAFF_REJECT,
        *_HANDOVER_ACTIONS,
    }
)
_STAFF_ACTIONS = {
    Command.STAFF_LIST: "list",
    Command.STAFF_DETAIL: "detail",
    Command.STAFF_APPROVE: "approve",
    Command.STAFF_REJECT: "reject",
}


def _command(index: ReplyIndex, text: str) -> str | None:
    """The command a message is, if any: the whole text, or a command word and its arguments."""
    command = index.commands.get(text)
    if command is None and text:
        first = index.commands.get(text.split()[0])
        if first in _WITH_ARGUMENTS:
            return first
    return command


def _arguments(text: str) -> tuple[str, str]:
    """The code and the rest after a command word: 'tolak ab12cd3 tanggal bentrok'."""
    words = text.split(maxsplit=2)[1:]
    code = words[0].upper() if words else ""
    return code, words[1] if len(words) > 1 else ""


def _choice(index: ReplyIndex, state: State, message: Incoming) -> Outcome:
    """A row or button picked: a survey answer, a helpful button, or something to open (an
    open form stays open: a tap on an older message does not drop it)."""
    choice_id = message.text
    if isinstance(state.mode, InSurvey) and choice_id.startswith(survey_flow.SCORE_PREFIX):
        return survey_flow.answer(index, state, choice_id, None)
    if choice_id.startswith(survey_flow.HELPFUL_PREFIX):
        rated = survey_flow.helpful_button(index, state, choice_id)
        if rated is not None:
            return rated
    lasting = FillingForm | WithStaff | Serving  # a tap on a menu does not end these
    mode = state.mode if isinstance(state.mode, lasting) else Browsing()
    return _open(index, replace(state, mode=mode), choice_id, message)


def _asks_ektp(index: ReplyIndex, text: str) -> bool:
    """Whether a message with a long number is an e-KTP lookup ('cek ktp 3201...')."""
    if not index.ektp:
        return False
    found = match(index, ektp_flow.without_numbers(text))
    return ektp_flow.offers_lookup(index, found.service or "")


def _after_service(index: ReplyIndex, outcome: Outcome, timestamp: int) -> Outcome:
    """After a service's answer: the e-KTP lookup's invitation, the other service the message
    named, or sometimes 'membantu?'."""
    service_id = outcome.service or ""
    if ektp_flow.offers_lookup(index, service_id):
        return ektp_flow.invite(index, outcome)
    if outcome.also:
        return _offer_also(index, outcome, outcome.also)
    if index.survey and survey_flow.should_ask_helpful(index, outcome.state, service_id, timestamp):
        return survey_flow.ask_helpful(index, outcome, service_id)
    return outcome


def _offer_also(index: ReplyIndex, outcome: Outcome, service_id: str) -> Outcome:
    """Offer the second service a message named: one button, or its number typed (1, or 2
    after a case's short answer, whose 1 is the whole service)."""
    texts = index.texts
    named = fill(texts["also_named"], layanan=index.services[service_id]["menu_title"])
    row = service_row(service_id)
    button = {"type": "reply", "reply": {"id": row, "title": texts["also_button"]}}
    interactive = {"type": "button", "body": {"text": named}, "action": {"buttons": [button]}}
    options = (*outcome.state.options, row) if outcome.case else (row,)
    offer = Reply(f"{named}\n{fill(texts['also_hint'], nomor=len(options))}", interactive)
    state = replace(outcome.state, options=options)
    return replace(outcome, replies=(*outcome.replies, offer), state=state)


def _confirm_erase(index: ReplyIndex, state: State, command: str | None) -> Outcome:
    """After HAPUS DATA: YA erases everything, anything else keeps it."""
    if command == Command.YES:
        return erase_confirmed(index)
    return Outcome((Reply(index.texts["erase_cancelled"]),), state, Intent.ERASE)


def _carried(state: State, **changes: Any) -> State:
    """A fresh menu step: all resets but what lasts the conversation (an open or paused form,
    and whether 'membantu?' was asked), with `changes` applied."""
    mode = state.mode if isinstance(state.mode, FillingForm | WithStaff | Serving) else Browsing()
    kept = State(
        mode=mode,
        recent=state.recent,
        paused_form=state.paused_form,
        helpful_asked=state.helpful_asked,
    )
    return replace(kept, **changes)


def _greeting(index: ReplyIndex, state: State) -> Outcome:
    """Greet, and say how to use PUSPA."""
    return Outcome((Reply(index.texts["greeting"]),), state, Intent.GREETING)


def _open(index: ReplyIndex, state: State, target: str, message: Incoming) -> Outcome:
    """Open a menu row or option id: a service, a menu (or one of its pages), the form, or a
    petugas (the handover)."""
    row = parse_row(target)
    if row.kind == STAFF_ROW:
        return _call_staff(index, state, message)
    if row.kind == SERVICE_ROW and row.name in index.services:
        return _service(index, state, row.name)
    if row.kind == MENU_ROW and row.name in index.menus:
        return _menu(index, state, row.name, int(row.extra) if row.extra.isdigit() else 1)
    if row.kind == FORM_ROW and index.form:
        return form_flow.start(index, state)
    return _menu(index, _carried(state), MAIN_MENU)


def _menu(index: ReplyIndex, state: State, name: str, page: int = 1) -> Outcome:
    """Show a menu: its list page, and its numbered text for channels without lists."""
    menu = index.menus[name]
    pages = menu["pages"]
    interactive = pages[min(max(page, 1), len(pages)) - 1]
    trail = state.trail if state.trail and state.trail[-1] == name else (*state.trail, name)
    new_state = _carried(state, options=tuple(menu["options"]), trail=trail)
    return Outcome((Reply(menu["text"], interactive),), new_state, Intent.MENU)


def _service(index: ReplyIndex, state: State, service_id: str, case: str | None = None) -> Outcome:
    """Answer with a service's pre-rendered reply; numbers keep meaning what they meant.

    For one case of a service (KTP hilang), its short answer, with one button (or 1) for all
    of the service's requirements.
    """
    if isinstance(state.mode, AwaitingNik):
        state = replace(state, mode=Browsing())
    state = replace(state, at_service=True)
    short = index.services[service_id].get("cases", {}).get(case) if case else None
    if short is None:
        reply = Reply(index.services[service_id]["reply"])
        return Outcome((reply,), state, Intent.SERVICE, service=service_id)
    everything = service_row(service_id)
    button = {"type": "reply", "reply": {"id": everything, "title": index.texts["case_button"]}}
    state = replace(state, options=(everything,))
    if len(short["reply"]) <= INTERACTIVE_BODY:  # one message, the button under it
        body = {"text": short["reply"]}
        interactive = {"type": "button", "body": body, "action": {"buttons": [button]}}
        replies: tuple[Reply, ...] = (Reply(short["reply"], interactive),)
    else:  # too long for a button message's body: the text, then the button on its own
        body = {"text": index.texts["case_all"]}
        interactive = {"type": "button", "body": body, "action": {"buttons": [button]}}
        replies = (Reply(short["reply"]), Reply(index.texts["case_all"], interactive))
    return Outcome(replies, state, Intent.SERVICE, service=service_id, case=case)


def _back(index: ReplyIndex, state: State) -> Outcome:
    """Go back one level: from a service to its menu, from a menu to the one before it."""
    if state.at_service and state.trail:
        return _menu(index, replace(state, at_service=False), state.trail[-1])
    trail = state.trail[:-1]
    previous = trail[-1] if trail else MAIN_MENU
    return _menu(index, _carried(state, trail=trail[:-1]), previous)


def _number(index: ReplyIndex, state: State, message: Incoming, number: int) -> Outcome:
    """Open what a typed number means in the menu shown last (the main menu if none)."""
    options = state.options or tuple(index.menus[MAIN_MENU]["options"])
    if 1 <= number <= len(options):
        return _open(index, state, options[number - 1], message)
    shown = _menu(index, state, state.trail[-1] if state.trail else MAIN_MENU)
    text = f"{index.texts['wrong_choice']}\n\n{shown.replies[0].text}"
    return replace(
        shown, replies=(Reply(text, shown.replies[0].interactive),), intent=Intent.WRONG_CHOICE
    )


def _suggest(
    index: ReplyIndex, state: State, services: tuple[str, ...], unmatched: Unmatched
) -> Outcome:
    """Offer close candidates as 'maksud Anda', answerable by number or by list row."""
    titles = [index.services[service_id]["menu_title"] for service_id in services]
    numbered = "\n".join(f"{n}. {title}" for n, title in enumerate(titles, start=1))
    texts = index.texts
    text = f"{texts['sorry']}\n\n{texts['suggest']}\n{numbered}\n\n{texts['suggest_hint']}"
    rows = [
        {"id": service_row(service_id), "title": title}
        for service_id, title in zip(services, titles, strict=True)
    ]
    interactive = {
        "type": "list",
        "body": {"text": f"{texts['sorry']}\n\n{texts['suggest']}"},
        "action": {
            "button": index.menus[MAIN_MENU]["pages"][0]["action"]["button"],
            "sections": [{"title": index.menus[MAIN_MENU]["title"], "rows": rows}],
        },
    }
    options = tuple(service_row(service_id) for service_id in services)
    new_state = replace(state, options=options, at_service=False)
    return Outcome((Reply(text, interactive),), new_state, Intent.SUGGESTION, effects=(unmatched,))


_BY_MODE: dict[type, Any] = {
    FillingForm: _in_form,
    InSurvey: _in_survey,
    RatingHelpful: _rating,
    AwaitingNik: _awaiting_nik,
    WithStaff: _with_staff,
}
"""What reads a message in each mode; None from it hands the message to `_browse`."""
