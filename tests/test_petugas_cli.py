"""`puspa petugas` on the office computer (moto standing in for AWS)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws
from puspa_bot.store import DynamoStore
from puspa_build.cli import main
from puspa_local.tables import create_table_arguments

NOON_WIB = 1_796_101_200
"""2026-12-01 12:00 in Jonggol (05:00 UTC)."""


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoStore]:
    """AWS configured (moto), two requests for a person stored."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "ap-southeast-3",
        "PUSPA_TABLE": "puspa-office",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("DYNAMODB_ENDPOINT", "DYNALITE_PORT"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        client = boto3.client("dynamodb", region_name="ap-southeast-3")
        client.create_table(**create_table_arguments("puspa-office"))
        store = DynamoStore("puspa-office", client)
        store.add_call("ACDEFGH", "6281234567890", "jam buka kantor?", NOON_WIB)
        store.add_call("KMNPQRT", "6289876543210", "-", NOON_WIB + 60)
        yield store


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
