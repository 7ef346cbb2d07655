"""`puspa resepsi` on the office computer (moto standing in for AWS)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from puspa_bot.signup import new_record
from puspa_bot.store import DynamoStore
from puspa_cli.main import main

CODE = "ACDEFGH"


@pytest.fixture
def store(office_table: DynamoStore) -> DynamoStore:
    """The office's table with one sign-up stored."""
    answers = {"nama": "Siti Aminah", "nik": "3201065208900002", "desa": "Jonggol"}
    office_table.create_signup(
        new_record(CODE, "6281234567890", answers, "2027-01-13", "wamid.1", 1_800_000_000, 90)
    )
    return office_table


@pytest.mark.usefixtures("store")
def test_list_as_json_and_csv_masks_the_nik(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resepsi", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    (record,) = json.loads(out)
    assert record["code"] == CODE
    assert record["answers"]["nik"] == "320106******0002"
    assert "AWS ap-southeast-3, table puspa-office" in err
    assert main(["resepsi", "list", "--status", "baru", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["code"], r["nik"]) for r in rows] == [(CODE, "320106******0002")]
    assert main(["resepsi", "list", "--status", "ditolak"]) == 0
    assert capsys.readouterr().out.strip() == "Tidak ada pendaftaran."


def test_show_and_set_status_with_history(
    store: DynamoStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["resepsi", "show", CODE.lower()]) == 0
    assert "nik: 3201065208900002" in capsys.readouterr().out  # the office sees the full NIK
    assert main(["resepsi", "set-status", CODE, "ditolak"]) == 1
    assert "perlu alasan" in capsys.readouterr().err
    assert main(["resepsi", "set-status", CODE, "ditolak", "--alasan", "tanggal bentrok"]) == 0
    assert capsys.readouterr().out.startswith(f"{CODE} sekarang ditolak.")
    record = store.get_signup(CODE)
    assert record is not None
    assert record["history"][-1] == {
        "status": "ditolak",
        "by": "kantor",
        "at": record["history"][-1]["at"],
        "reason": "tanggal bentrok",
    }
    assert main(["resepsi", "set-status", CODE, "disetujui"]) == 1
    assert "sudah berstatus ditolak" in capsys.readouterr().err
    assert main(["resepsi", "show", "XXXXXXX"]) == 1


URGENT = "KCDEFGH"
MADE = 1_800_000_000  # Friday 15 January 2027, 15:00 in Jonggol


@pytest.fixture
def with_urgent(office_table: DynamoStore) -> DynamoStore:
    """Two sign-ups: one a month ahead, then one made 5 working days before its event."""
    siti = {"nama": "Siti Aminah", "nik": "3201065208900002", "desa": "Jonggol"}
    budi = {"nama": "Budi Santoso", "nik": "3201060101850002", "desa": "Sukamaju"}
    for code, answers, event, at in [
        (CODE, siti, "2027-02-15", MADE),
        (URGENT, budi, "2027-01-22", MADE + 60),
    ]:
        office_table.create_signup(
            new_record(code, "6281234567890", answers, event, f"wamid.{code}", at, 90)
        )
    return office_table


@pytest.mark.usefixtures("with_urgent")
def test_list_shows_urgent_sign_ups_first_and_marked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resepsi", "list", "--status", "baru"]) == 0
    header, first, second = capsys.readouterr().out.splitlines()
    assert header.split() == ["KODE", "STATUS", "ACARA", "NAMA", "NIK"]
    assert first.split() == [
        *("MENDESAK", URGENT, "baru", "2027-01-22", "Budi", "Santoso", "320106******0002"),
    ]
    assert second.startswith(" " * len("MENDESAK") + f" {CODE} ")  # no mark: spaces
    assert main(["resepsi", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["urgent"]) for r in listed] == [(URGENT, True), (CODE, False)]
    assert main(["resepsi", "list", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["code"], r["urgent"]) for r in rows] == [(URGENT, "MENDESAK"), (CODE, "")]
    assert main(["resepsi", "show", URGENT]) == 0
    assert "Status:    baru (MENDESAK)" in capsys.readouterr().out
    assert main(["resepsi", "show", CODE]) == 0
    assert "Status:    baru\n" in capsys.readouterr().out
