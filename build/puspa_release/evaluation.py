"""Measure how well the bot understands residents: `make eval` over tests/eval/*.tsv."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from puspa_bot.contract import service_row
from puspa_bot.conversation import Incoming, Intent, Kind, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex
from puspa_build.errors import PuspaError

OUT_OF_SCOPE = "fallback"
"""The expected answer of a question PUSPA cannot answer."""
_INTENTS = {"greeting": Intent.GREETING, "menu": Intent.MENU, "form": Intent.FORM}


@dataclass(frozen=True)
class Case:
    """One resident message and the answer it should get."""

    expected: str
    message: str


@dataclass
class Report:
    """Accuracy figures and the cases that went wrong."""

    in_scope: int = 0
    in_scope_correct: int = 0
    in_scope_suggested: int = 0
    out_of_scope: int = 0
    out_of_scope_correct: int = 0
    misses: list[tuple[Case, str]] = field(default_factory=list)
    by_expected: Counter[str] = field(default_factory=Counter)

    @property
    def in_scope_accuracy(self) -> float:
        """Share of in-scope messages answered exactly right."""
        return self.in_scope_correct / self.in_scope if self.in_scope else 0.0

    @property
    def out_of_scope_accuracy(self) -> float:
        """Share of out-of-scope messages that got the fallback (or only suggestions)."""
        return self.out_of_scope_correct / self.out_of_scope if self.out_of_scope else 0.0


def read_cases(path: Path) -> list[Case]:
    """Read `expected<TAB>message` lines; '#' starts a comment line."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        expected, separator, message = line.partition("\t")
        if not separator:
            raise PuspaError(f"{path}:{number}: tulis 'jawaban<TAB>pesan' (dipisah satu tab)")
        cases.append(Case(expected.strip(), message))
    return cases


def evaluate(index: ReplyIndex, cases: list[Case]) -> Report:
    """Answer every case as the first message of a new conversation and score it."""
    report = Report()
    for case in cases:
        outcome = respond(index, State(), Incoming(Kind.TEXT, case.message, timestamp=1))
        got = outcome.service or outcome.intent.value
        report.by_expected[case.expected] += 1
        if case.expected == OUT_OF_SCOPE:
            report.out_of_scope += 1
            ok = outcome.intent in (Intent.FALLBACK, Intent.SUGGESTION)
            report.out_of_scope_correct += ok
        else:
            report.in_scope += 1
            wanted = _INTENTS.get(case.expected)
            ok = outcome.intent is wanted if wanted else outcome.service == case.expected
            report.in_scope_correct += ok
            suggested = service_row(case.expected) in outcome.state.options
            report.in_scope_suggested += (
                not ok and outcome.intent is Intent.SUGGESTION and suggested
            )
        if not ok:
            report.misses.append((case, got))
    return report


def format_report(report: Report) -> str:
    """The report as plain text for the terminal."""
    lines = [
        f"dalam cakupan: {report.in_scope_correct}/{report.in_scope} tepat "
        f"({_percent(report.in_scope_accuracy)}); {report.in_scope_suggested} lagi ditawarkan "
        "sebagai saran",
        f"di luar cakupan: {report.out_of_scope_correct}/{report.out_of_scope} mendapat jawaban "
        f"cadangan ({_percent(report.out_of_scope_accuracy)})",
    ]
    if report.misses:
        lines.append("meleset (seharusnya -> didapat: pesan):")
        lines += [f"  {case.expected} -> {got}: {case.message}" for case, got in report.misses]
    return "\n".join(lines)


def _percent(share: float) -> str:
    """0.978 as '97,8%' (Indonesian decimal comma)."""
    return f"{share:.1%}".replace(".", ",")
