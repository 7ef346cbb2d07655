"""The local webhook server: the Lambda context it gives, and how it takes malformed HTTP."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from puspa_local.template import CloudFormationLoader, function_property, function_timeout
from puspa_local.webhook_server import MAX_BODY, LocalContext, make_server

from ..local_stack import free_port
from ..test_infra import template


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_local_budget_is_the_templates_timeout() -> None:
    timeout = template()["Resources"]["ResponderFunction"]["Properties"]["Timeout"]
    assert function_timeout() == timeout
    assert LocalContext().timeout == timeout
    assert LocalContext(clock=Clock()).get_remaining_time_in_millis() == timeout * 1000
    assert 0 < LocalContext().get_remaining_time_in_millis() <= timeout * 1000


def test_the_budget_counts_down_from_when_the_request_started() -> None:
    clock = Clock()
    context = LocalContext(clock=clock)
    clock.now += 7.25
    assert context.get_remaining_time_in_millis() == (function_timeout() - 7.25) * 1000
    later = LocalContext(clock=clock)  # a request that starts now has its whole budget
    assert later.get_remaining_time_in_millis() == function_timeout() * 1000
    clock.now += function_timeout()
    assert context.get_remaining_time_in_millis() == 0
    assert LocalContext(2.5, clock=clock).get_remaining_time_in_millis() == 2500


def test_each_context_is_its_own_invocation() -> None:
    first, second = LocalContext(), LocalContext()
    assert first.aws_request_id != second.aws_request_id
    assert (
        first.memory_limit_in_mb
        == template()["Resources"]["ResponderFunction"]["Properties"]["MemorySize"]
    )
    assert LocalContext(request_id="abc").aws_request_id == "abc"


def test_the_template_reader_takes_any_short_tag_and_globals(tmp_path: Path) -> None:
    import yaml

    text = "A: !Ref X\nB: !If [C, !GetAtt D.Arn, !Ref AWS::NoValue]\nE: !Sub\n  - x\n  - {}\n"
    assert yaml.load(text, Loader=CloudFormationLoader) == {
        "A": {"Ref": "X"},
        "B": {"If": ["C", {"GetAtt": "D.Arn"}, {"Ref": "AWS::NoValue"}]},
        "E": {"Sub": ["x", {}]},
    }
    inherited = tmp_path / "globals.yaml"
    inherited.write_text(
        "Globals:\n  Function:\n    Timeout: 7\n"
        "Resources:\n  ResponderFunction:\n    Properties:\n      Role: !GetAtt R.Arn\n"
    )
    assert function_property("Timeout", 3, inherited) == 7
    bare = tmp_path / "bare.yaml"
    bare.write_text("Resources:\n  ResponderFunction:\n    Type: AWS::Serverless::Function\n")
    assert function_property("Timeout", 3, bare) == 3


@pytest.fixture
def served() -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """A local server whose handler records each event; fails on a body of 'boom'."""
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        if event["body"] == "boom":
            raise RuntimeError("a message that may hold 3201064510900001")
        return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "ok"}

    port = free_port()
    server = make_server(port, handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield port, events
    server.shutdown()
    server.server_close()


def raw(port: int, request: bytes, close_write: bool = False) -> str:
    """Send raw bytes to the server; the status line of its answer ('' if none)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        if close_write:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.decode("latin-1").split("\r\n", 1)[0]


def test_the_server_turns_requests_into_function_url_events(
    served: tuple[int, list[dict[str, Any]]],
) -> None:
    port, events = served
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook?a=1", data=b"{}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert (response.status, response.read()) == (200, b"ok")
    (event,) = events
    assert event["requestContext"]["http"]["method"] == "POST"
    assert (event["rawPath"], event["queryStringParameters"], event["body"]) == (
        "/webhook",
        {"a": "1"},
        "{}",
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/elsewhere", timeout=10)
    assert error.value.code == 404


def test_every_method_reaches_the_handler_as_behind_a_function_url(
    served: tuple[int, list[dict[str, Any]]],
) -> None:
    port, events = served
    for method in ("PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"):
        request = f"{method} /webhook HTTP/1.1\r\nContent-Length: 0\r\n\r\n".encode()
        assert raw(port, request) == "HTTP/1.0 200 OK"
    head = b"HEAD /webhook HTTP/1.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head)
        answer = b"".join(iter(lambda: connection.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.0 200 OK") and answer.endswith(b"\r\n\r\n")  # no body
    methods = [event["requestContext"]["http"]["method"] for event in events]
    assert methods == ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD"]


def test_a_failing_handler_is_a_500_and_one_line_without_traceback(
    served: tuple[int, list[dict[str, Any]]], capfd: pytest.CaptureFixture[str]
) -> None:
    port, _ = served
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", data=b"boom")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 500
    err = capfd.readouterr().err
    assert err.splitlines() == [
        f"webhook: handler failed (RuntimeError at local/test_webhook_server.py:"
        f"{_line_of('raise RuntimeError')}); answered 500"
    ]
    assert "3201064510900001" not in err


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"POST /webhook HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "400"),
        (b"POST /webhook HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "400"),
        (f"POST /webhook HTTP/1.1\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n".encode(), "413"),
        (b"POST /webhook HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", "413"),
        (b"POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n", "411"),
        (b"GET /web hook HTTP/1.1\r\n\r\n", "400"),
        (b"POST /webhook HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", "431"),
    ],
)
def test_malformed_http_gets_a_4xx_and_never_reaches_the_handler(
    served: tuple[int, list[dict[str, Any]]],
    capfd: pytest.CaptureFixture[str],
    request_bytes: bytes,
    status: str,
) -> None:
    port, events = served
    assert raw(port, request_bytes).split(" ")[1] == status
    assert events == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_body_shorter_than_its_length_is_refused(
    served: tuple[int, list[dict[str, Any]]], capfd: pytest.CaptureFixture[str]
) -> None:
    port, events = served
    request = b"POST /webhook HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort"
    assert raw(port, request, close_write=True).split(" ")[1] == "400"
    assert events == []
    assert capfd.readouterr().err == ""


def _line_of(needle: str) -> int:
    """The line of this file where `needle` first occurs."""
    text = Path(__file__).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1
