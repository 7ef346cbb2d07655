"""Reading the e-KTP operator's CSV and loading it: bad rows by line, never half-imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from puspa_bot.ektp_desk import lookup_reply
from puspa_bot.ektp_list import DynamoEktpList, MemoryEktpList
from puspa_bot.privacy import keyed_hash
from puspa_bot.reply_index import ReplyIndex
from puspa_build.errors import PuspaError
from puspa_office.ektp import collected, import_file
from puspa_office.ektp_import import COLLECTED_COLUMNS, ListError, read_list

TODAY = date(2026, 11, 29)
SITI, BUDI = "3201064510900001", "3201060101850002"


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a CSV as a spreadsheet would."""
    path = tmp_path / "ektp.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolons_a_bom_and_day_first_dates_are_read(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        f"NIK;Nama;Tanggal Jadi;Tempat Ambil\n'{SITI};Siti;25/11/2026;Loket 2\n{BUDI};Budi;;\n",
        "utf-8-sig",
    )
    checked = read_list(path, TODAY)
    assert [(c.line, c.nik, c.on, c.place) for c in checked.cards] == [
        (2, SITI, "2026-11-25", "Loket 2"),
        (3, BUDI, "2026-11-29", ""),
    ]
    assert checked.ignored_columns == ["nama"]
    assert checked.bad == []


def test_bad_rows_are_reported_by_line_and_skipped(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "nik,tanggal_jadi\n"
        f"{SITI},2026-11-20\n"
        "3.20106E+15,2026-11-20\n"
        "320106,2026-11-20\n"
        f"{BUDI},kemarin\n"
        f"{BUDI},2026-12-25\n"
        "\n",
    )
    checked = read_list(path, TODAY)
    assert [c.nik for c in checked.cards] == [SITI]
    reasons = {row.line: row.reason for row in checked.bad}
    assert sorted(reasons) == [3, 4, 5, 6]
    assert reasons[3].startswith("NIK tertulis sebagai angka ilmiah (3.20106E+15)")
    assert reasons[4] == "NIK 320106 tidak sah: harus 16 angka sesuai susunan NIK"
    assert reasons[5].startswith("tanggal 'kemarin' tidak dikenali")
    assert reasons[6] == "tanggal 2026-12-25 belum lewat"


def test_a_file_without_a_nik_column_imports_nothing(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="tidak punya kolom nik"):
        read_list(csv_file(tmp_path, "nama,tanggal\nSiti,2026-11-20\n"), TODAY)
    cards = MemoryEktpList()
    with pytest.raises(ListError, match=r"tidak punya kolom nik .*\. Tidak ada yang diimpor\."):
        import_file(csv_file(tmp_path, "nama\nSiti\n"), cards, "p", 180)
    assert cards.cards == {} and cards.updated() is None


def test_importing_twice_is_the_same_as_once(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"nik\n{SITI}\n{BUDI}\n")
    cards = MemoryEktpList()
    assert import_file(path, cards, "p", 180)[0] == 0
    first = {key: dict(value) for key, value in cards.cards.items()}
    status, text = import_file(path, cards, "p", 180)
    assert (status, cards.cards) == (0, first)
    assert text == "Diimpor: 2 e-KTP siap diambil (dari ektp.csv)."
    assert set(cards.cards) == {keyed_hash("p", SITI), keyed_hash("p", BUDI)}


def test_a_skipped_row_makes_the_status_one_and_the_rest_is_imported(tmp_path: Path) -> None:
    cards = MemoryEktpList()
    status, text = import_file(csv_file(tmp_path, f"nik\n{SITI}\n123\n"), cards, "p", 180)
    assert status == 1
    assert "Dilewati: 1 baris (baris lain tetap diimpor):\n  baris 3: NIK 123" in text
    assert list(cards.cards) == [keyed_hash("p", SITI)]


def test_pickups_by_nik_or_by_file(tmp_path: Path) -> None:
    cards = MemoryEktpList()
    import_file(csv_file(tmp_path, f"nik\n{SITI}\n"), cards, "p", 180)
    assert collected(SITI, cards, "p")[0] == 0
    assert "collected_on" in cards.cards[keyed_hash("p", SITI)]
    path = tmp_path / "diambil.csv"
    path.write_text(f"nik,tanggal_ambil\n{BUDI},2026-11-28\n", encoding="utf-8")
    status, text = collected(str(path), cards, "p")
    assert status == 1
    assert "baris 2: NIK 320106******0002 tidak ada di daftar e-KTP jadi" in text
    assert read_list(path, TODAY, COLLECTED_COLUMNS).cards[0].on == "2026-11-28"
    with pytest.raises(PuspaError, match="bukan berkas dan bukan NIK"):
        collected("bukan-nik", cards, "p")


def test_the_first_import_on_dynamodb_opens_the_lookup(
    tmp_path: Path, dynamodb: Any, index: ReplyIndex
) -> None:
    cards = DynamoEktpList("puspa", dynamodb)

    def look_up(nik: str, message: str) -> tuple[str, str]:
        reply, result = lookup_reply(index, cards, "p", "628111", nik, 1_800_000_000, message)
        return reply.text, result

    assert look_up(SITI, "m-1") == (index.ektp.no_list, "no_list")
    import_file(csv_file(tmp_path, f"nik\n{SITI}\n"), cards, "p", 180)
    assert cards.updated() is not None  # the import wrote the list's date after its cards
    assert look_up(SITI, "m-2")[1] == "ready"
    text, result = look_up(BUDI, "m-3")
    assert result == "not_found" and "*belum ada* di daftar" in text
