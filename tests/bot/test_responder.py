"""Sign-ups through the responder: stored once, staff told once, nothing lost on failures."""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError
from jsonschema import Draft202012Validator
from puspa_bot.conversation import Incoming, Intent, Kind, State
from puspa_bot.ektp_list import DynamoEktpList
from puspa_bot.graph_api import GraphApi, GraphApiError
from puspa_bot.privacy import keyed_hash, message_key
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.responder import Responder
from puspa_bot.stats import DynamoStats, MemoryStats, months_kept
from puspa_bot.store import DynamoStore
from puspa_bot.whatsapp_payload import Delivery

from ..conftest import PROJECT, fail_once
from ..fake_graph_api import FakeGraphApi
from .test_form_flow import ANSWERS, NOW

RESIDENT = "6281234567890"
STAFF = frozenset({"6281100000001", "6281100000002"})
SIGNUP_SCHEMA = json.loads((PROJECT / "schemas" / "signup.schema.json").read_text())


def responder(index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi) -> Responder:
    """The responder on moto and the fake Graph API, with two staff numbers."""
    api = GraphApi(graph.url, "v23.0", "tok", sleep=lambda s: None)
    return Responder(index, store, api, STAFF)


def send(
    bot: Responder,
    text: str,
    message_id: str,
    wa_id: str = RESIDENT,
    at: int = NOW,
    deadline: float = 1e12,
) -> Any:
    """Deliver one text message."""
    incoming = Incoming(Kind.TEXT, text, timestamp=at)
    return bot.handle(Delivery(message_id, wa_id, "PNID", incoming), deadline=deadline)


def fill_form(bot: Responder, wa_id: str = RESIDENT, prefix: str = "m") -> str:
    """Answer the whole form up to the summary; return the id the final YA will use."""
    for number, text in enumerate(["resepsi", "ya", *ANSWERS]):
        send(bot, text, f"{prefix}-{number}", wa_id)
    return f"{prefix}-submit"


def test_submission_stores_one_valid_record_and_tells_resident_and_staff(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    submit = fill_form(bot)
    before = len(graph.messages())
    send(bot, "YA", submit)
    sent = graph.messages()[before:]
    assert [m["to"] for m in sent] == [RESIDENT, *sorted(STAFF)]
    code = re.search(r"Kode pendaftaran: \*(\w+)\*", sent[0]["text"]["body"]).group(1)
    assert f"Kode pendaftaran: *{code}*" in sent[0]["text"]["body"]
    assert f"Kode: *{code}*" in sent[1]["text"]["body"]
    assert "WhatsApp warga: +6281234567890" in sent[1]["text"]["body"]
    assert not sent[1]["text"]["body"].startswith(f"*{index.form.staff.tanda_mendesak}*")
    assert "320106******0002" in sent[1]["text"]["body"]
    record = store.get_signup(code)
    assert record is not None
    assert list(Draft202012Validator(SIGNUP_SCHEMA).iter_errors(record)) == []
    assert record["status"] == "baru"
    assert record["resident"] == RESIDENT
    assert store.list_signups("baru") == [record]


def test_staff_are_told_first_thing_that_a_near_event_is_urgent(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    near = [*ANSWERS[:3], "03-12-2026", *ANSWERS[4:]]  # 4 days after NOW: inside the lead time
    for number, text in enumerate(["resepsi", "ya", *near]):
        send(bot, text, f"u-{number}")
    before = len(graph.messages())
    send(bot, "YA", "u-submit")
    notices = [m["text"]["body"] for m in graph.messages()[before:] if m["to"] in STAFF]
    mark = f"*{index.form.staff.tanda_mendesak}* "
    assert len(notices) == 2 and all(notice.startswith(mark) for notice in notices)


def test_a_retried_submission_creates_nothing_and_sends_nothing_twice(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = responder(index, store, graph)
    submit = fill_form(bot)
    fail_once(monkeypatch, store, "finish_turn", "InternalServerError")
    with pytest.raises(ClientError):
        send(bot, "YA", submit)  # everything went out, then the last write failed
    count = len(graph.messages())
    assert send(bot, "YA", submit) is not None  # Meta retries the same message id
    assert len(graph.messages()) == count
    assert len(store.list_signups("baru")) == 1
    assert send(bot, "YA", submit) is None  # answered: a later redelivery is skipped
    assert len(graph.messages()) == count


def test_a_failed_staff_notification_is_sent_on_the_retry_without_doubling(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    submit = fill_form(bot)
    graph.fail_next(200)  # the resident's confirmation goes out
    graph.fail_next(503)  # the first staff notification fails, with no time left to retry
    with pytest.raises(GraphApiError):
        send(bot, "YA", submit, deadline=time.monotonic() + 1)
    assert submit_key(submit) in store.load(RESIDENT).in_flight  # unfinished: Meta will retry
    send(bot, "YA", submit)
    confirmations = [m for m in graph.messages() if "Kode pendaftaran" in m["text"]["body"]]
    assert len(confirmations) == 1
    notices = [m["to"] for m in graph.messages() if "Kode: *" in m["text"]["body"]]
    assert sorted(notices) == sorted([*sorted(STAFF)[:1], *sorted(STAFF)])  # failed one, then both
    assert len(store.list_signups("baru")) == 1


def submit_key(message_id: str) -> str:
    """The key the store knows a message by (responder() sets no pepper)."""
    return message_key("", message_id)


def submitted_code(bot: Responder, graph: FakeGraphApi) -> str:
    """Fill and send the form; return the sign-up code the resident was given."""
    send(bot, "YA", fill_form(bot))
    body = next(m["text"]["body"] for m in graph.messages() if "Kode pendaftaran" in str(m))
    return re.search(r"Kode pendaftaran: \*(\w+)\*", body).group(1)


def last_to(graph: FakeGraphApi, to: str) -> str:
    """The last text sent to `to`."""
    return [m for m in graph.messages() if m["to"] == to and "text" in m][-1]["text"]["body"]


def test_status_is_told_only_to_the_number_that_registered(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    send(bot, f"status {code.lower()}", "s-1")
    assert last_to(graph, RESIDENT) == (
        f"Status pendaftaran izin resepsi *{code}*: *sedang diperiksa petugas*."
    )
    send(bot, f"STATUS {code}", "s-2", wa_id="6289999999999")
    assert "tidak ditemukan" in last_to(graph, "6289999999999")


def test_staff_list_detail_and_approve_and_the_resident_is_told(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    staff = sorted(STAFF)[0]
    send(bot, "DAFTAR", "st-1", wa_id=staff)
    assert last_to(graph, staff).startswith("*Pendaftaran yang menunggu keputusan (1):*")
    assert f"*{code}* — 13 Januari 2027 — Siti Aminah" in last_to(graph, staff)
    send(bot, f"DETAIL {code}", "st-2", wa_id=staff)
    detail = last_to(graph, staff)
    assert "2. *NIK:* 320106******0002" in detail
    assert "\nWhatsApp warga: +6281234567890\n\n" in detail  # the layout of content's rincian
    send(bot, f"SETUJUI {code}", "st-3", wa_id=staff)
    assert last_to(graph, staff).startswith(f"Pendaftaran *{code}* sekarang *disetujui*.")
    assert "Warga sudah diberi tahu" in last_to(graph, staff)
    assert f"Pendaftaran izin resepsi *{code}* *disetujui*." in last_to(graph, RESIDENT)
    record = store.get_signup(code)
    assert record is not None and record["status"] == "disetujui"
    assert record["history"][-1]["by"] == staff
    send(bot, f"TOLAK {code} berubah pikiran", "st-4", wa_id=staff)
    assert last_to(graph, staff) == f"Pendaftaran *{code}* sudah berstatus *disetujui*."


def test_staff_commands_from_other_numbers_change_nothing(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    send(bot, f"SETUJUI {code}", "x-1", wa_id="6289999999999")
    record = store.get_signup(code)
    assert record is not None and record["status"] == "baru"
    assert "disetujui" not in last_to(graph, "6289999999999")


def test_rejection_needs_a_reason_which_the_resident_then_sees(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    staff = sorted(STAFF)[1]
    send(bot, f"tolak {code}", "r-1", wa_id=staff)
    assert last_to(graph, staff).startswith("Mohon tulis alasannya")
    send(bot, f"tolak {code} tanggal bentrok dengan acara desa", "r-2", wa_id=staff)
    send(bot, f"status {code}", "r-3")
    assert last_to(graph, RESIDENT) == (
        f"Status pendaftaran izin resepsi *{code}*: *ditolak*.\n"
        "Alasan: tanggal bentrok dengan acara desa"
    )


def test_petugas_tells_the_staff_a_masked_number_and_the_last_messages(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    send(bot, "syarat kk", "p-0")
    send(bot, "jam buka kantor kecamatan?", "p-1")
    opened = send(bot, "PETUGAS", "p-2")
    (effect,) = opened.effects
    told = last_to(graph, RESIDENT)
    assert told.startswith(
        f"Permintaan Bapak/Ibu sudah kami teruskan ke petugas PUSPA (kode *{effect.ref}*)."
    )
    assert "pada hari dan jam kerja kantor" in told
    for staff in STAFF:
        notice = last_to(graph, staff)
        assert f"(kode *{effect.ref}*)" in notice
        assert "WhatsApp warga: +62812•••890" in notice and RESIDENT not in notice
        assert "Pertanyaan terakhir: jam buka kantor kecamatan?" in notice
        assert "• syarat kk\n• jam buka kantor kecamatan?" in notice


def test_hapus_data_deletes_sign_ups_and_state_after_ya(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    send(bot, "hapus data", "h-1")
    assert "Balas *YA* untuk menghapus" in last_to(graph, RESIDENT)
    send(bot, "tidak", "h-2")
    assert last_to(graph, RESIDENT) == index.texts["erase_cancelled"]
    assert store.get_signup(code) is not None
    send(bot, "HAPUS DATA", "h-3")
    send(bot, "ya", "h-4")
    assert last_to(graph, RESIDENT) == (
        "Data Bapak/Ibu sudah dihapus (1 pendaftaran dan riwayat percakapan)."
    )
    assert store.get_signup(code) is None
    item = store.client.get_item(
        TableName="puspa", Key={"pk": {"S": f"CONV#{RESIDENT}"}, "sk": {"S": "STATE"}}
    )
    assert "Item" not in item


@pytest.mark.parametrize("template", [None, {"name": "keputusan_resepsi", "language": "id"}])
def test_a_decision_after_24_hours_uses_the_template_or_waits_for_status(
    index: ReplyIndex,
    store: DynamoStore,
    graph: FakeGraphApi,
    template: dict[str, str] | None,
) -> None:
    bot = responder(index, store, graph)
    bot.decision_template = template
    code = submitted_code(bot, graph)
    staff = sorted(STAFF)[0]
    before = len([m for m in graph.messages() if m["to"] == RESIDENT])
    send(bot, f"SETUJUI {code}", "late-1", wa_id=staff, at=NOW + 25 * 60 * 60)
    to_resident = [m for m in graph.messages() if m["to"] == RESIDENT][before:]
    if template is None:
        assert to_resident == []
        assert "akan melihatnya dengan *STATUS" in last_to(graph, staff)
    else:
        (sent,) = to_resident
        assert sent["type"] == "template"
        assert sent["template"]["name"] == "keputusan_resepsi"
        parameters = sent["template"]["components"][0]["parameters"]
        assert [p["text"] for p in parameters] == [code, "disetujui"]
        assert "pesan templat" in last_to(graph, staff)


def test_a_dynamodb_failure_while_storing_the_sign_up_loses_and_doubles_nothing(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = responder(index, store, graph)
    submit = fill_form(bot)
    fail_once(monkeypatch, store, "create_signup", "InternalServerError")
    before = len(graph.messages())
    with pytest.raises(ClientError):
        send(bot, "YA", submit)
    assert graph.messages()[before:] == []  # nobody was told of a sign-up that is not stored
    unfinished = store.load(RESIDENT).in_flight[submit_key(submit)]
    assert unfinished.before.form is not None  # the retry answers from the filled form
    send(bot, "YA", submit)  # Meta's retry
    assert len(store.list_signups("baru")) == 1
    confirmations = [m for m in graph.messages() if "Kode pendaftaran" in str(m)]
    assert len(confirmations) == 1
    assert len([m for m in graph.messages() if "Kode: *" in str(m)]) == len(STAFF)


def test_a_staff_notice_refused_outside_24_hours_waits_for_that_staff_member(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    submit = fill_form(bot)
    quiet, active = sorted(STAFF)
    graph.fail_next(200)  # the resident's confirmation
    graph.fail_next(400, code=131047)  # the first staff member has not written for a day
    send(bot, "YA", submit)  # no exception: the resident's answer is not held up
    assert store.load(RESIDENT).state.form is None  # done, so no second YA can register
    assert "Kode: *" in last_to(graph, active)
    assert len(store.pending_for(quiet)) == 1
    send(bot, "halo", "q-1", wa_id=quiet)
    assert "Kode: *" in last_to(graph, quiet)
    assert store.pending_for(quiet) == []


def test_each_resident_message_is_counted_without_personal_data(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi, dynamodb: Any
) -> None:
    from puspa_bot.contract import local_day
    from puspa_bot.stats import DynamoStats

    stats = DynamoStats("puspa", dynamodb)
    bot = responder(index, store, graph)
    bot.stats, bot.pepper = stats, "pepper"
    send(bot, "info", "c-1")
    send(bot, "1", "c-2")
    send(bot, "syarat kk", "c-3")
    send(bot, "mohon kirim 081299998888 cuaca besok kambing", "c-4", wa_id="6289876543210")
    for number, text in enumerate(["survei", *"434433423"]):
        send(bot, text, f"c-skm-{number}", wa_id="6285500000000")
    send(bot, "daftar", "c-staff", wa_id=sorted(STAFF)[0])  # staff are not residents
    day = local_day(NOW)
    counters = stats.days(day[:7])[day]
    assert counters["messages"] == 14
    assert (counters["via:menu"], counters["via:text"]) == (10, 4)
    assert counters["service:kartu-keluarga"] == 1
    assert (counters["intent:menu"], counters["intent:fallback"]) == (2, 1)
    assert counters["survey:done"] == 1
    assert stats.residents(day[:7]) == 3
    assert stats.surveys(day[:7]) == [(4, 3, 4, 4, 3, 3, 4, 2, 3)]
    assert stats.unmatched(day[:7]) == {"kirim # cuaca besok kambing": 1}
    items = dynamodb.scan(TableName="puspa")["Items"]
    figures = [i for i in items if i["pk"]["S"].startswith(("STATS#", "SKM#", "UNMATCHED#"))]
    assert figures and not any(
        number in json.dumps(figures)
        for number in (RESIDENT, "6289876543210", "6285500000000", "081299998888")
    )


def test_a_counter_failure_never_fails_the_answered_message(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    class BrokenStats(MemoryStats):
        def add(self, day: str, counts: Any, now: int) -> None:
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "add")

    bot = responder(index, store, graph)
    bot.stats = BrokenStats()
    send(bot, "info", "broken-1")
    assert len(graph.messages()) == 1
    assert store.load(RESIDENT).state.trail == ("utama",)


def test_two_ya_at_once_make_one_sign_up_and_the_second_is_answered_anew(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = responder(index, store, graph)
    fill_form(bot)
    real_take_turn = store.take_turn
    overtaken: list[Any] = []

    def overtaken_once(*arguments: Any) -> bool:
        if not overtaken:  # the second YA arrives and is answered while the first one is
            overtaken.append(None)
            overtaken[0] = send(bot, "YA", "ya-second")
        return real_take_turn(*arguments)

    monkeypatch.setattr(store, "take_turn", overtaken_once)
    first = send(bot, "YA", "ya-first")
    assert overtaken[0].intent is Intent.SUBMITTED
    assert first.intent is not Intent.SUBMITTED  # answered again, from the state after it
    assert len(store.list_signups("baru")) == 1
    assert len([m for m in graph.messages() if "Kode pendaftaran" in str(m)]) == 1


def wamid(number: int) -> str:
    """A realistic message id of the resident: it carries their number in base64."""
    return f"wamid.HBgN{base64.b64encode(RESIDENT.encode()).decode()}FQIAEhgU{number:012d}AA=="


def test_hapus_data_leaves_nothing_that_names_the_resident(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi, dynamodb: Any
) -> None:
    bot = responder(index, store, graph)
    bot.pepper, bot.cards = "pepper", DynamoEktpList("puspa", dynamodb)
    bot.stats = DynamoStats("puspa", dynamodb)
    ids = (wamid(n) for n in range(100))

    def say(text: str, deadline: float = 1e12) -> None:
        send(bot, text, next(ids), deadline=deadline)

    for text in ["resepsi", "ya", *ANSWERS]:
        say(text)
    graph.fail_next(200)  # the confirmation
    graph.fail_next(400, code=131047)  # one staff notice is kept for that staff member
    say("YA")
    for text in ["resepsi", "ya", *ANSWERS]:
        say(text)
    graph.fail_next(200)  # the confirmation, then a staff notice fails for now: unfinished
    graph.fail_next(503)
    with pytest.raises(GraphApiError):
        say("YA", deadline=time.monotonic() + 1)
    say("jam buka kantor? wa saya 0813 9990 0021")
    say("PETUGAS")
    say("cek ktp 3201064510900001")
    codes = {c for m in graph.messages() for c in re.findall(r"Kode: \*(\w+)\*", str(m))}
    assert len(codes) == 2 and len(store.pending_for(sorted(STAFF)[0])) == 1
    say("hapus data")
    say("ya")
    assert last_to(graph, RESIDENT) == (
        "Data Bapak/Ibu sudah dihapus (2 pendaftaran dan riwayat percakapan)."
    )
    table = json.dumps(dynamodb.scan(TableName="puspa")["Items"])
    keyed = [keyed_hash("pepper", f"wa:{RESIDENT}")]
    keyed += [keyed_hash("pepper", f"{m}:{RESIDENT}")[:12] for m in months_kept(NOW)]
    for trace in [RESIDENT, RESIDENT[2:], "Siti Aminah", ANSWERS[1], "HBgN", *codes, *keyed]:
        assert trace not in table, trace
    assert "0813" not in table  # the unanswered question was counted with the number masked


def send_in_an_outage(
    bot: Responder, graph: FakeGraphApi, text: str, message_id: str, wa_id: str = RESIDENT
) -> None:
    """Deliver a message while the Graph API fails, with a second left: nothing goes out."""
    graph.fail_next(503, times=50)
    with pytest.raises(GraphApiError):
        send(bot, text, message_id, wa_id, deadline=time.monotonic() + 1)
    graph.failures.clear()


def test_the_erasure_is_confirmed_on_the_retry_when_sending_failed(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    send(bot, "hapus data", "h-1")
    send_in_an_outage(bot, graph, "ya", "h-2")
    assert store.get_signup(code) is None  # erased before the answer could go out
    send(bot, "ya", "h-2")  # Meta's retry finds no conversation, and knows what it erased
    assert last_to(graph, RESIDENT) == (
        "Data Bapak/Ibu sudah dihapus (1 pendaftaran dan riwayat percakapan)."
    )
    assert store.load(RESIDENT).version == 0
    assert store.outbox(submit_key("h-2")).erased is None  # finished: nothing kept


def test_a_retried_decision_tells_the_resident_once_and_staff_what_they_did(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    code = submitted_code(bot, graph)
    staff = sorted(STAFF)[0]
    send_in_an_outage(bot, graph, f"SETUJUI {code}", "st-1", staff)  # decided, nobody told
    send(bot, f"SETUJUI {code}", "st-1", wa_id=staff)  # Meta's retry
    told = [m for m in graph.delivered() if m["to"] == RESIDENT and "disetujui" in str(m)]
    assert len(told) == 1
    assert last_to(graph, staff).startswith(f"Pendaftaran *{code}* sekarang *disetujui*.")


def test_a_retried_lookup_counts_once_against_the_limit(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    bot.pepper = "pepper"
    bot.cards.set_updated("2026-11-28")  # a list was imported: lookups are counted
    send_in_an_outage(bot, graph, "cek ktp 3201064510900001", "k-1")
    send(bot, "cek ktp 3201064510900001", "k-1")  # Meta's retry of the same message
    for number in range(2, 6):  # four more: five in all, the limit
        send(bot, "cek ktp 3201064510900001", f"k-{number}")
        assert "*belum ada* di daftar" in last_to(graph, RESIDENT)
    send(bot, "cek ktp 3201064510900001", "k-6")
    assert "sudah 5 kali" in last_to(graph, RESIDENT)


def test_petugas_without_staff_numbers_is_recorded_for_the_office_and_said_so(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = Responder(index, store, GraphApi(graph.url, "v23.0", "tok", sleep=lambda s: None))
    send(bot, "jam buka kantor kecamatan?", "p-1")
    send(bot, "PETUGAS", "p-2")
    assert last_to(graph, RESIDENT) == (
        "Permintaan Bapak/Ibu sudah kami catat.\n"
        "Petugas kantor akan membacanya saat memeriksa daftar permintaan, lalu membalas lewat "
        "WhatsApp ini pada hari dan jam kerja kantor."
    )
    assert {m["to"] for m in graph.messages()} == {RESIDENT}
    (call,) = store.list_calls()
    assert (call["resident"], call["question"]) == (RESIDENT, "jam buka kantor kecamatan?")
    assert call["call_status"] == "menunggu"


def test_petugas_redelivered_opens_one_case_and_tells_staff_once(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    send(bot, "PETUGAS", "p-1")
    send(bot, "PETUGAS", "p-1")  # a redelivery opens nothing more
    assert len(store.handovers.list_all()) == 1
    assert sorted(m["to"] for m in graph.messages() if m["to"] in STAFF) == sorted(STAFF)


def test_petugas_without_staff_numbers_is_recorded_for_the_office(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    api = GraphApi(graph.url, "v23.0", "tok", sleep=lambda s: None)
    bot = Responder(index, store, api, frozenset())
    send(bot, "PETUGAS", "p-1")
    send(bot, "PETUGAS", "p-1")
    assert len(store.list_calls()) == 1 and store.handovers.list_all() == []
    assert last_to(graph, RESIDENT) == index.texts["call_recorded"]


def test_numbers_however_written_never_reach_the_unmatched_counts(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    for number, text in enumerate(
        [
            "tolong telpon balik 081 399 900 021",
            "nik saya 3201 0652 0890 0002 kambing",
            "kirim ke budi.s@gmail.com ya kambing",
            "wa +62 813-9990-0021 kambing",
        ]
    ):
        send(bot, text, f"u-{number}")
    assert isinstance(bot.stats, MemoryStats)
    (counted,) = bot.stats.questions.values()
    assert counted and all("#" in words for words in counted)
    assert not any(c.isdigit() for words in counted for c in words)
    assert not any("budi" in words or "gmail" in words for words in counted)


def test_a_stored_time_in_the_far_future_never_breaks_the_next_message(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    poisoned = State(trail=("utama",), last_seen=10**18)
    store.take_turn(RESIDENT, store.load(RESIDENT), "old", poisoned, 10**18)
    store.finish_turn(RESIDENT, "old")
    bot = responder(index, store, graph)
    send(bot, "info", "t-1")
    send(bot, "1", "t-2")
    assert graph.messages()[-1]["interactive"] == index.menus["kependudukan"]["pages"][0]
    assert store.load(RESIDENT).state.last_seen == NOW


def test_a_redelivery_after_the_answer_is_skipped(
    index: ReplyIndex, store: DynamoStore, graph: FakeGraphApi
) -> None:
    bot = responder(index, store, graph)
    assert send(bot, "info", "r-1") is not None
    assert send(bot, "info", "r-1") is None  # e.g. Powertools' record was lost
    assert len(graph.messages()) == 1


def test_every_kind_of_effect_has_its_desk() -> None:
    from typing import get_args

    from puspa_bot.conversation import Effect
    from puspa_bot.responder import DESKS

    assert set(DESKS) == set(get_args(Effect))
