"""The held-out evaluation sets and their scoring (`make eval`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_bot.normalise import normalise
from puspa_bot.reply_index import ReplyIndex
from puspa_build.classifier_index import training_examples
from puspa_build.compiler import check
from puspa_build.errors import PuspaError
from puspa_release.evaluation import Case, baseline, evaluate, format_report, read_cases

from ..conftest import CONTENT, PROJECT, SERVICE_IDS

EVAL_DIR = PROJECT / "tests" / "eval"
TOPICS = {
    "sim",
    "paspor",
    "bpjs",
    "bansos",
    "akta-kematian",
    "surat-pindah",
    "akta-cerai",
    "isbat-nikah",
    "pajak-kendaraan",
    "sertifikat-tanah",
}
NEAR_COPY = 85
"""rapidfuzz ratio (0-100) from which two normalised texts count as one text reworded."""
LABELS = {
    *SERVICE_IDS,
    "greeting",
    "menu",
    "thanks",
    "goodbye",
    "form",
    "fallback",
    *(f"referral:{topic}" for topic in TOPICS),
}


def all_cases() -> list[Case]:
    """Every case of every held-out file."""
    return [case for path in sorted(EVAL_DIR.glob("*.tsv")) for case in read_cases(path)]


def test_the_held_out_set_is_large_and_covers_every_answer() -> None:
    cases = all_cases()
    assert len(cases) >= 300
    expected = {case.expected for case in cases}
    assert expected == LABELS
    assert len({normalise(case.message) for case in cases}) == len(cases)


def test_no_evaluation_line_is_training_data() -> None:
    content = check(CONTENT).content
    trained = {normalise(example.text) for example in training_examples(content)}
    leaked = [case.message for case in all_cases() if normalise(case.message) in trained]
    assert not leaked, f"evaluation lines found in content's examples or keywords: {leaked}"


def test_no_evaluation_line_is_a_near_copy_of_training_data() -> None:
    """A line one word away from a training text measures memory, not understanding."""
    from rapidfuzz import fuzz

    content = check(CONTENT).content
    trained = [normalise(example.text) for example in training_examples(content)]
    near = [
        case.message
        for case in all_cases()
        if len(normalise(case.message)) > 8
        and any(fuzz.ratio(normalise(case.message), text) >= NEAR_COPY for text in trained)
    ]
    assert not near, f"evaluation lines nearly equal to content texts: {near}"


def test_scoring_counts_wrong_answers_and_wrong_fallbacks(index: ReplyIndex) -> None:
    report = evaluate(
        index,
        [
            Case("kartu-keluarga", "syarat kk"),
            Case("kia", "syarat kk"),
            Case("fallback", "syarat kk"),
            Case("menu", "info"),
        ],
    )
    assert (report.in_scope, report.in_scope_correct) == (2, 1)
    assert (report.out_of_scope, report.out_of_scope_correct) == (1, 0)
    assert (report.menu, report.menu_correct) == (1, 1)
    assert report.confidently_wrong == 2
    assert [(case.expected, got) for case, got in report.misses] == [
        ("kia", "kartu-keluarga"),
        ("fallback", "kartu-keluarga"),
    ]
    assert "salah dengan yakin: 2/4 (50,0%)" in format_report(report)


def test_the_baseline_is_the_keyword_matcher_of_the_same_index(index: ReplyIndex) -> None:
    assert index.model is not None
    assert baseline(index).model is None
    assert baseline(index).keywords is index.keywords


def test_a_line_without_a_tab_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "set.tsv"
    path.write_text("# comment\nkia\tsyarat kia\nkia syarat kia\n", encoding="utf-8")
    with pytest.raises(PuspaError, match=r"set.tsv:3: "):
        read_cases(path)
