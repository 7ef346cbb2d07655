"""Problems found in content, reported to editors as `file:line: field: what — how to fix`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import PuspaError


class Severity(Enum):
    """How much a problem matters."""

    ERROR = "galat"
    """The build refuses to publish until this is fixed."""
    WARNING = "peringatan"
    """Published, but something is still missing or needs the office's confirmation."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or still missing) in one content file."""

    file: str
    line: int
    field: str
    what: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """Render as `file:line: field: what — how to fix`."""
        text = f"{self.file}:{self.line}: {self.field}: {self.what}"
        return f"{text} — {self.fix}" if self.fix else text


class ContentError(PuspaError):
    """Content has errors: nothing may be built from it."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem so that all of them can be reported at once."""
        self.problems = problems
        super().__init__(f"{len(problems)} galat. Tidak ada yang ditulis.")

    def details(self) -> list[str]:
        """Every problem, one a line, and a blank line before the summary."""
        return [f"{p.severity.value}: {p}" for p in self.problems] + [""]


def errors(problems: list[Problem]) -> list[Problem]:
    """Return only the problems that stop a build."""
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    """Return only the problems that are reported but do not stop a build."""
    return [p for p in problems if p.severity is Severity.WARNING]
