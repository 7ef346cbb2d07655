"""The learning loop end to end: export a month's questions, label them, import them as examples."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from puspa_bot.stats import DynamoStats
from puspa_bot.store import DynamoStore
from puspa_build.content import load_content
from puspa_cli.main import main
from puspa_release.dist import BuildResult

NOVEMBER = 1_795_000_000  # 2026-11 in Jonggol


def test_exported_guesses_typed_back_as_labels_become_examples(
    office_table: DynamoStore,
    built: tuple[Path, BuildResult],
    content_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PUSPA_REPLIES", str(built[0] / "replies.json"))
    stats = DynamoStats(office_table.table, office_table.client)
    for words in ("kk ilang kebawa banjir", "paspor umroh anak", "cuaca puncak", "cuaca puncak"):
        stats.count_unmatched(words, NOVEMBER)
    assert main(["belum-dipahami", "--month", "2026-11"]) == 0
    exported = capsys.readouterr().out

    rows = list(csv.reader(io.StringIO(exported), delimiter="\t"))
    header = rows[0]
    guess, label = header.index("tebakan_1"), header.index("label")
    labelled = {row[0]: row[guess] for row in rows[1:]}
    assert labelled == {
        "cuaca puncak": labelled["cuaca puncak"],
        "kk ilang kebawa banjir": "kartu-keluarga",
        "paspor umroh anak": "rujukan:paspor",
    }
    for row in rows[1:]:  # the editor agrees with the first guess, and leaves the weather blank
        row[label] = "" if row[0] == "cuaca puncak" else row[guess]
    table = content_dir.parent / "saran.tsv"
    table.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")

    assert main(["--content", str(content_dir), "contoh", "import", str(table)]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "Ditambahkan 2 contoh:",
        "  content/layanan/kartu-keluarga.yaml: 1",
        "  content/rujukan.yaml: 1",
    ]
    content, problems = load_content(content_dir)
    assert problems == []
    assert content.service("kartu-keluarga")["contoh_pertanyaan"][-1] == "kk ilang kebawa banjir"
    paspor = next(t for t in content.rujukan["topik"] if t["id"] == "paspor")
    assert paspor["contoh"][-1] == "paspor umroh anak"

    assert main(["--content", str(content_dir), "contoh", "import", str(table)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tidak ada contoh baru; konten tidak diubah.",
        "Dilewati 1 baris tanpa label.",
        "Dilewati 2 baris (sudah ada): baris 3, 4.",
    ]
