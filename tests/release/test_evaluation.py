"""The evaluation set and its scoring (`make eval`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_bot.reply_index import ReplyIndex
from puspa_build.errors import PuspaError
from puspa_release.evaluation import Case, evaluate, format_report, read_cases

from ..conftest import PROJECT, SERVICE_IDS

EVAL_SET = PROJECT / "tests" / "eval" / "pesan-warga.tsv"


def test_evaluation_set_is_large_and_covers_every_service() -> None:
    cases = read_cases(EVAL_SET)
    assert len(cases) >= 200
    expected = {case.expected for case in cases}
    assert set(SERVICE_IDS) <= expected
    assert {"greeting", "menu", "form", "fallback"} <= expected
    assert expected <= {*SERVICE_IDS, "greeting", "menu", "form", "fallback"}


def test_bot_meets_its_accuracy_targets_on_the_evaluation_set(index: ReplyIndex) -> None:
    report = evaluate(index, read_cases(EVAL_SET))
    assert report.in_scope_accuracy >= 0.95, format_report(report)
    assert report.out_of_scope_accuracy >= 0.90, format_report(report)


def test_scoring_counts_wrong_services_and_wrong_fallbacks(index: ReplyIndex) -> None:
    report = evaluate(
        index,
        [
            Case("kartu-keluarga", "syarat kk"),
            Case("kia", "syarat kk"),
            Case("fallback", "cara daftar bpjs"),
            Case("fallback", "syarat kk"),
            Case("menu", "info"),
        ],
    )
    assert (report.in_scope, report.in_scope_correct) == (3, 2)
    assert (report.out_of_scope, report.out_of_scope_correct) == (2, 1)
    assert [(case.expected, got) for case, got in report.misses] == [
        ("kia", "kartu-keluarga"),
        ("fallback", "kartu-keluarga"),
    ]


def test_a_line_without_a_tab_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "set.tsv"
    path.write_text("# comment\nkia\tsyarat kia\nkia syarat kia\n", encoding="utf-8")
    with pytest.raises(PuspaError, match=r"set.tsv:3: "):
        read_cases(path)
