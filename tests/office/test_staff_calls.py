"""`puspa petugas` on the office computer (moto standing in for AWS)."""

from __future__ import annotations

import json

import pytest
from puspa_bot.store import DynamoStore
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
        *("ACDEFGH", "2026-12-01", "12:00", "menunggu", "+6281234567890"),
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
    assert [(c["code"], c["call_status"]) for c in calls] == [
        ("ACDEFGH", "selesai"),
        ("KMNPQRT", "menunggu"),
    ]
    assert calls[0]["closed_by"] == "kantor"


def test_an_empty_list_says_so(store: DynamoStore, capsys: pytest.CaptureFixture[str]) -> None:
    for code in ("ACDEFGH", "KMNPQRT"):
        store.close_call(code, "kantor", NOON_WIB)
    assert main(["petugas", "list"]) == 0
    assert capsys.readouterr().out.strip() == "Tidak ada permintaan yang menunggu."
