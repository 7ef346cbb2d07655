"""The responder's store, on moto's DynamoDB and in memory: both must behave the same."""

from __future__ import annotations

from typing import Any

import pytest
from puspa_bot.conversation import FillingForm, FormProgress, Stage, State
from puspa_bot.signup import APPROVED, NEW, REJECTED
from puspa_bot.store import (
    OUTBOX_TTL,
    STATE_TTL,
    Conversation,
    DynamoStore,
    InFlight,
    MemoryStore,
    Outbox,
    Store,
    stored_state,
)

NOW = 1_800_000_000
RESIDENT = "6281234567890"


@pytest.fixture(params=["dynamodb", "memory"])
def store(request: pytest.FixtureRequest) -> Store:
    """Both implementations."""
    if request.param == "memory":
        return MemoryStore()
    client: Any = request.getfixturevalue("dynamodb")
    return DynamoStore("puspa", client, clock=lambda: NOW)


def signup(code: str, resident: str = RESIDENT) -> dict[str, Any]:
    """A minimal sign-up record."""
    return {
        "code": code,
        "resident": resident,
        "answers": {"nama": "Siti Aminah"},
        "event_date": "2027-01-13",
        "status": NEW,
        "created_at": "2026-12-01T10:00:00+00:00",
        "message_id": f"wamid.{code}",
        "history": [],
        "expires_at": NOW + 100,
    }


def test_a_turn_is_saved_with_the_state_it_was_answered_from(store: Store) -> None:
    assert store.load(RESIDENT) == Conversation()
    first = State(trail=("utama",), last_seen=NOW)
    assert store.take_turn(RESIDENT, Conversation(), "k1", first, NOW)
    loaded = store.load(RESIDENT)
    assert loaded.state == first
    assert loaded.version == 1
    assert loaded.applied == ("k1",)
    assert loaded.in_flight == {"k1": InFlight(State(), NOW)}
    store.finish_turn(RESIDENT, "k1")
    finished = store.load(RESIDENT)
    assert (finished.state, finished.in_flight, finished.applied) == (first, {}, ("k1",))
    assert finished.version == 2  # every write moves the version


def test_a_turn_taken_on_a_stale_conversation_is_refused(store: Store) -> None:
    seen = store.load(RESIDENT)
    assert store.take_turn(RESIDENT, seen, "k1", State(trail=("utama",)), NOW)
    assert not store.take_turn(RESIDENT, seen, "k2", State(trail=("usaha",)), NOW)
    assert store.load(RESIDENT).state.trail == ("utama",)
    again = store.load(RESIDENT)
    assert store.take_turn(RESIDENT, again, "k2", State(trail=("usaha",)), NOW + 1)
    assert store.load(RESIDENT).applied == ("k1", "k2")
    store.finish_turn(RESIDENT, "k1")  # finishing moves the version too: `again` is stale now
    assert not store.take_turn(RESIDENT, again, "k3", State(), NOW + 2)


def test_only_the_latest_message_keys_are_remembered(store: Store) -> None:
    for number in range(20):
        store.take_turn(RESIDENT, store.load(RESIDENT), f"k{number}", State(), NOW)
        store.finish_turn(RESIDENT, f"k{number}")
    assert store.load(RESIDENT).applied == tuple(f"k{n}" for n in range(12, 20))


def test_the_outbox_records_what_was_sent_until_the_turn_is_finished(store: Store) -> None:
    store.take_turn(RESIDENT, Conversation(), "k1", State(), NOW)
    assert store.outbox("k1") == Outbox()
    store.mark_sent("k1", "d1", NOW)
    store.mark_sent("k1", "d2", NOW)
    store.mark_sent("k1", "d1", NOW)
    assert store.outbox("k1").sent == {"d1", "d2"}
    store.finish_turn(RESIDENT, "k1")
    assert store.outbox("k1") == Outbox()


def test_erasing_deletes_what_names_the_resident_and_keeps_the_count(store: Store) -> None:
    store.create_signup(signup("AAAAAAA"))
    store.create_signup(signup("CCCCCCC"))
    store.create_signup(signup("DDDDDDD", resident="6289999999999"))
    store.add_pending("6281100000001", "k0:d", "Pendaftaran Siti", RESIDENT, NOW)
    store.add_pending("6281100000001", "k9:d", "Pendaftaran Budi", "6289999999999", NOW)
    store.add_call("EEEEEEE", RESIDENT, "jam buka?", NOW)
    store.take_turn(RESIDENT, Conversation(), "unfinished", State(), NOW)
    store.mark_sent("unfinished", "d1", NOW)
    store.take_turn(RESIDENT, store.load(RESIDENT), "erase", State(), NOW)
    assert store.erase_resident(RESIDENT, "erase", NOW) == 2
    assert store.get_signup("AAAAAAA") is None and store.get_signup("CCCCCCC") is None
    assert store.get_signup("DDDDDDD") is not None
    assert store.pending_for("6281100000001") == [("k9:d", "Pendaftaran Budi")]
    assert store.list_calls() == []
    assert store.load(RESIDENT) == Conversation()
    assert store.outbox("unfinished") == Outbox()
    assert store.outbox("erase").erased == 2
    assert store.erase_resident(RESIDENT, "erase", NOW) == 2  # a retry tells the same number


def test_a_signup_is_written_once_and_decided_once(store: Store) -> None:
    assert store.create_signup(signup("AAAAAAA"))
    assert not store.create_signup({**signup("AAAAAAA"), "answers": {"nama": "Lain"}})
    stored = store.get_signup("AAAAAAA")
    assert stored is not None and stored["answers"] == {"nama": "Siti Aminah"}
    assert store.get_signup("ZZZZZZZ") is None
    store.create_signup({**signup("CCCCCCC"), "created_at": "2026-12-01T11:00:00+00:00"})
    assert [r["code"] for r in store.list_signups(NEW)] == ["AAAAAAA", "CCCCCCC"]
    decided = store.set_status("AAAAAAA", REJECTED, "kantor", "tanggal bentrok", NOW)
    assert decided is not None and decided["status"] == REJECTED
    assert decided["history"][-1]["reason"] == "tanggal bentrok"
    assert store.set_status("AAAAAAA", APPROVED, "6281100000001", "", NOW) is None
    assert store.set_status("ZZZZZZZ", APPROVED, "kantor", "", NOW) is None
    assert [r["code"] for r in store.list_signups(NEW)] == ["CCCCCCC"]
    assert [r["code"] for r in store.list_signups(REJECTED)] == ["AAAAAAA"]


def test_kept_notices_wait_for_their_recipient(store: Store) -> None:
    store.add_pending("6281100000001", "k1:d", "first", RESIDENT, NOW)
    store.add_pending("6281100000001", "k2:d", "second", RESIDENT, NOW)
    assert store.pending_for("6281100000001") == [("k1:d", "first"), ("k2:d", "second")]
    store.drop_pending("6281100000001", "k1:d")
    assert store.pending_for("6281100000001") == [("k2:d", "second")]
    assert store.pending_for("6281100000002") == []


def test_requests_for_a_person_are_listed_and_closed_once(store: Store) -> None:
    store.add_call("EEEEEEE", RESIDENT, "jam buka?", NOW)
    store.add_call("EEEEEEE", RESIDENT, "jam buka?", NOW)  # a retried message
    store.add_call("FFFFFFF", "6289999999999", "-", NOW + 5)
    assert [call["code"] for call in store.list_calls()] == ["EEEEEEE", "FFFFFFF"]
    assert store.list_calls()[0]["call_status"] == "menunggu"
    closed = store.close_call("EEEEEEE", "kantor", NOW + 60)
    assert closed is not None and closed["call_status"] == "selesai"
    assert store.close_call("EEEEEEE", "kantor", NOW + 61) is None
    assert store.close_call("XXXXXXX", "kantor", NOW) is None


def test_a_conversation_expires_after_a_day_once_finished(dynamodb: Any) -> None:
    now = [float(NOW)]
    store = DynamoStore("puspa", dynamodb, clock=lambda: now[0])
    state = State(options=("menu:kependudukan",), trail=("utama",), at_service=True, last_seen=7)
    store.take_turn("6281", Conversation(), "k1", state, 7)
    key = {"pk": {"S": "CONV#6281"}, "sk": {"S": "STATE"}}
    item = dynamodb.get_item(TableName="puspa", Key=key)["Item"]
    assert int(item["expires_at"]["N"]) == NOW + OUTBOX_TTL  # unfinished: kept for Meta's retry
    store.finish_turn("6281", "k1")
    item = dynamodb.get_item(TableName="puspa", Key=key)["Item"]
    assert int(item["expires_at"]["N"]) == NOW + STATE_TTL
    now[0] += STATE_TTL + 1  # DynamoDB's TTL deletes late; an expired item is already ignored
    expired = store.load("6281")
    assert (expired.state, expired.in_flight) == (State(), {})
    assert store.take_turn("6281", expired, "k2", State(), int(now[0]))  # its version still counts
    assert not store.take_turn("6281", Conversation(), "k3", State(), int(now[0]))


def test_a_conversation_stored_before_versions_is_taken_over(dynamodb: Any) -> None:
    old = {"pk": {"S": "CONV#6281"}, "sk": {"S": "STATE"}, "expires_at": {"N": str(NOW + 60)}}
    dynamodb.put_item(TableName="puspa", Item={**old, "state": {"S": '{"trail":["utama"]}'}})
    store = DynamoStore("puspa", dynamodb, clock=lambda: NOW)
    seen = store.load("6281")
    assert (seen.version, seen.state.trail) == (0, ("utama",))
    assert store.take_turn("6281", seen, "k1", State(), NOW)


def test_unreadable_stored_state_is_a_new_conversation_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert stored_state("") == State()
    with caplog.at_level("WARNING", logger="puspa"):
        assert stored_state("not json") == State()
        assert stored_state('{"v": 2, "options": 3, "last_question": "NIK 3201"}') == State()
    assert len(caplog.records) == 2
    assert "3201" not in caplog.text  # what it held never reaches the log


def test_a_state_stored_before_modes_loads_migrated(dynamodb: Any) -> None:
    before = (
        '{"options":["layanan:kk"],"last_seen":1799999000,"form":{"stage":"ask","step":2,'
        '"answers":{"nama":"Siti"},"editing":false,"active":true},"helpful_asked":true}'
    )
    dynamodb.put_item(
        TableName="puspa",
        Item={
            "pk": {"S": f"CONV#{RESIDENT}"},
            "sk": {"S": "STATE"},
            "state": {"S": before},
            "version": {"N": "3"},
            "expires_at": {"N": str(NOW + 100)},
        },
    )
    seen = DynamoStore("puspa", dynamodb, clock=lambda: NOW).load(RESIDENT)
    assert seen.version == 3
    assert seen.state.mode == FillingForm(FormProgress(Stage.ASK, 2, {"nama": "Siti"}))
    assert (seen.state.options, seen.state.helpful_asked) == (("layanan:kk",), True)


def test_store_keys_are_the_ones_the_table_definition_declares() -> None:
    from puspa_bot.store import PK, SK, TTL
    from puspa_local.tables import table_definition

    definition = table_definition()
    assert [k["AttributeName"] for k in definition["KeySchema"]] == [PK, SK]
    assert definition["TimeToLiveAttribute"] == TTL
