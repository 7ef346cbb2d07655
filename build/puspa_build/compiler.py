"""Check everything in content/ at once, then render the reply index from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .checks import cross_checks, missing_content
from .content import SETTINGS, Content, load_content
from .errors import BuildError
from .message_limits import check_limits
from .problems import ContentError, Problem, errors, warnings
from .reply_index import build_reply_index
from .schema_check import load_schema


@dataclass
class Checked:
    """Content that passed every check, the reply index built from it, and its warnings."""

    content: Content
    index: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)


def check(content_dir: Path) -> Checked:
    """Run every check on the content; raise ContentError listing all errors at once."""
    content, problems = load_content(content_dir)
    problems += cross_checks(content)
    problems += missing_content(content)
    complete = not errors(problems) and content.services and len(content.settings) == len(SETTINGS)
    index: dict[str, Any] = {}
    if complete:
        index = build_reply_index(content)
        problems += check_limits(content, index)
    if errors(problems):
        raise ContentError(sorted(errors(problems)))
    schema_errors = list(
        Draft202012Validator(load_schema("replies.schema.json")).iter_errors(index)
    )
    if schema_errors:
        details = "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in schema_errors[:5])
        raise BuildError(f"indeks balasan tidak sesuai schemas/replies.schema.json: {details}")
    return Checked(content, index, sorted(warnings(problems)))
