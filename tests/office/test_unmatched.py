"""`puspa belum-dipahami`: the month's unanswered questions as a spreadsheet (moto for AWS)."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from puspa_bot.contract import local_day
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.stats import DynamoStats, MemoryStats
from puspa_bot.store import DynamoStore
from puspa_build.content import load_content
from puspa_build.errors import NotFound
from puspa_cli.main import main
from puspa_office.examples import targets
from puspa_office.unmatched import HEADER, as_tsv, unanswered
from puspa_release.dist import BuildResult

from ..conftest import CONTENT

NOVEMBER = 1_795_000_000
DECEMBER = 1_797_000_000
HEADER_LINE = (
    "pertanyaan\tjumlah\ttebakan_1\tpersen_1\ttebakan_2\tpersen_2\ttebakan_3\tpersen_3\tlabel"
)


@pytest.fixture
def replies(built: tuple[Path, BuildResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the command at the reply index of this test session's build."""
    monkeypatch.setenv("PUSPA_REPLIES", str(built[0] / "replies.json"))


@pytest.mark.usefixtures("replies")
def test_questions_most_asked_first_with_three_guesses_and_an_empty_label(
    office_table: DynamoStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (local_day(NOVEMBER)[:7], local_day(DECEMBER)[:7]) == ("2026-11", "2026-12")
    stats = DynamoStats(office_table.table, office_table.client)
    for words, times in {"bikin kk baru": 1, "resep rendang #": 3, "paspor umroh": 3}.items():
        for _ in range(times):
            stats.count_unmatched(words, NOVEMBER)
    stats.count_unmatched("bulan depan", DECEMBER)

    assert main(["belum-dipahami", "--month", "2026-11"]) == 0

    out, err = capsys.readouterr()
    assert out.splitlines()[0] == HEADER_LINE == "\t".join(HEADER)
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    assert [(r["pertanyaan"], r["jumlah"]) for r in rows] == [
        ("paspor umroh", "3"),
        ("resep rendang #", "3"),
        ("bikin kk baru", "1"),
    ]
    content, _ = load_content(CONTENT)
    labels = set(targets(content))
    for row in rows:
        assert len(row) == len(HEADER) and row["label"] == ""
        guesses = [row[f"tebakan_{n}"] for n in (1, 2, 3)]
        percents = [int(row[f"persen_{n}"]) for n in (1, 2, 3)]
        assert set(guesses) <= labels and len(set(guesses)) == 3
        assert 100 >= percents[0] >= percents[1] >= percents[2] >= 0
    assert rows[0]["tebakan_1"] == "rujukan:paspor"
    assert rows[2]["tebakan_1"] == "kartu-keluarga"
    assert "AWS ap-southeast-3, table puspa-office" in err
    assert err.splitlines()[-1] == (
        "3 pertanyaan belum dipahami pada 2026-11 (7 kali ditanyakan). "
        "Isi kolom label, simpan sebagai TSV, lalu: puspa contoh import BERKAS"
    )


@pytest.mark.usefixtures("replies", "office_table")
def test_a_month_without_questions_is_the_header_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["belum-dipahami", "--month", "2026-10"]) == 0
    assert capsys.readouterr().out == HEADER_LINE + "\n"
    with pytest.raises(SystemExit):
        main(["belum-dipahami", "--month", "2026-13"])
    assert "bulan harus 01 sampai 12" in capsys.readouterr().err


def test_cells_never_hold_tabs_or_line_breaks(index: ReplyIndex) -> None:
    stats = MemoryStats()
    stats.count_unmatched("kk\thilang\n waktu  banjir", NOVEMBER)
    stats.count_unmatched(" \t", NOVEMBER)
    (question,) = unanswered(stats, "2026-11", index)
    assert question.question == "kk hilang waktu banjir"
    line = as_tsv([question]).splitlines()[1]
    assert line.count("\t") == len(HEADER) - 1
    assert line.startswith("kk hilang waktu banjir\t1\tkartu-keluarga\t")


def test_an_index_without_the_classifier_says_what_to_run(index: ReplyIndex) -> None:
    with pytest.raises(NotFound, match="Jalankan `make build` dulu"):
        unanswered(MemoryStats(), "2026-11", dataclasses.replace(index, model=None))
