"""What goes in and out of the conversation engine: messages, state, and effects."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


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


@dataclass(frozen=True)
class Reply:
    """One message to send: its text, and optionally the interactive form of the same content."""

    text: str
    interactive: dict[str, Any] | None = None
    """A Graph API `interactive` object; channels that cannot show it send `text`."""


class Intent(Enum):
    """How the engine understood a message (for metrics and `puspa ask --json`)."""

    GREETING = "greeting"
    MENU = "menu"
    SERVICE = "service"
    SUGGESTION = "suggestion"
    FALLBACK = "fallback"
    WRONG_CHOICE = "wrong_choice"
    NOT_TEXT = "not_text"


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


@dataclass(frozen=True)
class Unmatched:
    """Effect: count a question PUSPA could not answer (its words only, never who asked)."""

    words: str


@dataclass(frozen=True)
class Outcome:
    """The engine's answer to one message."""

    replies: tuple[Reply, ...]
    state: State
    intent: Intent
    service: str | None = None
    effects: tuple[Unmatched, ...] = field(default_factory=tuple)
