"""The reply index the build wrote (dist/replies.json), loaded once per process."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .classifier import Model
from .contract import EktpView, FormView, SurveyView

TYPO_MIN_LENGTH = 5
"""Words shorter than this are never corrected: 'kia' and 'kiai' are different words."""
BUNDLED = Path(__file__).with_name("replies.json")
"""Where the Lambda bundle keeps the index, beside this module."""
BUILT = paths.REPLIES
"""Where `make build` writes it in a checkout."""


@dataclass(frozen=True)
class ReplyIndex:
    """Everything the responder knows, as computed by the build."""

    version: str
    texts: dict[str, str]
    menus: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    keywords: dict[str, str]
    stems: dict[str, list[str]]
    words: dict[str, list[str]]
    abbreviations: dict[str, str]
    common_words: frozenset[str]
    commands: dict[str, str]
    office: dict[str, Any] = field(default_factory=dict)
    form: FormView | None = None
    """The izin resepsi sign-up form (questions, limits, texts)."""
    ektp: EktpView | None = None
    """The e-KTP readiness lookup (limits and texts)."""
    survey: SurveyView | None = None
    """The helpful question and the SKM survey."""
    months: tuple[tuple[str, ...], ...] = ()
    date_words: frozenset[str] = frozenset()
    model: Model | None = None
    """The trained classifier (None in an index built before it had one)."""
    referrals: dict[str, dict[str, str]] = field(default_factory=dict)
    handover: dict[str, Any] = field(default_factory=dict)
    """The handover to staff: `expire_minutes`, `keep_days`, `full_number`, `recent`, `texts`."""
    """Referral topic -> its title and reply."""
    """Words written before a date ('tgl 12 des') that reading the date skips."""
    """Month names and abbreviations, January first."""
    typo_targets: tuple[str, ...] = ()
    """Keyword words long enough for a misspelling to be corrected to them."""
    longest_phrase: int = 1
    """Words in the longest keyword or stemmed keyword: no longer phrase can match."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReplyIndex:
        """Wrap the parsed JSON of a reply index."""
        language = data["language"]
        return cls(
            version=data["version"],
            texts=data["texts"],
            menus=data["menus"],
            services=data["services"],
            keywords=data["keywords"],
            stems=data["stems"],
            words=data["words"],
            abbreviations=language["abbreviations"],
            common_words=frozenset(language["common_words"]),
            commands=language["commands"],
            office=data["office"],
            form=FormView.from_json(data["form"]) if data.get("form") else None,
            ektp=EktpView.from_json(data["ektp"]) if data.get("ektp") else None,
            survey=SurveyView.from_json(data["survey"]) if data.get("survey") else None,
            months=tuple(tuple(names) for names in language.get("months", ())),
            date_words=frozenset(language.get("date_words", ())),
            model=Model.from_json(data["classifier"]) if data.get("classifier") else None,
            referrals=data.get("referrals", {}),
            handover=data.get("handover", {}),
            typo_targets=tuple(word for word in data["words"] if len(word) >= TYPO_MIN_LENGTH),
            longest_phrase=max(
                (phrase.count(" ") + 1 for phrase in (*data["keywords"], *data["stems"])),
                default=1,
            ),
        )


def default_index_path() -> Path:
    """The index to serve: $PUSPA_REPLIES, else the bundled copy, else the built one."""
    configured = os.environ.get("PUSPA_REPLIES")
    if configured:
        return Path(configured)
    return BUNDLED if BUNDLED.exists() else BUILT


def load_index(path: Path | None = None) -> ReplyIndex:
    """Read a reply index from disk."""
    target = path or default_index_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"{target} is missing: run `make build` first") from exc
    return ReplyIndex.from_dict(json.loads(text))
