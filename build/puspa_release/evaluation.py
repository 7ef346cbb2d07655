"""Measure how well the bot understands residents (`make eval`).

In one run: every held-out file in tests/eval/ answered by the bot as built (the trained
classifier) and by the keyword matcher alone (the baseline: the index without its model),
and k-fold cross-validation of the classifier on content's own examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from puspa_bot.contract import service_row
from puspa_bot.conversation import Incoming, Intent, Kind, Outcome, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex
from puspa_build.errors import PuspaError

OUT_OF_SCOPE = "fallback"
"""The expected answer of a question PUSPA cannot answer and has no referral for."""
REFERRAL = "referral:"
INTENTS = {
    "greeting": Intent.GREETING,
    "menu": Intent.MENU,
    "form": Intent.FORM,
    "thanks": Intent.THANKS,
    "goodbye": Intent.GOODBYE,
}
"""Expected labels that name an intent rather than a service."""
UNSURE = (Intent.FALLBACK, Intent.SUGGESTION)
"""What the bot says when it is not sure (never a confident wrong answer)."""


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
    conversation: int = 0
    """Menu/help, greetings, thanks, goodbyes and starting the form."""
    conversation_correct: int = 0
    menu: int = 0
    menu_correct: int = 0
    out_of_scope: int = 0
    """Out of scope: fallback cases and referral topics."""
    out_of_scope_correct: int = 0
    referrals: int = 0
    referrals_correct: int = 0
    confidently_wrong: int = 0
    """A confident answer that is not the expected one (a service, a topic, an intent)."""
    misses: list[tuple[Case, str]] = field(default_factory=list)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Every case scored."""
        return self.in_scope + self.conversation + self.out_of_scope

    @property
    def in_scope_accuracy(self) -> float:
        """Share of service questions answered with exactly that service."""
        return _share(self.in_scope_correct, self.in_scope)

    @property
    def out_of_scope_accuracy(self) -> float:
        """Share of out-of-scope messages handled: fallback, suggestions or a referral."""
        return _share(self.out_of_scope_correct, self.out_of_scope)

    @property
    def menu_accuracy(self) -> float:
        """Share of menu/help requests answered with the menu."""
        return _share(self.menu_correct, self.menu)

    @property
    def wrong_rate(self) -> float:
        """Confidently wrong answers as a share of all messages."""
        return _share(self.confidently_wrong, self.total)


def _share(part: int, whole: int) -> float:
    """part / whole, 0 when there is nothing."""
    return part / whole if whole else 0.0


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


def evaluate(index: ReplyIndex, cases: Iterable[Case]) -> Report:
    """Answer every case as the first message of a new conversation and score it."""
    report = Report()
    for case in cases:
        outcome = respond(index, State(), Incoming(Kind.TEXT, case.message, timestamp=1))
        _score(report, case, outcome)
    return report


def baseline(index: ReplyIndex) -> ReplyIndex:
    """The same index without its trained model: the keyword matcher decides alone."""
    return replace(index, model=None)


def _got(outcome: Outcome) -> str:
    """What the bot answered, in the labels' own words."""
    if outcome.intent is Intent.REFERRAL:
        return f"{REFERRAL}{outcome.topic}"
    return outcome.service or outcome.intent.value


def _score(report: Report, case: Case, outcome: Outcome) -> None:
    """Add one answered case to the report."""
    got = _got(outcome)
    expected = case.expected
    unsure = outcome.intent in UNSURE
    if expected == OUT_OF_SCOPE or expected.startswith(REFERRAL):
        report.out_of_scope += 1
        if expected.startswith(REFERRAL):
            report.referrals += 1
            report.referrals_correct += got == expected
            ok = got == expected or unsure
        else:
            ok = unsure or outcome.intent is Intent.REFERRAL
        report.out_of_scope_correct += ok
    elif expected in INTENTS:
        report.conversation += 1
        ok = outcome.intent is INTENTS[expected]
        report.conversation_correct += ok
        if expected == "menu":
            report.menu += 1
            report.menu_correct += ok
    else:
        report.in_scope += 1
        ok = outcome.service == expected and outcome.intent is Intent.SERVICE
        report.in_scope_correct += ok
        offered = service_row(expected) in outcome.state.options
        report.in_scope_suggested += not ok and outcome.intent is Intent.SUGGESTION and offered
    if not ok and not unsure:
        report.confidently_wrong += 1
    if got != expected:
        report.confusion[(expected, got)] += 1
    if not ok:
        report.misses.append((case, got))


def format_report(report: Report, *, misses: bool = True) -> str:
    """The report as plain text for the terminal."""
    lines = [
        f"dalam cakupan: {report.in_scope_correct}/{report.in_scope} tepat "
        f"({_percent(report.in_scope_accuracy)}); {report.in_scope_suggested} lagi ditawarkan "
        "sebagai saran",
        f"menu/bantuan: {report.menu_correct}/{report.menu} ({_percent(report.menu_accuracy)}); "
        f"percakapan (salam, terima kasih, pamit, formulir): "
        f"{report.conversation_correct}/{report.conversation}",
        f"di luar cakupan: {report.out_of_scope_correct}/{report.out_of_scope} tertangani "
        f"({_percent(report.out_of_scope_accuracy)}); rujukan tepat "
        f"{report.referrals_correct}/{report.referrals}",
        f"salah dengan yakin: {report.confidently_wrong}/{report.total} "
        f"({_percent(report.wrong_rate)})",
    ]
    if report.confusion:
        pairs = ", ".join(
            f"{expected}→{got} ({count}x)"
            for (expected, got), count in report.confusion.most_common(8)
        )
        lines.append(f"tertukar paling sering: {pairs}")
    if misses and report.misses:
        lines.append("meleset (seharusnya -> didapat: pesan):")
        lines += [f"  {case.expected} -> {got}: {case.message}" for case, got in report.misses]
    return "\n".join(lines)


def _percent(share: float) -> str:
    """0.978 as '97,8%' (Indonesian decimal comma)."""
    return f"{share:.1%}".replace(".", ",")


@dataclass(frozen=True)
class FoldFigures:
    """k-fold cross-validation of the classifier on content's own examples."""

    examples: int
    top1: int
    """Held-out examples whose most probable label is theirs."""
    top3: int
    answered_right: int
    """Answered (over the thresholds) with their own label."""
    answered_wrong: int


def cross_validation(content: Any) -> FoldFigures:
    """Each content example scored by a model trained on the other folds (a case counts as
    its service: the case is chosen after the service)."""
    from puspa_build.classifier_index import (
        answered,
        answers_of,
        build_classifier,
        cross_validated,
        labelled_rows,
        training_examples,
    )

    examples = [(e.label, e.text) for e in training_examples(content)]
    labels, rows, targets = labelled_rows(examples, content.bahasa["singkatan"])
    model = build_classifier(content)
    top1 = top3 = right = wrong = 0
    for target, chances in answers_of(labels, cross_validated(rows, targets)):
        order = sorted(range(len(chances)), key=lambda i: -chances[i])
        top1 += order[0] == target
        top3 += target in order[:3]
        label = answered(chances, model["answer"], model["lead"])
        right += label is not None and label == target
        wrong += label is not None and label != target
    return FoldFigures(len(examples), top1, top3, right, wrong)


def format_folds(figures: FoldFigures) -> str:
    """Cross-validation figures for the terminal."""
    n = figures.examples
    return (
        f"validasi silang ({n} contoh konten): peringkat 1 {_percent(_share(figures.top1, n))}, "
        f"3 teratas {_percent(_share(figures.top3, n))}; dijawab tepat "
        f"{_percent(_share(figures.answered_right, n))}, dijawab salah "
        f"{_percent(_share(figures.answered_wrong, n))}"
    )
