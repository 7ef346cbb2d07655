"""A person behind PUSPA: a handover through the responder, on moto and the fake Graph API.

A resident asks for a petugas, both staff numbers are told, one takes the case and writes
from the office number, the resident's answers reach that staff member and the bot stays
quiet, the other staff member cannot write into the taken case, SELESAI closes it and asks
the survey; a case nobody answers expires with the resident told.
"""

from __future__ import annotations

from typing import Any

import pytest
from puspa_bot.conversation import BROWSING, InSurvey, Serving, WithStaff
from puspa_bot.graph_api import GraphApi
from puspa_bot.handover_store import CANCELLED, DONE, EXPIRED, RESIDENT, STAFF, TAKEN
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.responder import Responder
from puspa_bot.signup import signup_code
from puspa_bot.stats import MemoryStats
from puspa_bot.store import DynamoStore

from ..fake_graph_api import FakeGraphApi
from .test_form_flow import NOW
from .test_responder import RESIDENT as WARGA
from .test_responder import send

ANA, BUDI = "6281100000001", "6281100000002"


@pytest.fixture
def bot(index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi) -> Responder:
    """The responder with two staff numbers."""
    api = GraphApi(graph.url, "v23.0", "tok", sleep=lambda s: None)
    return Responder(index, store, api, frozenset({ANA, BUDI}))


def texts_to(graph: FakeGraphApi, to: str, since: int = 0) -> list[str]:
    """The bodies of the messages sent to `to` (text or interactive), oldest first."""
    found = []
    for message in graph.messages()[since:]:
        if message["to"] != to:
            continue
        body = message.get("text") or message["interactive"]["body"]
        found.append(body.get("body") or body.get("text"))
    return found


def open_case(bot: Responder, at: int = NOW, prefix: str = "w") -> str:
    """The resident asks something, then for a petugas; the case's reference."""
    send(bot, "izin keramaian untuk hajatan di lapangan desa bagaimana", f"{prefix}-1", at=at)
    outcome = send(bot, "PETUGAS", f"{prefix}-2", at=at + 10)
    (effect,) = outcome.effects
    return effect.ref


def staff_says(bot: Responder, staff: str, text: str, message_id: str, at: int) -> Any:
    """A message from a staff number."""
    return send(bot, text, message_id, wa_id=staff, at=at)


def test_a_taken_case_is_a_conversation_between_one_staff_member_and_the_resident(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore, index: ReplyIndex
) -> None:
    texts = index.handover["texts"]
    ref = open_case(bot)
    assert store.load(WARGA).state.mode == WithStaff(ref)
    for staff in (ANA, BUDI):
        assert f"(kode *{ref}*)" in texts_to(graph, staff)[-1]

    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    assert store.load(ANA).state.mode == Serving(ref)
    assert texts_to(graph, ANA)[-1].startswith(f"Anda memegang kasus *{ref}*")
    assert texts_to(graph, BUDI)[-1] == f"Kasus *{ref}* dipegang petugas nomor …0001."

    before = len(graph.messages())
    for number, line in enumerate(["Selamat siang Bu.", "Untuk hajatan perlu izin ya.", "Bisa?"]):
        staff_says(bot, ANA, line, f"a-2{number}", NOW + 120 + number)
    assert texts_to(graph, WARGA, before) == [
        "*Petugas PUSPA:* Selamat siang Bu.",
        "*Petugas PUSPA:* Untuk hajatan perlu izin ya.",
        "*Petugas PUSPA:* Bisa?",
    ]

    before = len(graph.messages())
    for number, line in enumerate(["baik pak", "syarat kk apa"]):  # a service name, too
        answered = send(bot, line, f"w-3{number}", at=NOW + 200 + number)
        assert answered.replies == () and answered.service is None  # the bot stays quiet
    assert texts_to(graph, WARGA, before) == []
    assert texts_to(graph, ANA, before) == [
        f"*Warga {ref}:* baik pak",
        f"*Warga {ref}:* syarat kk apa",
    ]
    assert texts_to(graph, BUDI, before) == []

    before = len(graph.messages())
    staff_says(bot, BUDI, f"balas {ref} saya bantu juga", "b-1", NOW + 300)
    assert texts_to(graph, WARGA, before) == []
    assert texts_to(graph, BUDI, before) == [
        f"Kasus *{ref}* dipegang petugas nomor …0001. Pesan Anda tidak dikirim ke warga."
    ]

    before = len(graph.messages())
    staff_says(bot, ANA, f"SELESAI {ref}", "a-3", NOW + 400)
    to_resident = texts_to(graph, WARGA, before)
    assert to_resident[0] == texts["done"]
    assert to_resident[1] == index.survey.opening  # then the survey's first question
    assert store.load(WARGA).state.mode == InSurvey()
    assert store.load(ANA).state.mode == BROWSING
    for staff in (ANA, BUDI):
        assert texts_to(graph, staff)[-1] == f"Kasus *{ref}* ditutup petugas nomor …0001."

    record = store.handovers.get(ref)
    assert record is not None and record["status"] == DONE and record["taken_by"] == ANA
    assert [(m["who"], m["text"]) for m in record["messages"]] == [
        (STAFF, "Selamat siang Bu."),
        (STAFF, "Untuk hajatan perlu izin ya."),
        (STAFF, "Bisa?"),
        (RESIDENT, "baik pak"),
        (RESIDENT, "syarat kk apa"),
    ]
    assert record["first_answer_at"] == NOW + 120


def test_before_anyone_takes_it_every_staff_member_reads_and_may_answer(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore
) -> None:
    ref = open_case(bot)
    before = len(graph.messages())
    send(bot, "halo ada orang?", "w-3", at=NOW + 30)
    assert (
        texts_to(graph, ANA, before)
        == texts_to(graph, BUDI, before)
        == [f"*Warga {ref}:* halo ada orang?"]
    )
    staff_says(bot, BUDI, f"BALAS {ref} Ada Bu, sebentar ya.", "b-1", NOW + 60)
    assert texts_to(graph, WARGA)[-1] == "*Petugas PUSPA:* Ada Bu, sebentar ya."
    record = store.handovers.get(ref)
    assert record is not None and "taken_by" not in record  # answering does not take it


def test_menu_keeps_the_case_open_and_batal_closes_it(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore, index: ReplyIndex
) -> None:
    ref = open_case(bot)
    menu = send(bot, "menu", "w-3", at=NOW + 30)
    assert menu.intent.value == "menu"
    assert texts_to(graph, WARGA)[-1].startswith(f"Permintaan Bapak/Ibu ke petugas (kode *{ref}*)")
    picked = send(bot, "1", "w-4", at=NOW + 40)  # a number right after the menu picks from it
    assert picked.replies and store.load(WARGA).state.mode == WithStaff(ref)
    again = send(bot, "petugas", "w-5", at=NOW + 50)
    assert again.effects == () and len(store.handovers.list_all()) == 1
    before = len(graph.messages())
    send(bot, "batal", "w-6", at=NOW + 60)
    assert texts_to(graph, WARGA, before) == [index.handover["texts"]["cancelled"]]
    assert texts_to(graph, ANA, before) == [f"Kasus *{ref}* ditutup oleh warga."]
    assert store.handovers.get(ref)["status"] == CANCELLED
    assert store.load(WARGA).state.mode == BROWSING
    answered = send(bot, "syarat kk", "w-7", at=NOW + 70)
    assert answered.service == "kartu-keluarga"  # the bot answers again


def test_a_case_nobody_answers_expires_and_the_resident_is_told(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore, index: ReplyIndex
) -> None:
    ref = open_case(bot)
    due = NOW + 10 + index.handover["expire_minutes"] * 60
    assert bot.expire_handovers(due - 1, deadline=1e12) == 0
    before = len(graph.messages())
    assert bot.expire_handovers(due, deadline=1e12) == 3
    assert texts_to(graph, WARGA, before) == [
        index.handover["texts"]["expired"].replace("{kode}", ref)
    ]
    for staff in (ANA, BUDI):
        assert texts_to(graph, staff, before) == [
            f"Kasus *{ref}* ditutup otomatis karena tidak ada jawaban petugas dalam "
            f"{index.handover['expire_minutes']} menit. Warga sudah diberi tahu."
        ]
    assert store.handovers.get(ref)["status"] == EXPIRED
    assert store.load(WARGA).state.mode == BROWSING
    assert bot.expire_handovers(due + 60, deadline=1e12) == 0  # once


def test_a_staff_answer_moves_the_deadline(
    bot: Responder, store: DynamoStore, index: ReplyIndex
) -> None:
    ref = open_case(bot)
    minutes = index.handover["expire_minutes"] * 60
    staff_says(bot, ANA, f"balas {ref} sebentar ya", "a-1", NOW + minutes - 60)
    assert bot.expire_handovers(NOW + minutes + 10, deadline=1e12) == 0
    assert store.handovers.get(ref)["status"] != EXPIRED


def test_redelivered_messages_reach_the_other_side_once(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore
) -> None:
    ref = open_case(bot)
    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    staff_says(bot, ANA, "Halo Bu", "a-2", NOW + 70)
    staff_says(bot, ANA, "Halo Bu", "a-2", NOW + 70)
    send(bot, "iya pak", "w-3", at=NOW + 80)
    send(bot, "iya pak", "w-3", at=NOW + 80)
    assert texts_to(graph, WARGA).count("*Petugas PUSPA:* Halo Bu") == 1
    assert texts_to(graph, ANA).count(f"*Warga {ref}:* iya pak") == 1
    assert texts_to(graph, BUDI).count(f"Kasus *{ref}* dipegang petugas nomor …0001.") == 1
    record = store.handovers.get(ref)
    assert [m["text"] for m in record["messages"]] == ["Halo Bu", "iya pak"]


def test_release_lets_another_staff_member_take_it(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore
) -> None:
    ref = open_case(bot)
    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    staff_says(bot, BUDI, f"ambil {ref}", "b-1", NOW + 70)
    assert store.load(BUDI).state.mode == BROWSING  # refused, so Budi's messages stay his
    staff_says(bot, ANA, f"lepas {ref}", "a-2", NOW + 80)
    assert store.load(ANA).state.mode == BROWSING
    assert texts_to(graph, BUDI)[-1].startswith(f"Kasus *{ref}* dilepas petugas nomor …0001")
    staff_says(bot, BUDI, f"ambil {ref}", "b-2", NOW + 90)
    assert store.handovers.get(ref)["taken_by"] == BUDI
    assert store.handovers.get(ref)["status"] == TAKEN


def test_staff_commands_without_a_case_say_how(
    bot: Responder, graph: FakeGraphApi, index: ReplyIndex
) -> None:
    staff_says(bot, ANA, "balas", "a-1", NOW)
    assert texts_to(graph, ANA)[-1] == index.handover["texts"]["staff_usage"]
    unknown = signup_code("no such case")
    staff_says(bot, ANA, f"selesai {unknown}", "a-2", NOW + 1)
    assert texts_to(graph, ANA)[-1] == f"Kasus *{unknown}* tidak ada atau sudah ditutup."
    resident = send(bot, "selesai", "w-1", at=NOW + 2)  # from a resident it is no command
    assert resident.effects == () or all(
        e.__class__.__name__ != "HandoverAction" for e in resident.effects
    )


def test_a_staff_message_after_24_hours_is_not_sent_and_the_staff_member_is_told(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore
) -> None:
    ref = open_case(bot)
    staff_says(bot, ANA, f"balas {ref} maaf baru sempat", "a-1", NOW + 25 * 60 * 60)
    assert "*Petugas PUSPA:* maaf baru sempat" not in texts_to(graph, WARGA)
    assert texts_to(graph, ANA)[-1] == (
        f"Pesan untuk warga *{ref}* tidak terkirim, karena warga belum menulis dalam 24 jam "
        "terakhir."
    )


def test_hapus_data_removes_the_handover(bot: Responder, store: DynamoStore) -> None:
    ref = open_case(bot)
    send(bot, "hapus data", "w-3", at=NOW + 30)
    send(bot, "ya", "w-4", at=NOW + 40)
    assert store.handovers.get(ref) is None


def counted(bot: Responder) -> dict[str, int]:
    """Every counter of every day, summed (no number or NIK is ever among the names)."""
    assert isinstance(bot.stats, MemoryStats)
    totals: dict[str, int] = {}
    for day in bot.stats.counters.values():
        for name, value in day.items():
            totals[name] = totals.get(name, 0) + value
    return totals


def test_handovers_are_counted_for_the_monthly_report(bot: Responder, index: ReplyIndex) -> None:
    ref = open_case(bot)
    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    staff_says(bot, ANA, "Halo Bu", "a-2", NOW + 600)
    staff_says(bot, ANA, "Ada yang bisa dibantu?", "a-3", NOW + 700)
    staff_says(bot, ANA, f"selesai {ref}", "a-4", NOW + 800)
    other = open_case(bot, at=NOW + 1000, prefix="v")
    assert other != ref
    bot.expire_handovers(NOW + 2000 + index.handover["expire_minutes"] * 60, deadline=1e12)
    totals = counted(bot)
    assert {
        name: totals.get(name, 0)
        for name in (
            "handover:open",
            "handover:answered",
            "handover_wait:15m",
            "handover:done",
            "handover:expired",
        )
    } == {
        "handover:open": 2,
        "handover:answered": 1,
        "handover_wait:15m": 1,
        "handover:done": 1,
        "handover:expired": 1,
    }
    assert totals["messages"] == 4  # the resident's messages only, not the staff's
    assert not any(ANA in name or WARGA in name or ref in name for name in totals)


def test_while_holding_a_case_a_staff_member_still_has_the_sign_up_commands(
    bot: Responder, graph: FakeGraphApi
) -> None:
    ref = open_case(bot)
    staff_says(bot, ANA, f"ambil {ref}", "a-1", NOW + 60)
    before = len(graph.messages())
    listed = staff_says(bot, ANA, "daftar", "a-2", NOW + 70)
    assert listed.intent.value == "staff" and texts_to(graph, WARGA, before) == []
    staff_says(bot, ANA, "ya", "a-3", NOW + 80)  # a plain word goes to the resident
    assert texts_to(graph, WARGA, before) == ["*Petugas PUSPA:* ya"]


def test_an_expiry_notice_staff_cannot_get_now_waits_for_them(
    bot: Responder, graph: FakeGraphApi, store: DynamoStore, index: ReplyIndex
) -> None:
    ref = open_case(bot)
    graph.fail_next(400, 131047, times=3)  # outside the 24-hour window
    due = NOW + 10 + index.handover["expire_minutes"] * 60
    bot.expire_handovers(due, deadline=1e12)
    kept = [text for _, text in store.pending_for(BUDI)]
    assert kept and kept[-1].startswith(f"Kasus *{ref}* ditutup otomatis")


def test_after_24_hours_an_answer_goes_by_the_approved_template_when_there_is_one(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    api = GraphApi(graph.url, "v23.0", "tok", sleep=lambda s: None)
    template = {"name": "balasan_petugas", "language": "id"}
    bot = Responder(index, store, api, frozenset({ANA, BUDI}), handover_template=template)
    ref = open_case(bot)
    staff_says(bot, ANA, f"balas {ref} maaf baru sempat", "a-1", NOW + 25 * 60 * 60)
    (sent,) = [m for m in graph.messages() if m["to"] == WARGA and m["type"] == "template"]
    assert sent["template"]["name"] == "balasan_petugas"
    parameters = sent["template"]["components"][0]["parameters"]
    assert [p["text"] for p in parameters] == [ref, "maaf baru sempat"]
    assert texts_to(graph, ANA)[-1].startswith(f"Warga *{ref}* belum menulis dalam 24 jam")
