"""The answer to one CEK KTP lookup."""

from __future__ import annotations

import itertools

from puspa_bot.ektp_desk import lookup_reply
from puspa_bot.ektp_list import MemoryEktpList
from puspa_bot.privacy import keyed_hash
from puspa_bot.reply_index import ReplyIndex

NIK = "3201064510900001"
NOW = 1_800_000_000
PEPPER = "test-pepper"
MESSAGES = itertools.count()
"""A new message id for each lookup."""


def ask(index: ReplyIndex, cards: MemoryEktpList, wa_id: str = "628111", pepper: str = PEPPER):
    """Look NIK up for one number."""
    return lookup_reply(index, cards, pepper, wa_id, NIK, NOW, f"message-{next(MESSAGES)}")


def test_a_ready_card_says_where_and_what_to_bring(index: ReplyIndex) -> None:
    cards = MemoryEktpList()
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
    cards = MemoryEktpList()
    cards.put_ready(keyed_hash(PEPPER, NIK), "2026-11-25", "Loket", 0)
    cards.mark_collected(keyed_hash(PEPPER, NIK), "2026-11-27")
    reply, result = ask(index, cards)
    assert result == "collected"
    assert "sudah *diambil* pada 27 November 2026" in reply.text


def test_not_found_names_the_last_import(index: ReplyIndex) -> None:
    cards = MemoryEktpList()
    reply, result = ask(index, cards)
    assert result == "not_found"
    assert "(daftar belum pernah diperbarui)" in reply.text
    cards.set_updated("2026-11-28")
    assert "(daftar diperbarui 28 November 2026)" in ask(index, cards)[0].text


def test_a_card_stored_under_another_pepper_is_not_found(index: ReplyIndex) -> None:
    cards = MemoryEktpList()
    cards.put_ready(keyed_hash("another", NIK), "2026-11-25", "", 0)
    assert ask(index, cards)[1] == "not_found"


def test_the_sixth_lookup_is_refused_and_without_a_pepper_none_runs(index: ReplyIndex) -> None:
    cards = MemoryEktpList()
    results = [ask(index, cards)[1] for _ in range(6)]
    assert results == ["not_found"] * 5 + ["refused"]
    assert ask(index, cards)[0].text.startswith(
        "Mohon maaf, pengecekan dari nomor ini sudah 5 kali dalam 60 menit terakhir."
    )
    assert ask(index, cards, wa_id="628222")[1] == "not_found"
    assert ask(index, MemoryEktpList(), pepper="")[1] == "unavailable"
