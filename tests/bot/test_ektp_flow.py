"""CEK KTP in the conversation: spotting a NIK, correcting it, offering the lookup."""

from __future__ import annotations

import pytest
from puspa_bot.conversation import (
    BROWSING,
    AwaitingNik,
    Incoming,
    Intent,
    Kind,
    LookUpEktp,
    Outcome,
    State,
)
from puspa_bot.ektp_flow import nik_attempt, without_numbers
from puspa_bot.engine import respond
from puspa_bot.form_fields import NikProblem
from puspa_bot.reply_index import ReplyIndex

NOW = 1_800_000_000
NIK = "3201064510900001"


def say(index: ReplyIndex, text: str, state: State | None = None) -> Outcome:
    """Send one text message."""
    return respond(index, state or State(), Incoming(Kind.TEXT, text, timestamp=NOW))


def test_a_nik_is_the_longest_number_even_written_in_groups() -> None:
    assert nik_attempt("cek ktp 3201 0645 1090 0001 ya") == NIK
    assert nik_attempt("cek ktp 3201-0645-1090-0001") == NIK
    assert nik_attempt("menu 2") is None
    assert without_numbers(f"cek ktp {NIK}").split() == ["cek", "ktp"]


def test_cek_ktp_with_a_nik_goes_to_the_lookup(index: ReplyIndex) -> None:
    outcome = say(index, f"CEK KTP {NIK}")
    assert outcome.intent is Intent.EKTP
    assert outcome.effects == (LookUpEktp(NIK),)
    assert outcome.replies == ()
    assert outcome.state.mode == AwaitingNik()


def test_the_service_answer_invites_a_lookup_and_the_next_nik_is_looked_up(
    index: ReplyIndex,
) -> None:
    shown = say(index, "ktp udah jadi belum")
    assert shown.service == "cek-ektp"
    assert [r.text for r in shown.replies] == [
        index.services["cek-ektp"]["reply"],
        index.ektp.invite,
    ]
    assert shown.state.mode == AwaitingNik()
    looked_up = say(index, NIK, shown.state)
    assert looked_up.effects == (LookUpEktp(NIK),)


SEND_AGAIN = (
    "\nMohon periksa lagi NIK di KTP atau KK, lalu kirim ulang, misalnya: "
    "_CEK KTP 3201xxxxxxxxxxxx_"
)


@pytest.mark.parametrize(
    ("message", "correction"),
    [
        (
            "cek ktp 32010645109",
            "Mohon maaf, nomor yang Bapak/Ibu kirim terdiri dari *11 angka*. "
            "NIK harus *16 angka*, tertulis di KTP atau KK.",
        ),
        ("cek ktp 32010645109000012", "terdiri dari *17 angka*. NIK harus *16 angka*"),
        (
            "cek ktp 2001064510900001",
            "Mohon maaf, 6 angka pertama NIK yang Bapak/Ibu kirim belum sesuai. Enam angka itu "
            "adalah *kode wilayah* (provinsi, kabupaten/kota, kecamatan) tempat NIK pertama "
            "kali didaftarkan; misalnya Kabupaten Bogor 3201.",
        ),
        ("cek ktp 3200064510900001", "6 angka pertama NIK"),
        (
            "cek ktp 3201069913900001",
            "Mohon maaf, angka ke-7 dan ke-8 NIK yang Bapak/Ibu kirim belum sesuai. Dua angka "
            "itu adalah *tanggal lahir*, 01 sampai 31; untuk perempuan ditambah 40, jadi 41 "
            "sampai 71. Tanggal itu juga harus ada di bulan lahirnya (angka ke-9 dan ke-10).",
        ),
        ("cek ktp 3201067002900001", "angka ke-7 dan ke-8"),  # a woman born 30 February
        (
            "cek ktp 3201064513900001",
            "Mohon maaf, angka ke-9 dan ke-10 NIK yang Bapak/Ibu kirim belum sesuai. Dua angka "
            "itu adalah *bulan lahir*, 01 (Januari) sampai 12 (Desember).",
        ),
        (
            "cek ktp 3201064510900000",
            "Mohon maaf, 4 angka terakhir NIK yang Bapak/Ibu kirim belum sesuai. Empat angka "
            "itu adalah *nomor urut*, mulai dari 0001, jadi tidak mungkin 0000.",
        ),
    ],
)
def test_a_malformed_nik_is_told_what_is_wrong_and_not_looked_up(
    index: ReplyIndex, message: str, correction: str
) -> None:
    outcome = say(index, message)
    assert outcome.effects == ()
    assert outcome.intent is Intent.EKTP and outcome.state.mode == AwaitingNik()
    (reply,) = outcome.replies
    assert correction in reply.text
    assert reply.text.endswith(SEND_AGAIN)
    assert "(16 angka)" not in reply.text


def test_every_reason_a_nik_is_refused_has_its_correction(index: ReplyIndex) -> None:
    assert set(index.ektp.wrong_nik) == {problem.value for problem in NikProblem}
    corrections = list(index.ektp.wrong_nik.values())
    assert len(set(corrections)) == len(corrections)


def test_a_number_in_another_question_is_not_a_lookup(index: ReplyIndex) -> None:
    outcome = say(index, f"pajak motor {NIK}")
    assert outcome.intent is not Intent.EKTP
    assert not any(isinstance(effect, LookUpEktp) for effect in outcome.effects)


def test_a_menu_number_after_the_invitation_still_picks_from_the_menu(
    index: ReplyIndex,
) -> None:
    menu = say(index, "info")
    shown = respond(index, menu.state, Incoming(Kind.CHOICE, "layanan:cek-ektp", timestamp=NOW))
    assert shown.state.mode == AwaitingNik()
    assert say(index, "0", shown.state).intent is Intent.MENU
    other = say(index, "syarat kk", shown.state)
    assert other.service == "kartu-keluarga" and other.state.mode == BROWSING
