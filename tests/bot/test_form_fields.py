"""Answers of the izin resepsi form: accepted in the ways people write them, checked strictly."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from puspa_bot.form_fields import (
    PROVINCES,
    NikProblem,
    add_workdays,
    check_nik,
    mask_nik,
    nik_problem,
    parse_choice,
    parse_count,
    parse_date,
    parse_rt_rw,
    parse_text,
    sooner_than,
)

from ..conftest import CONTENT

LANGUAGE = yaml.safe_load((CONTENT / "bahasa.yaml").read_text(encoding="utf-8"))
MONTHS = LANGUAGE["bulan"]
BEFORE_DATES = frozenset(LANGUAGE["sebelum_tanggal"])
DESA = [d["nama"] for d in yaml.safe_load((CONTENT / "kantor.yaml").read_text())["desa"]]
TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("typed", "nik"),
    [
        ("3201061208900001", "3201061208900001"),  # a man born 12-08-1990
        ("3201 0652 0890 0002", "3201065208900002"),  # a woman: day + 40, with spaces
        ("3201.06.710199.0003", "3201067101990003"),  # 31 + 40 (31 January), dots
    ],
)
def test_valid_nik_is_accepted_in_the_ways_people_type_it(typed: str, nik: str) -> None:
    assert check_nik(typed) == nik


@pytest.mark.parametrize(
    "typed",
    [
        "320106120890001",  # 15 digits
        "32010612089000011",  # 17 digits
        "0001061208900001",  # no province 00
        "2001061208900001",  # no province 20 (between 11 and 96, but not a province)
        "3200061208900001",  # regency 00
        "3201001208900001",  # district 00
        "3201063208900001",  # day 32
        "3201067208900001",  # day 72 (32 + 40)
        "3201061213900001",  # month 13
        "3201063002900001",  # 30 February
        "3201061208900000",  # serial 0000
        "nik saya 3201061208",
    ],
)
def test_structurally_invalid_nik_is_refused(typed: str) -> None:
    assert check_nik(typed) is None


@pytest.mark.parametrize(
    ("digits", "problem"),
    [
        ("320106120890001", NikProblem.LENGTH),
        ("32010612089000011", NikProblem.LENGTH),
        ("9901061208900001", NikProblem.REGION),  # no province 99
        ("1001061208900001", NikProblem.REGION),  # no province 10
        ("3200061208900001", NikProblem.REGION),
        ("3201001208900001", NikProblem.REGION),
        ("3201060008900001", NikProblem.DAY),
        ("3201064008900001", NikProblem.DAY),  # 40: neither a man's day nor a woman's
        ("3201067208900001", NikProblem.DAY),
        ("3201063102900001", NikProblem.DAY),  # 31 February
        ("3201061200900001", NikProblem.MONTH),
        ("3201065213900001", NikProblem.MONTH),  # a woman's day, month 13
        ("3201061208900000", NikProblem.SERIAL),
        ("3201066902000001", None),  # 29 February (a woman) stands: the century is unknown
        ("9601061208900001", None),  # Papua Barat Daya, the newest province
    ],
)
def test_a_nik_problem_names_the_first_part_that_cannot_be_right(
    digits: str, problem: NikProblem | None
) -> None:
    assert nik_problem(digits) == problem


def test_the_province_codes_are_the_38_of_the_kepmendagri_list() -> None:
    assert len(PROVINCES) == 38
    assert {"11", "21", "32", "36", "65", "76", "96"} <= PROVINCES  # Aceh ... Papua Barat Daya
    assert not {"10", "20", "22", "30", "37", "54", "97"} & PROVINCES


def test_nik_is_masked_for_every_message() -> None:
    assert mask_nik("3201061208900001") == "320106******0001"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12-12-2026", date(2026, 12, 12)),
        ("12/12/26", date(2026, 12, 12)),
        ("1.2.2027", date(2027, 2, 1)),
        ("12 Desember 2026", date(2026, 12, 12)),
        ("tanggal 5 jan 2027", date(2027, 1, 5)),
        ("tgl 12 des", date(2026, 12, 12)),
        ("17 agustus 2027", date(2027, 8, 17)),
        ("12 des", date(2026, 12, 12)),
        ("3 jan", date(2027, 1, 3)),  # already past this year: next year
    ],
)
def test_dates_are_read_as_people_write_them(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, MONTHS, BEFORE_DATES) == expected


def test_the_words_before_a_date_come_from_content() -> None:
    assert parse_date("tanggal 5 jan 2027", TODAY, MONTHS) is None  # no words skipped
    assert parse_date("hari 5 jan 2027", TODAY, MONTHS, {"hari"}) == date(2027, 1, 5)


@pytest.mark.parametrize("typed", ["31-02-2027", "besok", "12 desemberr 2026", "2026-12-12x", ""])
def test_unreadable_dates_are_refused(typed: str) -> None:
    assert parse_date(typed, TODAY, MONTHS) is None


def test_working_days_skip_weekends() -> None:
    friday = date(2026, 11, 27)
    assert add_workdays(friday, 1) == date(2026, 11, 30)
    assert add_workdays(friday, 14) == date(2026, 12, 17)


def test_sooner_than_the_lead_time_stops_the_day_before_the_last_working_day() -> None:
    friday = date(2026, 11, 27)
    assert sooner_than(date(2026, 12, 16), friday, 14)
    assert sooner_than(friday, friday, 14)
    assert not sooner_than(date(2026, 12, 17), friday, 14)
    assert not sooner_than(friday, friday, 0)


@pytest.mark.parametrize(
    ("typed", "desa"),
    [
        ("9", "Jonggol"),
        ("sukamaju", "Sukamaju"),
        ("Singasari", "Singasari"),
        ("sukamnah", "Sukamanah"),
    ],
)
def test_desa_by_number_name_or_close_spelling(typed: str, desa: str) -> None:
    order = [
        "Sukamaju",
        "Sirnagalih",
        "Singajaya",
        "Sukasirna",
        "Sukanegara",
        "Sukamanah",
        "Weninggalih",
        "Cibodas",
        "Jonggol",
    ]
    assert parse_choice(typed, order + [d for d in DESA if d not in order]) == desa


@pytest.mark.parametrize("typed", ["15", "0", "Cileungsi", "bogor"])
def test_desa_outside_jonggol_is_refused(typed: str) -> None:
    assert parse_choice(typed, DESA) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/5", "003/005"),
        ("003/005", "003/005"),
        ("RT 3 RW 5", "003/005"),
        ("rt03 rw05", "003/005"),
        ("03 05", "003/005"),
        ("12-4", "012/004"),
    ],
)
def test_rt_rw(typed: str, expected: str) -> None:
    assert parse_rt_rw(typed) == expected


@pytest.mark.parametrize("typed", ["3", "0/5", "rt", "rw 5"])
def test_bad_rt_rw(typed: str) -> None:
    assert parse_rt_rw(typed) is None


def test_guest_counts_and_text() -> None:
    assert parse_count("± 300 orang", 1, 10_000) == 300
    assert parse_count("1.000", 1, 10_000) == 1000
    assert parse_count("banyak", 1, 10_000) is None
    assert parse_count("20000", 1, 10_000) is None
    assert parse_text("  Siti   Aminah ", 3, 80) == "Siti Aminah"
    assert parse_text("ab", 3, 80) is None
