"""The Lambda webhook with moto's DynamoDB and a fake Graph API over real HTTP."""

from __future__ import annotations

import copy
import importlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from puspa_bot.privacy import message_key
from puspa_bot.signature import sign
from puspa_local.tables import create_table_arguments
from puspa_local.webhook_server import LocalContext, function_url_event
from puspa_release.dist import BuildResult

from ..conftest import fail_once
from ..fake_graph_api import FakeGraphApi

SECRET = "app-secret-for-tests"
VERIFY = "verify-token-for-tests"
TABLE = "puspa-test"
FIXTURES = Path(__file__).parents[1] / "fixtures"
RESIDENT = "6281234567890"


def create_table(client: Any, name: str) -> None:
    """Create the table from the single definition in infra/table.json."""
    client.create_table(**create_table_arguments(name))


@pytest.fixture
def handler(
    monkeypatch: pytest.MonkeyPatch, graph: FakeGraphApi, built: tuple[Path, BuildResult]
) -> Iterator[ModuleType]:
    """The handler module, imported fresh against moto's DynamoDB and the fake Graph API."""
    env = {
        "WHATSAPP_VERIFY_TOKEN": VERIFY,
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_ACCESS_TOKEN": "token-for-tests",
        "WHATSAPP_API_BASE": graph.url,
        "WHATSAPP_API_VERSION": "v23.0",
        "PUSPA_TABLE": TABLE,
        "PUSPA_REPLIES": str(built[0] / "replies.json"),
        "AWS_REGION": "ap-southeast-3",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "POWERTOOLS_METRICS_NAMESPACE": "PUSPA",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DYNAMODB_ENDPOINT", raising=False)
    with mock_aws():
        create_table(boto3.client("dynamodb", region_name="ap-southeast-3"), TABLE)
        import puspa_bot.handler as module

        yield importlib.reload(module)


def post(handler: ModuleType, payload: Any, secret: str | None = SECRET) -> dict[str, Any]:
    """POST a payload to the handler as a Function URL event, signed unless told otherwise."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"content-type": "application/json"}
    if secret is not None:
        headers["X-Hub-Signature-256"] = sign(body, secret)
    event = function_url_event("POST", "/webhook", headers, body)
    return handler.lambda_handler(event, LocalContext())


def get(handler: ModuleType, query: dict[str, str]) -> dict[str, Any]:
    """GET the webhook with query parameters."""
    event = function_url_event("GET", f"/webhook?{urlencode(query)}", {}, b"")
    return handler.lambda_handler(event, LocalContext())


def fixture(name: str) -> dict[str, Any]:
    """A sample webhook payload from tests/fixtures/."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


def message(kind: str, body: dict[str, Any], message_id: str = "wamid.test.1") -> dict[str, Any]:
    """The sample payload carrying one message of another type."""
    payload = fixture("text_info")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message.pop("text")
    message.update({"type": kind, "id": message_id, kind: body})
    return payload


def answers(graph: FakeGraphApi) -> list[dict[str, Any]]:
    """The messages sent, without the 'membantu?' buttons that may follow a service's answer."""
    return [m for m in graph.messages() if m.get("interactive", {}).get("type") != "button"]


def test_meta_verification_echoes_the_challenge(handler: ModuleType) -> None:
    ok = get(handler, {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "42"})
    assert (ok["statusCode"], ok["body"]) == (200, "42")
    assert ok["headers"]["Content-Type"] == "text/plain"
    wrong = get(handler, {"hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "1"})
    assert wrong["statusCode"] == 403
    assert get(handler, {"hub.verify_token": VERIFY, "hub.challenge": "1"})["statusCode"] == 403


def test_unsigned_or_badly_signed_posts_are_refused_and_not_processed(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    assert post(handler, fixture("text_info"), secret=None)["statusCode"] == 401
    assert post(handler, fixture("text_info"), secret="wrong-secret")["statusCode"] == 403
    assert graph.requests == []


def test_malformed_json_is_a_400(handler: ModuleType, graph: FakeGraphApi) -> None:
    assert post(handler, b'{"entry": [')["statusCode"] == 400
    assert graph.requests == []


def test_info_gets_the_menu_as_a_list_and_the_message_is_marked_read(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    payload = fixture("text_info")
    assert post(handler, payload)["statusCode"] == 200
    (sent,) = graph.messages()
    assert sent["to"] == RESIDENT
    assert sent["type"] == "interactive"
    assert sent["interactive"] == handler.index.menus["utama"]["pages"][0]
    assert graph.reads() == [payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]]
    assert graph.requests[0]["path"] == "/v23.0/106540352242922/messages"
    assert graph.requests[0]["auth"] == "Bearer token-for-tests"


def test_a_duplicate_delivery_is_answered_once(handler: ModuleType, graph: FakeGraphApi) -> None:
    payload = fixture("text_info")
    assert post(handler, payload)["statusCode"] == 200
    assert post(handler, copy.deepcopy(payload))["statusCode"] == 200
    assert len(graph.messages()) == 1


def test_conversation_state_carries_the_menu_to_the_next_message(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    post(handler, fixture("text_info"))
    reply = message("text", {"body": "1"}, message_id="wamid.test.2")
    post(handler, reply)
    assert graph.messages()[-1]["interactive"] == handler.index.menus["kependudukan"]["pages"][0]


def test_batched_entries_and_messages_are_each_answered(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    payload = fixture("text_info")
    value = payload["entry"][0]["changes"][0]["value"]
    second = copy.deepcopy(value["messages"][0])
    second.update(id="wamid.batch.2", text={"body": "syarat kk"})
    value["messages"].append(second)
    other_entry = copy.deepcopy(payload["entry"][0])
    other_entry["changes"][0]["value"]["messages"][0].update(
        id="wamid.batch.3", **{"from": "6289876543210"}
    )
    payload["entry"].append(other_entry)
    assert post(handler, payload)["statusCode"] == 200
    sent = answers(graph)
    assert [m["to"] for m in sent] == [RESIDENT, RESIDENT, "6289876543210"]
    assert sent[1]["text"]["body"] == handler.index.services["kartu-keluarga"]["reply"]


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        (
            "interactive",
            {"type": "list_reply", "list_reply": {"id": "layanan:kia", "title": "KIA"}},
            "service",
        ),
        (
            "interactive",
            {"type": "button_reply", "button_reply": {"id": "menu:usaha", "title": "U"}},
            "menu",
        ),
        ("button", {"text": "INFO", "payload": "INFO"}, "menu"),
        ("image", {"id": "media-1", "mime_type": "image/jpeg"}, "not_text"),
        ("audio", {"id": "media-2", "voice": True}, "not_text"),
        ("sticker", {"id": "media-3", "animated": False}, "not_text"),
        ("location", {"latitude": -6.47, "longitude": 107.06}, "not_text"),
        ("video", {"id": "media-4"}, "not_text"),
        ("document", {"id": "media-5", "filename": "kk.pdf"}, "not_text"),
        ("unsupported", {}, "not_text"),
    ],
)
def test_every_message_type_gets_a_fitting_reply(
    handler: ModuleType, graph: FakeGraphApi, kind: str, body: dict[str, Any], expected: str
) -> None:
    assert post(handler, message(kind, body))["statusCode"] == 200
    (sent,) = answers(graph)
    if expected == "service":
        assert sent["text"]["body"] == handler.index.services["kia"]["reply"]
    elif expected == "menu":
        assert sent["type"] == "interactive"
    else:
        assert sent["text"]["body"] == handler.index.texts["not_text"]


def test_reactions_and_status_updates_get_no_reply(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    reaction = message("reaction", {"message_id": "wamid.x", "emoji": "👍"})
    assert post(handler, reaction)["statusCode"] == 200
    assert post(handler, fixture("status_read"))["statusCode"] == 200
    assert graph.requests == []


def test_a_graph_api_hiccup_is_retried_and_answered_once(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    graph.fail_next(503, times=2)
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.messages()) == 3  # two failed attempts, then the reply
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.messages()) == 3


def test_a_graph_api_outage_asks_meta_to_retry_and_the_retry_answers(
    handler: ModuleType, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handler, "SAFETY_MARGIN", 29.0)  # a budget too short to wait
    graph.fail_next(500, times=1)
    assert post(handler, fixture("text_info"))["statusCode"] == 500
    monkeypatch.setattr(handler, "SAFETY_MARGIN", 1.5)
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert graph.messages()[-1]["type"] == "interactive"


def test_outside_the_24_hour_window_nothing_is_retried(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    graph.fail_next(400, code=131047)
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.messages()) == 1


def test_phone_numbers_never_reach_the_logs(handler: ModuleType) -> None:
    stream = io.StringIO()
    handler.logger.registered_handler.setStream(stream)
    post(handler, message("text", {"body": f"nomor saya {RESIDENT}, syarat kk?"}))
    graph_outage = message("text", {"body": "info"}, message_id="wamid.test.9")
    handler.logger.warning(f"debug of {RESIDENT}", extra={"note": "any log line"})
    post(handler, graph_outage)
    logs = stream.getvalue()
    assert '"message":"answered"' in logs
    assert f'"correlation_id":"{message_key("", "wamid.test.1")}"' in logs
    assert "wamid" not in logs  # a message id carries the sender's number in base64
    assert RESIDENT not in logs
    assert "debug of <angka>" in logs


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)
KEYS = st.sampled_from(
    [
        "entry",
        "changes",
        "value",
        "messages",
        "metadata",
        "phone_number_id",
        "from",
        "id",
        "type",
        "text",
        "body",
        "interactive",
        "list_reply",
        "button",
        "statuses",
        "timestamp",
    ]
)
# Payloads shaped like webhooks but with any values in any place.
WEBHOOK_LIKE = st.recursive(
    JSON,
    lambda children: st.dictionaries(KEYS, children, max_size=5) | st.lists(children, max_size=3),
    max_leaves=40,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=WEBHOOK_LIKE)
def test_no_payload_shape_makes_the_handler_raise_or_fail(
    handler: ModuleType, payload: Any
) -> None:
    assert post(handler, payload)["statusCode"] == 200


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=200))
def test_any_signed_body_gets_200_or_400(handler: ModuleType, body: bytes) -> None:
    assert post(handler, body)["statusCode"] in (200, 400)


def test_a_dynamodb_failure_after_the_reply_is_retried_without_a_second_reply(
    handler: ModuleType, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = handler.responder.store
    fail_once(monkeypatch, store, "finish_turn", "InternalServerError")
    assert post(handler, fixture("text_info"))["statusCode"] == 500  # Meta will retry
    assert len(graph.messages()) == 1
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.messages()) == 1  # the retry found the reply already sent
    assert store.load(RESIDENT).state.trail == ("utama",)  # and the state is saved now


def test_a_dynamodb_failure_before_anything_is_sent_is_answered_on_the_retry(
    handler: ModuleType, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = handler.responder.store
    fail_once(monkeypatch, store, "load", "ProvisionedThroughputExceededException")
    assert post(handler, fixture("text_info"))["statusCode"] == 500
    assert graph.messages() == []
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.messages()) == 1


def test_headers_and_tokens_outside_ascii_are_refused_not_errors(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    body = json.dumps(fixture("text_info")).encode()
    event = function_url_event(
        "POST", "/webhook", {"X-Hub-Signature-256": "sha256=" + "é" * 64}, body
    )
    assert handler.lambda_handler(event, LocalContext())["statusCode"] == 403
    query = {"hub.mode": "subscribe", "hub.verify_token": "tökén", "hub.challenge": "1"}
    assert get(handler, query)["statusCode"] == 403
    assert graph.requests == []


def test_json_nested_beyond_reason_is_a_400(handler: ModuleType) -> None:
    assert post(handler, b"[" * 100_000 + b"]" * 100_000)["statusCode"] == 400
    assert post(handler, b'{"a":' * 50_000 + b"1" + b"}" * 50_000)["statusCode"] == 400


def test_a_body_that_is_not_base64_as_announced_is_a_400(handler: ModuleType) -> None:
    event = function_url_event("POST", "/webhook", {"X-Hub-Signature-256": "sha256=00"}, b"")
    event.update(body="not base64!", isBase64Encoded=True)
    assert handler.lambda_handler(event, LocalContext())["statusCode"] == 400


def test_the_handler_never_raises(
    handler: ModuleType, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(event: Any, deadline: float) -> Any:
        raise RuntimeError("a defect")

    monkeypatch.setattr(handler, "webhook", broken)
    assert post(handler, fixture("text_info"))["statusCode"] == 500  # Meta retries later


@pytest.mark.parametrize("timestamp", ["1" + "0" * 18, "-86400", None, "kemarin"])
def test_an_absurd_timestamp_is_answered_and_never_breaks_the_next_message(
    handler: ModuleType, graph: FakeGraphApi, timestamp: str | None
) -> None:
    payload = message("text", {"body": "info"}, message_id="wamid.odd")
    odd = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    if timestamp is None:
        del odd["timestamp"]
    else:
        odd["timestamp"] = timestamp
    assert post(handler, payload)["statusCode"] == 200
    assert (
        post(handler, message("text", {"body": "1"}, message_id="wamid.next"))["statusCode"] == 200
    )
    assert answers(graph)[-1]["interactive"] == handler.index.menus["kependudukan"]["pages"][0]


def test_read_receipts_never_hold_up_the_reply_in_an_outage(
    handler: ModuleType, graph: FakeGraphApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handler, "SAFETY_MARGIN", 17.0)  # 3 s left of the 20 s budget
    graph.fail_next(503, times=1000)
    assert post(handler, fixture("text_info"))["statusCode"] == 500
    assert graph.reads() == []  # the reply is tried first; without it, no blue ticks either
    assert graph.requests and all(r["json"].get("type") for r in graph.requests)
    graph.failures.clear()
    graph.fail_next(200)  # the reply
    graph.fail_next(503, times=10)  # the blue ticks fail: tried once, not retried
    assert post(handler, fixture("text_info"))["statusCode"] == 200
    assert len(graph.reads()) == 1


def emitted_metrics(output: str) -> list[dict[str, Any]]:
    """The CloudWatch EMF objects Powertools printed."""
    return [json.loads(line) for line in output.splitlines() if '"_aws"' in line]


def test_only_unanswered_questions_count_as_unmatched(
    handler: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    post(handler, message("text", {"body": "resep rendang kambing"}, message_id="wamid.m.0"))
    (unmatched,) = emitted_metrics(capsys.readouterr().out)
    assert unmatched["Unmatched"] == [1.0]
    texts = ["syarat kk", "STATUS ACDEFGH", "PETUGAS", "survei", "4"]
    for number, text in enumerate(texts, start=1):
        post(handler, message("text", {"body": text}, message_id=f"wamid.m.{number}"))
    answered = emitted_metrics(capsys.readouterr().out)
    assert [m["Messages"] for m in answered] == [[1.0]] * 5
    assert not any("Unmatched" in m for m in answered)
    assert {m["service"] for m in answered} == {"puspa"}  # the dimension, never a service id
    assert answered[0]["answered_service"] == "kartu-keluarga"


def test_the_scheduled_sweep_closes_a_handover_nobody_answered(
    handler: ModuleType, graph: FakeGraphApi
) -> None:
    from datetime import UTC, datetime

    from puspa_local.webhook_server import scheduled_event

    handler.responder.staff = frozenset({"6281100000001"})
    payload = fixture("text_info")
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["text"]["body"] = "PETUGAS"
    assert post(handler, payload)["statusCode"] == 200
    (case,) = handler.responder.store.handovers.list_all()
    early = datetime.fromtimestamp(case["deadline"] - 60, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    due = datetime.fromtimestamp(case["deadline"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sweep = scheduled_event(json.dumps({"time": early}).encode())
    assert handler.lambda_handler(sweep, LocalContext()) == {"expired_messages": 0}
    before = len(graph.messages())
    sweep = scheduled_event(json.dumps({"time": due}).encode())
    assert handler.lambda_handler(sweep, LocalContext()) == {"expired_messages": 2}
    told = {m["to"]: m["text"]["body"] for m in graph.messages()[before:]}
    assert told[RESIDENT].startswith("Mohon maaf, belum ada petugas yang dapat menjawab")
    assert told["6281100000001"].startswith(f"Kasus *{case['ref']}* ditutup otomatis")
