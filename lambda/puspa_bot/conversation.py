"""What goes in and out of the conversation engine: messages, state, and effects."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from .whatsapp_limits import TEMPLATE_PARAMETER


class Kind(Enum):
    """What a resident sent."""

    TEXT = "text"
    """Typed text (or the text of a template quick-reply button)."""
    CHOICE = "choice"
    """A row or button picked from an interactive message; `text` holds its id."""
    OTHER = "other"
    """An image, voice note, sticker, location or any type PUSPA does not read."""


@dataclass(frozen=True)
class Incoming:
    """One message from a resident."""

    kind: Kind
    text: str = ""
    timestamp: int = 0
    """Seconds since the epoch, as WhatsApp sends it."""
    from_staff: bool = False
    """The sender is one of the office's staff numbers (PUSPA_STAFF_NUMBERS)."""
    id: str = ""
    """WhatsApp's message id: a handover opened by this message is named after it."""
    staff_reachable: bool = True
    """Staff numbers are set, so a person can answer through PUSPA (else PETUGAS only
    records the request for the office's list)."""


@dataclass(frozen=True)
class Reply:
    """One message to send: its text, and optionally the interactive form of the same content."""

    text: str
    interactive: dict[str, Any] | None = None
    """A Graph API `interactive` object; channels that cannot show it send `text`."""
    template: dict[str, Any] | None = None
    """A Graph API `template` object, for a message outside WhatsApp's 24-hour window."""


def template_message(approved: dict[str, str], *parameters: str) -> dict[str, Any]:
    """A Graph API `template` object: an approved template ({'name', 'language'}) with its
    body parameters in order."""
    texts = [{"type": "text", "text": text[:TEMPLATE_PARAMETER]} for text in parameters]
    return {
        "name": approved["name"],
        "language": {"code": approved["language"]},
        "components": [{"type": "body", "parameters": texts}],
    }


class Intent(Enum):
    """How the engine understood a message (for metrics and `puspa ask --json`)."""

    GREETING = "greeting"
    MENU = "menu"
    SERVICE = "service"
    SUGGESTION = "suggestion"
    REFERRAL = "referral"
    """Something PUSPA does not serve, with a pointer to who does."""
    THANKS = "thanks"
    GOODBYE = "goodbye"
    FALLBACK = "fallback"
    WRONG_CHOICE = "wrong_choice"
    NOT_TEXT = "not_text"
    FORM = "form"
    """A step of the izin resepsi sign-up form."""
    SUBMITTED = "submitted"
    """A sign-up form was completed and sent."""
    STATUS = "status"
    """STATUS <code>."""
    STAFF = "staff"
    """A staff command."""
    CALL_STAFF = "call_staff"
    """PETUGAS: the resident asked for a person."""
    ERASE = "erase"
    """HAPUS DATA and its confirmation."""
    EKTP = "ektp"
    """CEK KTP <NIK>: whether a resident's e-KTP is printed (or a correction of the NIK)."""
    HELPFUL = "helpful"
    """An answer to 'Apakah informasi ini membantu?'."""
    HANDOVER = "handover"
    """A message between a resident and a staff member (the bot stepped back)."""
    SURVEY = "survey"
    """A step of the SKM survey."""


class Stage(Enum):
    """Where a resident is in the sign-up form."""

    CONSENT = "consent"
    """The privacy notice was shown; the form starts after YA."""
    ASK = "ask"
    """A question was asked."""
    CONFIRM = "confirm"
    """The summary was shown; YA submits, UBAH <n> changes an answer."""


@dataclass(frozen=True)
class FormProgress:
    """A sign-up form in progress."""

    stage: Stage
    step: int = 0
    """The question asked (index into the form's fields)."""
    answers: dict[str, str] = field(default_factory=dict)
    """Checked answers by field key, normalised (dates as YYYY-MM-DD, NIK as 16 digits)."""
    editing: bool = False
    """The question is a change asked for from the summary: back to the summary after it."""


# The conversation's mode: the one thing the next message is read against. Each is a small
# tagged tuple (`tag` names it in the stored state); the engine dispatches on it first.


class Browsing(NamedTuple):
    """Menus, questions and answers: the bot answers (the default)."""

    tag: str = "browsing"


class FillingForm(NamedTuple):
    """The sign-up form is open: a message answers its question."""

    progress: FormProgress
    tag: str = "form"


class InSurvey(NamedTuple):
    """The SKM survey is open: a message is a score."""

    scores: tuple[int, ...] = ()
    """The scores given so far."""
    tag: str = "survey"


class AwaitingNik(NamedTuple):
    """The e-KTP lookup was offered: a NIK sent now is looked up."""

    tag: str = "awaiting_nik"


class ConfirmingErase(NamedTuple):
    """HAPUS DATA was asked: the next YA deletes the resident's data."""

    tag: str = "confirm_erase"


class RatingHelpful(NamedTuple):
    """'Apakah informasi ini membantu?' was just asked about a service: YA/TIDAK answer it."""

    service: str
    tag: str = "helpful"


class WithStaff(NamedTuple):
    """A resident's handover is open: their messages go to staff, the bot steps back."""

    ref: str
    """The handover's reference (a code like a sign-up's)."""
    tag: str = "handover"


class Serving(NamedTuple):
    """A staff member took a handover (AMBIL): their plain messages go to that resident."""

    ref: str
    tag: str = "serving"


Mode = (
    Browsing
    | FillingForm
    | InSurvey
    | AwaitingNik
    | ConfirmingErase
    | RatingHelpful
    | WithStaff
    | Serving
)
BROWSING = Browsing()
"""The default mode (a tuple: immutable, so one value serves every state)."""


@dataclass(frozen=True)
class State:
    """Where a resident is in the conversation; stored between messages."""

    options: tuple[str, ...] = ()
    """What each number means now: options[0] is what '1' opens (`layanan:<id>`, `menu:<name>`)."""
    trail: tuple[str, ...] = ()
    """The menus opened, oldest first; '0' goes back along it."""
    at_service: bool = False
    """The last answer was a service (so '0' shows the menu it came from)."""
    last_seen: int = 0
    """When the resident last wrote (seconds since the epoch); 0 for a new conversation."""
    mode: Mode = BROWSING
    """What the next message is read against (see the modes above)."""
    paused_form: FormProgress | None = None
    """A sign-up form left for the menus; FORM (RESEPSI) resumes it."""
    last_question: str = ""
    """The resident's last free-text question, passed on when they ask for staff (PETUGAS)."""
    recent: tuple[str, ...] = ()
    """The resident's last few texts, oldest first, shown to staff with a handover."""
    misses: int = 0
    """Questions in a row the bot could not answer (after two it offers a petugas)."""
    helpful_asked: bool = False
    """The helpful question was asked in this conversation (it is asked at most once)."""

    @property
    def form(self) -> FormProgress | None:
        """The sign-up form in progress, open or paused."""
        return self.mode.progress if isinstance(self.mode, FillingForm) else self.paused_form


# Effects: what the engine asks the responder to do, each carried out by its desk. Small
# tagged tuples, like the modes: cheap to create at cold start, and no two kinds compare
# equal.


class Unmatched(NamedTuple):
    """Effect: count a question PUSPA could not answer (its words only, never who asked)."""

    words: str
    tag: str = "unmatched"


class SubmitSignup(NamedTuple):
    """Effect: store a completed sign-up; replies then carry its code in place of `{kode}`."""

    answers: dict[str, str]
    event_date: str
    """YYYY-MM-DD: the sign-up expires a set number of days after it."""
    tag: str = "submit_signup"


class LookUpStatus(NamedTuple):
    """Effect: answer STATUS <code> (only to the number that registered it)."""

    code: str
    tag: str = "look_up_status"


class StaffAction(NamedTuple):
    """Effect: a staff command: 'list', 'detail', 'approve' or 'reject'."""

    action: str
    code: str = ""
    reason: str = ""
    tag: str = "staff_action"


class CallStaff(NamedTuple):
    """Effect: record that this resident wants a person, for the office's list (no staff
    numbers are set, so nobody can answer through PUSPA)."""

    last_question: str
    tag: str = "call_staff"


class HandoverAction(NamedTuple):
    """Effect: one step of a handover to staff, carried out by the handover desk.

    `action` is 'open' (by the resident: `text` is the last question, `recent` the last
    messages), 'forward' (a resident's message to staff), 'close_by_resident', or a staff
    member's 'reply', 'take', 'release' or 'close'.
    """

    action: str
    ref: str
    text: str = ""
    recent: tuple[str, ...] = ()
    tag: str = "handover"


class EraseMyData(NamedTuple):
    """Effect: delete the resident's sign-ups and conversation state; replies carry {jumlah}."""

    tag: str = "erase"


class LookUpEktp(NamedTuple):
    """Effect: tell whether the e-KTP of a (well-formed) NIK is ready, within the rate limit."""

    nik: str
    tag: str = "look_up_ektp"


class RateHelpful(NamedTuple):
    """Effect: count one answer to 'Apakah informasi ini membantu?' for a service."""

    service: str
    helpful: bool
    tag: str = "rate_helpful"


class SubmitSurvey(NamedTuple):
    """Effect: store one completed SKM response (scores 1-4 per element), with no sender."""

    scores: tuple[int, ...]
    tag: str = "submit_survey"


Effect = (
    Unmatched
    | SubmitSignup
    | LookUpStatus
    | StaffAction
    | CallStaff
    | HandoverAction
    | EraseMyData
    | LookUpEktp
    | RateHelpful
    | SubmitSurvey
)


@dataclass(frozen=True)
class Outcome:
    """The engine's answer to one message."""

    replies: tuple[Reply, ...]
    state: State
    intent: Intent
    service: str | None = None
    effects: tuple[Effect, ...] = field(default_factory=tuple)
    topic: str | None = None
    """The referral topic answered, if any."""
    also: str | None = None
    """A second service the message named, offered after the answer."""
    case: str | None = None
    """The case of the service answered with its short answer, if any."""
