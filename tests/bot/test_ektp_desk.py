"""The answer to one CEK KTP lookup."""

from __future__ import annotations

import itertools
from typing import Any

from puspa_bot.ektp_desk import lookup_reply
from puspa_bot.ektp_list import DynamoEktpList, EktpList, MemoryEktpList
from puspa_bot.privacy import keyed_hash
from puspa_bot.reply_index import ReplyIndex

NIK = "3201064510900001"
NOW = 1_800_000_000
PEPPER = "test-pepper"
MESSAGES = itertools.count()
"""A new message id for each lookup."""


def ask(index: ReplyIndex, cards: EktpList, wa_id: str = "628111", pepper: str = PEPPER):
    """Look NIK up for one number."""
    return lookup_reply(index, cards, pepper, wa_id, NIK, NOW, f"message-{next(MESSAGES)}")


def imported() -> MemoryEktpList:
    """A list imported once (on 28 November 2026), with no card in it yet."""
    cards = MemoryEktpList()
    cards.set_updated("2026-11-28")
    return cards


NO_LIST = (
    "Mohon maaf, pengecekan e-KTP lewat WhatsApp *belum bisa dipakai*: daftar e-KTP yang "
    "sudah jadi belum dimasukkan petugas.\n"
    "Untuk sementara, silakan tanyakan ke Kantor Kecamatan Jonggol "
)


def test_a_ready_card_says_where_and_what_to_bring(index: ReplyIndex) -> None:
    cards = imported()
    cards.put_ready(keyed_hash(PEPPER, NIK), "2026-11-25", "", 0)
    reply, result = ask(index, cards)
    assert result == "ready"
    assert reply.text.startswith(
        "*e-KTP sudah jadi* ✅\nNIK 320106******0001: e-KTP sudah dicetak pada 25 November 2026."
    )
    assert "Silakan ambil di *Kantor Kecamatan Jonggol*" in reply.text
    assert "• Tanda terima atau bukti perekaman e-KTP." in reply.text
    assert NIK not in reply.text


def test_a_collected_card_says_when(index: ReplyIndex) -> None:
    cards = imported()
    cards.put_ready(keyed_hash(PEPPER, NIK), "2026-11-25", "Loket", 0)
    cards.mark_collected(keyed_hash(PEPPER, NIK), "2026-11-27")
    reply, result = ask(index, cards)
    assert result == "collected"
    assert "sudah *diambil* pada 27 November 2026" in reply.text


def test_not_found_names_the_last_import(index: ReplyIndex) -> None:
    reply, result = ask(index, imported())
    assert result == "not_found"
    assert "*belum ada* di daftar e-KTP yang sudah jadi (daftar diperbarui 28 November 2026)" in (
        reply.text
    )
    assert "cek lagi beberapa hari lagi" in reply.text


def test_before_the_first_import_the_lookup_says_it_is_not_available_yet(
    index: ReplyIndex,
) -> None:
    cards = MemoryEktpList()
    cards.put_ready(keyed_hash(PEPPER, NIK), "2026-11-25", "", 0)  # a card, but no import yet
    answers = [ask(index, cards) for _ in range(7)]  # not counted: nothing can be guessed
    assert {result for _, result in answers} == {"no_list"}
    reply = answers[0][0]
    assert reply.text == index.ektp.no_list
    assert reply.text.startswith(NO_LIST)
    assert "beberapa hari lagi" not in reply.text and NIK[6:] not in reply.text
    cards.set_updated("2026-11-28")
    assert ask(index, cards)[1] == "ready"


def test_on_dynamodb_the_lookup_opens_once_the_list_is_imported(
    index: ReplyIndex, dynamodb: Any
) -> None:
    cards = DynamoEktpList("puspa", dynamodb)
    assert ask(index, cards)[0].text == index.ektp.no_list
    cards.set_updated("2026-11-28")  # what `puspa ektp import` writes after the cards
    reply, result = ask(index, cards)
    assert result == "not_found"
    assert "(daftar diperbarui 28 November 2026)" in reply.text


def test_a_card_stored_under_another_pepper_is_not_found(index: ReplyIndex) -> None:
    cards = imported()
    cards.put_ready(keyed_hash("another", NIK), "2026-11-25", "", 0)
    assert ask(index, cards)[1] == "not_found"


def test_the_sixth_lookup_is_refused_and_without_a_pepper_none_runs(index: ReplyIndex) -> None:
    cards = imported()
    results = [ask(index, cards)[1] for _ in range(6)]
    assert results == ["not_found"] * 5 + ["refused"]
    assert ask(index, cards)[0].text.startswith(
        "Mohon maaf, pengecekan dari nomor ini sudah 5 kali dalam 60 menit terakhir."
    )
    assert ask(index, cards, wa_id="628222")[1] == "not_found"
    assert ask(index, imported(), pepper="")[1] == "unavailable"
