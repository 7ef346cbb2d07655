"""Monthly counters and SKM responses, on moto's DynamoDB and in memory: both behave the same."""

from __future__ import annotations

from typing import Any

import pytest
from puspa_bot.contract import local_day
from puspa_bot.stats import STATS_TTL, DynamoStats, MemoryStats, Stats, months_kept

NOW = 1_800_000_000


@pytest.fixture(params=["dynamodb", "memory"])
def stats(request: pytest.FixtureRequest) -> Stats:
    """Both implementations."""
    if request.param == "memory":
        return MemoryStats()
    return DynamoStats("puspa", request.getfixturevalue("dynamodb"))


def test_days_and_months_are_jonggols() -> None:
    assert local_day(1_796_058_000) == "2026-12-01"  # 2026-11-30 17:00 UTC is 00:00 WIB
    assert local_day(1_796_057_999) == "2026-11-30"


def test_months_kept_reach_back_as_far_as_figures_live() -> None:
    months = months_kept(1_796_058_000)  # 2026-12-01 in Jonggol
    assert months[:3] == ["2026-12", "2026-11", "2026-10"]
    assert "2025-12" in months and "2026-01" in months
    assert local_day(1_796_058_000 - STATS_TTL)[:7] in months  # the oldest figures still kept


def test_counters_add_up_per_day(stats: Stats) -> None:
    stats.add("2026-11-29", {"messages": 1, "service:kartu-keluarga": 1}, NOW)
    stats.add("2026-11-29", {"messages": 1, "via:menu": 1}, NOW)
    stats.add("2026-11-30", {"messages": 1}, NOW)
    stats.add("2026-12-01", {"messages": 1}, NOW)
    assert stats.days("2026-11") == {
        "2026-11-29": {"messages": 2, "service:kartu-keluarga": 1, "via:menu": 1},
        "2026-11-30": {"messages": 1},
    }


def test_residents_are_counted_once_a_month(stats: Stats) -> None:
    for tag in ("aaa", "bbb", "aaa"):
        stats.add_resident("2026-11", tag, NOW)
    stats.add_resident("2026-12", "aaa", NOW)
    assert stats.residents("2026-11") == 2
    assert stats.residents("2026-10") == 0
    stats.forget_resident("2026-11", "aaa")  # HAPUS DATA
    assert stats.residents("2026-11") == 1


def test_a_survey_response_is_stored_once_per_id(stats: Stats) -> None:
    stats.add_survey("2026-11", "r1", (4, 3, 4, 4, 3, 3, 4, 2, 3), NOW)
    stats.add_survey("2026-11", "r1", (4, 3, 4, 4, 3, 3, 4, 2, 3), NOW)
    stats.add_survey("2026-11", "r2", (1, 1, 1, 1, 1, 1, 1, 1, 1), NOW)
    assert sorted(stats.surveys("2026-11")) == [(1,) * 9, (4, 3, 4, 4, 3, 3, 4, 2, 3)]


def test_unmatched_questions_are_read_back_by_month(stats: Stats) -> None:
    stats.count_unmatched("resep nasi goreng", NOW)
    stats.count_unmatched("resep nasi goreng", NOW)
    month = local_day(NOW)[:7]
    assert stats.unmatched(month) == {"resep nasi goreng": 2}


def test_unmatched_questions_are_counted_per_month_without_the_sender(dynamodb: Any) -> None:
    stats = DynamoStats("puspa", dynamodb)
    stats.count_unmatched("daftar bpjs", 1_800_000_000)
    stats.count_unmatched("daftar bpjs", 1_800_000_100)
    item = dynamodb.get_item(
        TableName="puspa", Key={"pk": {"S": "UNMATCHED#2027-01"}, "sk": {"S": "daftar bpjs"}}
    )["Item"]
    assert item["count"] == {"N": "2"}
    assert set(item) == {"pk", "sk", "count", "expires_at"}
