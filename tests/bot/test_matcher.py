"""Free text to a service: keywords, stems, typos, and never a confident wrong guess."""

from __future__ import annotations

import dataclasses
import random

import pytest
from puspa_bot.matcher import MATCHED_CHARACTERS, match
from puspa_bot.reply_index import ReplyIndex


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("KK", "kartu-keluarga"),
        ("gmn cara ngurus ktp yg hilang", "e-ktp"),  # keyword inside a sentence
        ("cek ktp sudah jadi belum", "cek-ektp"),  # the longer keyword wins over 'ktp'
        ("legalisir ktp", "legalisir-kk-ktp"),
        ("izin usaha mikro", "iumk"),  # not 'izin usaha'
        ("izin usaha", "izin-usaha"),
        ("kumaha nyieun akte", "akta-kelahiran"),  # Sundanese
        ("ijin keramaian", "izin-resepsi"),  # abbreviation list: ijin -> izin
        ("kartu kluarga hilang", "kartu-keluarga"),  # misspelt keyword
        ("izin huler", "izin-huller"),  # typo corrected to a keyword word
        ("nikahan anak saya", "izin-resepsi"),  # exact 'nikahan' beats the stem 'nikah'
        ("menikah di kua berapa biayanya", "kua"),
    ],
)
def test_matches_the_service_meant(index: ReplyIndex, text: str, service: str) -> None:
    assert match(index, text).service == service


def test_equally_good_candidates_become_suggestions(index: ReplyIndex) -> None:
    found = match(index, "jenazah")
    assert found.service is None
    assert found.suggestions == ("izin-angkut-jenazah", "izin-kubur-jenazah")


def test_two_services_named_in_one_message_are_not_guessed(index: ReplyIndex) -> None:
    found = match(index, "abis nikah mau bikin kk")
    assert found.service is None
    assert set(found.suggestions) == {"kua", "kartu-keluarga"}


@pytest.mark.parametrize(
    "text",
    [
        "pak kiai",  # looks like 'kia', but short words are never corrected
        "cara daftar bpjs",
        "jadwal vaksin anak",  # 'anak' is in three services' keywords: too vague to suggest
        "resep nasi goreng",
        "kakak saya sakit",
    ],
)
def test_look_alike_words_are_not_enough_for_an_answer(index: ReplyIndex, text: str) -> None:
    found = match(index, text)
    assert found.service is None
    assert found.suggestions == ()


def test_common_words_alone_match_nothing(index: ReplyIndex) -> None:
    assert match(index, "mau tanya dong min") == match(index, "")


def test_words_are_reported_without_common_words(index: ReplyIndex) -> None:
    assert match(index, "Gimana cara daftar BPJS??").words == "bpjs"


def test_a_service_sharing_more_of_the_message_is_offered_not_overruled(
    index: ReplyIndex,
) -> None:
    found = match(index, "cek status e-ktp")
    assert found.service is None
    assert found.suggestions == ("cek-ektp", "e-ktp")


def test_a_word_shared_by_two_kinds_of_certificate_is_not_a_guess(index: ReplyIndex) -> None:
    found = match(index, "mau urus akta cerai")
    assert found.service is None
    assert "akta-kelahiran" in found.suggestions


def test_a_stem_shared_by_many_services_names_none(index: ReplyIndex) -> None:
    # 'perusahaan' (a TDP keyword) stems to 'usaha', which three services' keywords use
    assert match(index, "pinjaman modal usaha").service is None


class CountingDict(dict[str, object]):
    """A dict that counts how often it is looked in."""

    looks = 0

    def __contains__(self, key: object) -> bool:
        CountingDict.looks += 1
        return super().__contains__(key)


def looks_to_match(index: ReplyIndex, text: str) -> int:
    """How many keyword and stem lookups matching `text` takes."""
    counting = dataclasses.replace(
        index, keywords=CountingDict(index.keywords), stems=CountingDict(index.stems)
    )
    CountingDict.looks = 0
    match(counting, text)
    return CountingDict.looks


def test_matching_work_grows_linearly_with_the_message(index: ReplyIndex) -> None:
    words = [random.Random(7).choice(["ab", "cd", "xy", "mn", "op"]) for _ in range(2048)]
    short, long = " ".join(words[:100]), " ".join(words)  # long: 4096 characters, WhatsApp's most
    per_word = 4 * (index.longest_phrase + 1)
    assert looks_to_match(index, short) <= per_word * 100
    assert looks_to_match(index, long) <= per_word * (MATCHED_CHARACTERS // 2)
    assert looks_to_match(index, " ".join(words * 25)) == looks_to_match(index, long)  # 100,000


def test_only_the_start_of_a_long_message_is_matched(index: ReplyIndex) -> None:
    filler = "ab " * (MATCHED_CHARACTERS // 3 + 1)
    assert match(index, "syarat kk " + filler).service == "kartu-keluarga"
    assert match(index, filler + "syarat kk").service is None
    assert match(index, "k" * 100_000).service is None  # one huge word: no crash either
    assert match(index, "\n" * 5000).service is None  # nothing but whitespace at the start
    assert match(index, " " * 5000 + "info").service is None
