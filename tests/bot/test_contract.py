"""The contract between the build and the responder: one set of names both sides use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from puspa_bot import contract
from puspa_bot.contract import Command, fill, parse_row
from puspa_release.dist import BuildResult

from ..conftest import CONTENT, PROJECT


def test_the_reply_index_schema_allows_exactly_the_commands() -> None:
    schema = json.loads((PROJECT / "schemas" / "replies.schema.json").read_text())
    allowed = schema["properties"]["language"]["properties"]["commands"]["additionalProperties"]
    assert set(allowed["enum"]) == {command.value for command in Command}


def test_every_command_word_list_in_content_has_a_command() -> None:
    import yaml

    words = yaml.safe_load((CONTENT / "bahasa.yaml").read_text(encoding="utf-8"))["perintah"]
    assert set(words) == set(contract.COMMAND_WORDS)
    assert set(contract.COMMAND_WORDS.values()) == set(Command)


@pytest.mark.parametrize(
    ("built", "row"),
    [
        (contract.service_row("kartu-keluarga"), contract.Row("layanan", "kartu-keluarga")),
        (contract.menu_row("kependudukan"), contract.Row("menu", "kependudukan")),
        (contract.menu_row("utama", 2), contract.Row("menu", "utama", "2")),
        (contract.score_row("3"), contract.Row("skm", "3")),
        (contract.helpful_row("ya", "e-ktp"), contract.Row("bantu", "ya", "e-ktp")),
    ],
)
def test_row_ids_are_read_back_as_they_were_built(built: str, row: contract.Row) -> None:
    assert parse_row(built) == row


def test_an_id_from_nowhere_parses_into_nothing_the_engine_opens() -> None:
    assert parse_row("whatever") == contract.Row("whatever", "")
    assert parse_row("") == contract.Row("", "")


def test_fill_replaces_only_the_names_it_is_given() -> None:
    template = "Kode *{kode}*, {jumlah} pesan, {nomor_warga} menunggu"
    assert fill(template, {"kode": "AB12CD3"}, jumlah=3) == (
        "Kode *AB12CD3*, 3 pesan, {nomor_warga} menunggu"
    )
    assert fill("{a}{a}", a="x") == "xx"
    assert fill("no braces") == "no braces"


def test_jonggol_days_begin_at_midnight_wib() -> None:
    midnight_wib = 1_796_058_000  # 2026-11-30 17:00 UTC
    assert contract.local_day(midnight_wib) == "2026-12-01"
    assert contract.local_day(midnight_wib - 1) == "2026-11-30"
    assert contract.local_time(midnight_wib + 5 * 60) == "2026-12-01 00:05"
    assert contract.today(midnight_wib) == date(2026, 12, 1)


def test_dates_in_words_use_the_given_month_names() -> None:
    months = [
        [name]
        for name in (
            "januari februari maret april mei juni juli agustus september oktober november desember"
        ).split()
    ]
    assert contract.date_in_words("2026-11-29", months) == "29 November 2026"
    assert contract.date_in_words(date(2027, 1, 3), months) == "3 Januari 2027"


def test_each_settings_file_with_texts_has_its_placeholder_names() -> None:
    assert set(contract.PLACEHOLDERS_BY_FILE) == {
        "pesan",
        "resepsi",
        "ektp",
        "survei",
        "laporan",
        "petugas",
    }
    assert contract.OFFICE_PLACEHOLDERS <= contract.MESSAGE_PLACEHOLDERS
    assert contract.OFFICE_PLACEHOLDERS <= contract.EKTP_PLACEHOLDERS


def test_the_views_read_back_exactly_what_the_build_wrote(
    built: tuple[Path, BuildResult],
) -> None:
    written = json.loads((built[0] / "replies.json").read_text(encoding="utf-8"))
    for key, view in (
        ("form", contract.FormView),
        ("ektp", contract.EktpView),
        ("survey", contract.SurveyView),
    ):
        assert view.from_json(written[key]).to_json() == written[key], key


def test_a_form_field_writes_only_the_limits_its_kind_has() -> None:
    name = contract.FormField("nama", "Nama", "teks", "Nama?", "Salah", min=3, max=60)
    assert name.to_json() == {
        "key": "nama",
        "label": "Nama",
        "kind": "teks",
        "prompt": "Nama?",
        "error": "Salah",
        "min": 3,
        "max": 60,
    }
    assert contract.FormField.from_json(name.to_json()) == name
