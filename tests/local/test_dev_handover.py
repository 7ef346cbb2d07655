"""A person behind PUSPA, over HTTP against `make dev` (dynalite and the real handler).

A resident asks for a petugas, both staff numbers are told, one takes the case and writes three
messages that reach the resident from the office number, the resident answers twice (to that
staff member, no automatic answer), the other staff member cannot write into the taken case,
SELESAI closes it and the resident gets the satisfaction question; a case nobody takes expires
(EventBridge's schedule, run locally) with the resident told.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from puspa_bot.reply_index import load_index
from puspa_build.content import load_content

from ..conftest import CONTENT
from ..fake_graph_api import FakeGraphApi
from ..local_stack import STAFF, LocalStack, text_payload

RESIDENT = "6281234567890"
ANA, BUDI = STAFF


def bodies(graph: FakeGraphApi, to: str, since: int = 0) -> list[str]:
    """The texts sent to one number since message `since`."""
    found = []
    for message in graph.messages()[since:]:
        if message["to"] == to:
            body = message.get("text") or message["interactive"]["body"]
            found.append(body.get("body") or body.get("text"))
    return found


def say(stack: LocalStack, wa_id: str, message_id: str, text: str, at: int) -> None:
    """One message over the webhook; it must be answered (200)."""
    assert stack.post(text_payload(wa_id, message_id, text, at)) == (200, "ok")


def ask_for_staff(stack: LocalStack, graph: FakeGraphApi, at: int) -> str:
    """The resident asks a question, then for a petugas; the case's reference."""
    say(stack, RESIDENT, "wamid.h.1", "jam buka loket kecamatan hari sabtu?", at)
    say(stack, RESIDENT, "wamid.h.2", "petugas", at + 5)
    opened = bodies(graph, RESIDENT)[-1]
    return opened.split("(kode *", 1)[1].split("*", 1)[0]


def test_one_staff_member_talks_with_the_resident_through_puspa(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    now = int(time.time())
    ref = ask_for_staff(stack, graph, now)
    for staff in (ANA, BUDI):
        notice = bodies(graph, staff)[-1]
        assert f"(kode *{ref}*)" in notice and "jam buka loket kecamatan hari sabtu?" in notice
        assert RESIDENT not in notice  # the number is masked unless content says otherwise

    say(stack, ANA, "wamid.a.1", f"AMBIL {ref}", now + 20)
    assert bodies(graph, BUDI)[-1] == f"Kasus *{ref}* dipegang petugas nomor …0001."

    before = len(graph.messages())
    for number, text in enumerate(["Selamat siang, Bu.", "Sabtu loket tutup.", "Ada lagi?"]):
        say(stack, ANA, f"wamid.a.2{number}", text, now + 30 + number)
    assert bodies(graph, RESIDENT, before) == [
        "*Petugas PUSPA:* Selamat siang, Bu.",
        "*Petugas PUSPA:* Sabtu loket tutup.",
        "*Petugas PUSPA:* Ada lagi?",
    ]

    before = len(graph.messages())
    say(stack, RESIDENT, "wamid.h.3", "oh begitu", now + 40)
    say(stack, RESIDENT, "wamid.h.4", "syarat kk apa aja", now + 41)
    assert bodies(graph, RESIDENT, before) == []  # no automatic answer
    assert bodies(graph, ANA, before) == [
        f"*Warga {ref}:* oh begitu",
        f"*Warga {ref}:* syarat kk apa aja",
    ]
    assert bodies(graph, BUDI, before) == []

    before = len(graph.messages())
    say(stack, BUDI, "wamid.b.1", f"BALAS {ref} saya juga bisa bantu", now + 50)
    assert bodies(graph, RESIDENT, before) == []
    assert bodies(graph, BUDI, before)[0].startswith(f"Kasus *{ref}* dipegang petugas nomor …0001")

    before = len(graph.messages())
    say(stack, ANA, "wamid.a.3", f"SELESAI {ref}", now + 60)
    to_resident = bodies(graph, RESIDENT, before)
    assert to_resident[0].startswith("Percakapan dengan petugas sudah selesai.")
    index = load_index(Path(stack.env["PUSPA_REPLIES"]))
    assert index.survey is not None and to_resident[1] == index.survey.opening
    first = index.survey.questions[0].interactive["body"]["text"]
    assert to_resident[2] == first  # the satisfaction question


def test_a_handover_nobody_takes_expires_and_the_resident_is_told(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    content, _ = load_content(CONTENT)
    minutes = content.petugas["tanpa_jawaban_menit"]
    now = int(time.time())
    ref = ask_for_staff(stack, graph, now)
    status, body = stack.schedule(now + 5 + minutes * 60 - 30)
    assert (status, json.loads(body)) == (200, {"expired_messages": 0})
    before = len(graph.messages())
    status, body = stack.schedule(now + 5 + minutes * 60)
    assert (status, json.loads(body)) == (200, {"expired_messages": 3})
    assert bodies(graph, RESIDENT, before)[0].startswith(
        f"Mohon maaf, belum ada petugas yang dapat menjawab permintaan Bapak/Ibu (kode *{ref}*)."
    )
    for staff in (ANA, BUDI):
        assert bodies(graph, staff, before)[0].startswith(f"Kasus *{ref}* ditutup otomatis")
    say(stack, RESIDENT, "wamid.h.9", "info", now + minutes * 60 + 60)
    assert graph.messages()[-1]["type"] == "interactive"  # the bot answers again: the menu
