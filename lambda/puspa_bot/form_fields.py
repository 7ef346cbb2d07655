"""Check and normalise the answers of the izin resepsi form. Pure functions, no I/O."""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from enum import StrEnum

from .normalise import normalise

_NOT_DIGIT = re.compile(r"\D")
_NUMBER = re.compile(r"\d[\d.]*")
_DATE_NUMERIC = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
_DATE_WORDS = re.compile(r"^(\d{1,2}) ([a-z]+)(?: (\d{2}|\d{4}))?$")
# Unambiguous on purpose (each part takes characters the next cannot), so a long answer never
# makes the matcher backtrack: the separators between RT and RW include "rw" itself.
_RT_RW = re.compile(r"^(?:rt)?\s*0*(\d{1,3})(?:/|\s|rw|,|-)+0*(\d{1,3})$")
FUZZY_NAME = 80
"""How alike (rapidfuzz ratio) a misspelt desa or choice must be to count."""


class NikProblem(StrEnum):
    """Why a number cannot be a NIK; each value names its correction in content/ektp.yaml
    `nik_salah`. Checked in this order, the first found is the one told."""

    LENGTH = "panjang"
    """Not 16 digits."""
    REGION = "wilayah"
    """Digits 1-6: a province code that does not exist, or a regency or district code 00."""
    DAY = "tanggal"
    """Digits 7-8: not a day 01-31 (41-71 for women), or not a day of the birth month."""
    MONTH = "bulan"
    """Digits 9-10: not a month 01-12."""
    SERIAL = "nomor_urut"
    """Digits 13-16: 0000 (the serial starts at 0001)."""


PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35"}
    | {"36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
    | {"81", "82", "91", "92", "93", "94", "95", "96"}
)
"""The 38 province codes of Kepmendagri 300.2.2-2138/2025 (kode wilayah), as listed in
github.com/cahyadsn/wilayah db/wilayah.sql @ b7ad440. A NIK keeps the code of the province
where it was first registered; a code withdrawn before this list would be refused here (none
is known to have been since NIKs were first issued, but that is not confirmed)."""


def nik_problem(digits: str) -> NikProblem | None:
    """What is wrong with `digits` as a NIK, or None if its structure is sound.

    Structure (Dukcapil: kode wilayah, tanggal lahir, nomor urut): 2 digits province,
    2 regency, 2 district (regency and district codes start at 01), then the birth date DDMMYY
    with 40 added to the day for women, then a 4-digit serial from 0001.
    """
    if len(digits) != 16 or not digits.isdigit():
        return NikProblem.LENGTH
    if digits[0:2] not in PROVINCES or digits[2:4] == "00" or digits[4:6] == "00":
        return NikProblem.REGION
    day, month = int(digits[6:8]), int(digits[8:10])
    day = day - 40 if day > 40 else day
    if not 1 <= day <= 31:
        return NikProblem.DAY
    if not 1 <= month <= 12:
        return NikProblem.MONTH
    if day > calendar.monthrange(2000, month)[1]:  # 2000: a leap year, so 29 February stands
        return NikProblem.DAY
    if digits[12:] == "0000":
        return NikProblem.SERIAL
    return None


def check_nik(text: str) -> str | None:
    """The 16 digits of a structurally valid NIK (see `nik_problem`), or None."""
    digits = _NOT_DIGIT.sub("", text)
    if text.strip().startswith("-") or nik_problem(digits) is not None:
        return None
    return digits


def mask_nik(nik: str) -> str:
    """A NIK with its birth date and serial hidden: 320106******0001 -> never the full NIK."""
    return f"{nik[:6]}******{nik[-4:]}"


def parse_date(
    text: str,
    today: date,
    months: Sequence[Sequence[str]],
    skipped: Collection[str] = frozenset(),
) -> date | None:
    """Read 12-12-2026, 12/12/26, 12.12.2026, 12 Desember 2026, 12 des (the next one).

    `skipped` are words written before a date ('tgl 12 des'), from content.
    """
    cleaned = " ".join(word for word in normalise(text).split() if word not in skipped)
    found = _DATE_NUMERIC.match(text.strip())
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        words = _DATE_WORDS.match(cleaned)
        if not words:
            return None
        month = _month_number(words.group(2), months)
        if month is None:
            return None
        day = int(words.group(1))
        year = int(words.group(3)) if words.group(3) else today.year
    if year < 100:
        year += 2000
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    if not found and not (words and words.group(3)) and when < today:
        when = when.replace(year=year + 1)  # '12 des' in late December means next year
    return when


def _month_number(word: str, months: Sequence[Sequence[str]]) -> int | None:
    """1-12 for a month name or abbreviation."""
    for number, names in enumerate(months, start=1):
        if word in names:
            return number
    return None


def add_workdays(start: date, workdays: int) -> date:
    """The date `workdays` working days (Monday-Friday) after `start`."""
    current = start
    left = workdays
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def sooner_than(event: date, on: date, workdays: int) -> bool:
    """Whether `event` falls before `workdays` working days have passed since `on`."""
    return event < add_workdays(on, workdays)


def parse_choice(text: str, choices: Sequence[str]) -> str | None:
    """A choice by its number in the list, its name, or a close misspelling of it."""
    answer = normalise(text)
    if answer.isdigit():
        number = int(answer)
        return choices[number - 1] if 1 <= number <= len(choices) else None
    names = {normalise(choice): choice for choice in choices}
    if answer in names:
        return names[answer]
    from rapidfuzz import fuzz, process

    found = process.extractOne(answer, list(names), scorer=fuzz.ratio, score_cutoff=FUZZY_NAME)
    return names[found[0]] if found else None


def parse_rt_rw(text: str) -> str | None:
    """RT/RW as 003/005 from '3/5', '003/005', 'RT 3 RW 5', 'rt03 rw05'."""
    found = _RT_RW.match(text.strip().lower())
    if not found:
        return None
    rt, rw = (int(part) for part in found.groups())
    if rt == 0 or rw == 0:
        return None
    return f"{rt:03d}/{rw:03d}"


def parse_count(text: str, smallest: int, largest: int) -> int | None:
    """A whole number such as '300', '± 300 orang', '1.000', within the limits."""
    found = _NUMBER.search(text)
    if not found:
        return None
    digits = found.group(0).replace(".", "")
    if not digits.isdigit():
        return None
    value = int(digits)
    return value if smallest <= value <= largest else None


def parse_text(text: str, shortest: int, longest: int) -> str | None:
    """Free text with spaces tidied, within the length limits."""
    tidy = " ".join(text.split())
    return tidy if shortest <= len(tidy) <= longest else None
