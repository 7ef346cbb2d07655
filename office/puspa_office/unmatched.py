"""`puspa belum-dipahami`: the month's unanswered questions with the classifier's best guesses.

The output is a TSV for a spreadsheet: one row per question, most asked first, with the three
labels the trained model finds most probable (as editors type them, see examples.py), each
with its probability in whole percent (no decimal separator for a locale to misread), and an
empty `label` column the editor fills for `puspa contoh import`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from puspa_bot.classifier import ranked
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.stats import Stats
from puspa_build.errors import NotFound

from .examples import LABEL_COLUMN, QUESTION_COLUMN, editor_label

GUESSES = 3
HEADER = (
    QUESTION_COLUMN,
    "jumlah",
    *(f"{column}_{n}" for n in range(1, GUESSES + 1) for column in ("tebakan", "persen")),
    LABEL_COLUMN,
)
"""The TSV's header row."""


@dataclass(frozen=True)
class Unanswered:
    """One question the bot could not answer, how often, and the model's best guesses."""

    question: str
    count: int
    guesses: tuple[tuple[str, int], ...]
    """(editor's label, percent), most probable first."""


def unanswered(stats: Stats, month: str, index: ReplyIndex) -> list[Unanswered]:
    """The month's unanswered questions, most asked first (then alphabetically)."""
    model = index.model
    if model is None:
        raise NotFound("Indeks balasan belum punya pengklasifikasi. Jalankan `make build` dulu.")
    counted = sorted(stats.unmatched(month).items(), key=lambda item: (-item[1], item[0]))
    found = []
    for words, count in counted:
        question = cell(words)
        if not question:
            continue
        best = ranked(model, question, index.abbreviations)[:GUESSES]
        guesses = tuple((editor_label(label), round(chance * 100)) for label, chance in best)
        found.append(Unanswered(question, count, guesses))
    return found


def as_tsv(questions: list[Unanswered]) -> str:
    """The questions as tab-separated lines with a header row (UTF-8 text, '\\n' line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(HEADER)
    for question in questions:
        guesses = [*question.guesses, *[("", "")] * (GUESSES - len(question.guesses))]
        row: list[object] = [question.question, question.count]
        for label, percent in guesses:
            row += [label, percent]
        writer.writerow([*row, ""])
    return out.getvalue()


def cell(text: str) -> str:
    """Text fit for one spreadsheet cell: no tabs or line breaks, single spaces."""
    return " ".join(text.split())
