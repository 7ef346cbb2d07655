"""CEK KTP in the conversation: spotting a NIK, correcting it, offering the lookup."""

from __future__ import annotations

from puspa_bot.conversation import Incoming, Intent, Kind, LookUpEktp, Outcome, State
from puspa_bot.ektp_flow import nik_attempt, without_numbers
from puspa_bot.engine import respond
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
    assert outcome.state.awaiting_nik


def test_the_service_answer_invites_a_lookup_and_the_next_nik_is_looked_up(
    index: ReplyIndex,
) -> None:
    shown = say(index, "ktp udah jadi belum")
    assert shown.service == "cek-ektp"
    assert [r.text for r in shown.replies] == [
        index.services["cek-ektp"]["reply"],
        index.ektp.invite,
    ]
    assert shown.state.awaiting_nik
    looked_up = say(index, NIK, shown.state)
    assert looked_up.effects == (LookUpEktp(NIK),)


def test_a_malformed_nik_is_corrected_and_not_looked_up(index: ReplyIndex) -> None:
    outcome = say(index, "cek ktp 32010645109")
    assert outcome.effects == ()
    assert outcome.replies[0].text.startswith(
        "Mohon maaf, NIK yang Bapak/Ibu kirim (11 angka) belum sesuai."
    )
    impossible_birth_date = say(index, "cek ktp 3201069913900001")
    assert "(16 angka) belum sesuai" in impossible_birth_date.replies[0].text


def test_a_number_in_another_question_is_not_a_lookup(index: ReplyIndex) -> None:
    outcome = say(index, f"pajak motor {NIK}")
    assert outcome.intent is not Intent.EKTP
    assert not any(isinstance(effect, LookUpEktp) for effect in outcome.effects)


def test_a_menu_number_after_the_invitation_still_picks_from_the_menu(
    index: ReplyIndex,
) -> None:
    menu = say(index, "info")
    shown = respond(index, menu.state, Incoming(Kind.CHOICE, "layanan:cek-ektp", timestamp=NOW))
    assert shown.state.awaiting_nik
    assert say(index, "0", shown.state).intent is Intent.MENU
    other = say(index, "syarat kk", shown.state)
    assert other.service == "kartu-keluarga" and not other.state.awaiting_nik
