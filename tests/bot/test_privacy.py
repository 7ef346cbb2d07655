"""Personal data out of counters, logs and keys: masked numbers and e-mails, keyed hashes."""

from __future__ import annotations

import pytest
from puspa_bot.privacy import (
    COUNTED_CHARACTERS,
    counted_words,
    keyed_hash,
    mask_numbers,
    message_key,
)

COMMON = frozenset({"ya", "tolong", "mau", "saya"})


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("resep nasi goreng 081299998888", "resep nasi goreng #"),
        ("nomor saya 081 399 900 021 ya", "nomor #"),
        ("hubungi 0813-9990-0021 atau (021) 8993 0000", "hubungi # atau #"),
        ("wa +62 813 9990 0021", "wa #"),
        ("NIK 3201 0652 0890 0002 mau cek", "nik # cek"),
        ("nik 3201.0652.0890.0002", "nik #"),
        ("email budi.santoso@gmail.com tolong dibalas", "email # dibalas"),
        ("\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17 fullwidth", "# fullwidth"),
        ("rt 3 rw 5 umur 17", "rt 3 rw 5 umur 17"),  # short numbers say nothing of anyone
    ],
)
def test_numbers_however_spaced_and_emails_are_masked_before_counting(
    text: str, counted: str
) -> None:
    assert counted_words(text, {}, COMMON) == counted


def test_a_counted_question_is_cut_between_words() -> None:
    counted = counted_words("kata " * 400, {}, COMMON)
    assert len(counted) <= COUNTED_CHARACTERS
    assert set(counted.split()) == {"kata"}
    assert len(counted_words("x" * 5000 + "y" * 5000, {}, COMMON)) <= COUNTED_CHARACTERS


def test_logs_mask_phone_numbers_but_keep_short_codes() -> None:
    assert mask_numbers("dari 0813 9990 0021: error 131047, HTTP 500") == (
        "dari #: error 131047, HTTP 500"
    )
    assert mask_numbers("dari 6281399900021 dan budi@mail.id") == "dari # dan #"


def test_a_message_key_says_nothing_of_the_id_it_stands_for() -> None:
    wamid = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjBDNzA0RjA2QjE3RjU4REI0AA=="
    key = message_key("pepper", wamid)
    assert key == message_key("pepper", wamid)  # the same message, the same key
    assert key != message_key("other pepper", wamid)
    assert "HBgN" not in key and len(key) == 16
    assert keyed_hash("pepper", "x") != keyed_hash("pepper", "y")
