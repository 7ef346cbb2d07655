"""`puspa petugas` on the office computer (moto standing in for AWS)."""

from __future__ import annotations

import json

import pytest
from puspa_bot.handover_store import RESIDENT, STAFF, new_record
from puspa_bot.store import DynamoStore, iso_time
from puspa_cli.main import main

NOON_WIB = 1_796_101_200
"""2026-12-01 12:00 in Jonggol (05:00 UTC)."""


@pytest.fixture
def store(office_table: DynamoStore) -> DynamoStore:
    """The office's table with two requests for a person."""
    office_table.add_call("ACDEFGH", "6281234567890", "jam buka kantor?", NOON_WIB)
    office_table.add_call("KMNPQRT", "6289876543210", "-", NOON_WIB + 60)
    return office_table


@pytest.mark.usefixtures("store")
def test_the_list_shows_waiting_requests_in_jonggol_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["petugas", "list"]) == 0
    header, first, second = capsys.readouterr().out.strip().splitlines()
    assert header.split()[:2] == ["KODE", "WAKTU"]
    assert first.split() == [
        *("ACDEFGH", "2026-12-01", "12:00", "menunggu", "-", "0", "+6281234567890"),
        *"jam buka kantor?".split(),
    ]
    assert second.startswith("KMNPQRT  2026-12-01 12:01")


@pytest.mark.usefixtures("store")
def test_a_closed_request_leaves_the_waiting_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["petugas", "selesai", "acdefgh"]) == 0
    assert capsys.readouterr().out.strip() == "Permintaan ACDEFGH ditandai selesai."
    assert main(["petugas", "selesai", "ACDEFGH"]) == 1
    assert "sudah selesai" in capsys.readouterr().err
    assert main(["petugas", "selesai", "XXXXXXX"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["petugas", "list"]) == 0
    assert "ACDEFGH" not in capsys.readouterr().out
    assert main(["petugas", "list", "--semua", "--json"]) == 0
    calls = json.loads(capsys.readouterr().out)
    assert [(c["code"], c["kind"], c["status"]) for c in calls] == [
        ("ACDEFGH", "dicatat", "selesai"),
        ("KMNPQRT", "dicatat", "menunggu"),
    ]


def test_an_empty_list_says_so(store: DynamoStore, capsys: pytest.CaptureFixture[str]) -> None:
    for code in ("ACDEFGH", "KMNPQRT"):
        store.close_call(code, "kantor", NOON_WIB)
    assert main(["petugas", "list"]) == 0
    assert capsys.readouterr().out.strip() == "Tidak ada permintaan yang menunggu."


def test_a_handover_is_listed_with_its_holder_and_shown_with_its_messages(
    store: DynamoStore, capsys: pytest.CaptureFixture[str]
) -> None:
    record = new_record(
        "CDEFGHJ",
        "6281111111111",
        "izin hajatan?",
        (),
        "PNID",
        iso_time(NOON_WIB + 120),
        NOON_WIB + 120,
        deadline=NOON_WIB + 9999,
        keep_until=NOON_WIB + 99999,
    )
    store.handovers.open(record)
    store.handovers.take("CDEFGHJ", "6281100000001", NOON_WIB + 180)
    entry = {"who": STAFF, "by": "6281100000001", "at": NOON_WIB + 240, "text": "Siang, Bu."}
    store.handovers.add_message("CDEFGHJ", entry, "k1", NOON_WIB + 240, NOON_WIB + 9999)
    answer = {"who": RESIDENT, "at": NOON_WIB + 300, "text": "terima kasih pak"}
    store.handovers.add_message("CDEFGHJ", answer, "k2", NOON_WIB + 300, None)
    assert main(["petugas", "list"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.split()[:7] == [
        *("CDEFGHJ", "2026-12-01", "12:02", "dipegang", "…0001", "2", "+6281111111111")
    ]
    assert main(["petugas", "show", "cdefghj"]) == 0
    shown = capsys.readouterr().out
    assert "Jawaban petugas pertama: 2 menit setelah dibuka" in shown
    assert "2026-12-01 12:04  petugas …0001: Siang, Bu." in shown
    assert "2026-12-01 12:05  warga: terima kasih pak" in shown
    assert main(["petugas", "show", "XXXXXXX"]) == 1
