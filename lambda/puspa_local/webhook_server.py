"""Serve the Lambda handler over HTTP on 127.0.0.1, translating requests to Function URL events."""

from __future__ import annotations

import base64
import binascii
import json
import sys
import time
import traceback
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .template import function_memory, function_timeout

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

SCHEDULE_PATH = "/schedule"
"""Local only: POST here runs the function as EventBridge's schedule does (the sweep)."""
MAX_BODY = 6 * 1024 * 1024
"""Lambda's limit on a synchronous invocation's request payload (6 MB); larger bodies get 413."""
READ_SECONDS = 30
"""How long a client may take to send its request before the connection is dropped."""
ERROR_RESPONSE: dict[str, Any] = {
    "statusCode": 500,
    "headers": {"Content-Type": "text/plain"},
    "body": "internal error",
}
"""What the webhook answers when the handler fails, dies or runs past its time budget."""


class LocalContext:
    """The parts of a Lambda context the handler uses; the budget counts down from creation.

    The budget is the responder's `Timeout` in infra/template.yaml, as in AWS.
    """

    function_name = "puspa-responder-local"
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:puspa-responder-local"

    def __init__(
        self,
        timeout: float | None = None,
        *,
        request_id: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = float(function_timeout() if timeout is None else timeout)
        self.memory_limit_in_mb = function_memory()
        self.aws_request_id = request_id or str(uuid.uuid4())
        self._clock = clock
        self._deadline = clock() + self.timeout

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left of the invocation's time budget (never negative)."""
        return max(0, int((self._deadline - self._clock()) * 1000))


def describe_error(error: BaseException) -> str:
    """Name an exception and where it was raised, in a few words (no message: it may hold data)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    where = "/".join(Path(last.filename).parts[-2:])
    return f"{type(error).__name__} at {where}:{last.lineno}"


def function_url_event(
    method: str, target: str, headers: dict[str, str], body: bytes
) -> dict[str, Any]:
    """Build the event AWS Lambda gives a function behind a Function URL."""
    url = urlsplit(target)
    try:
        text, encoded = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, encoded = base64.b64encode(body).decode("ascii"), True
    return {
        "version": "2.0",
        "rawPath": url.path,
        "rawQueryString": url.query,
        "queryStringParameters": dict(parse_qsl(url.query)) or None,
        "headers": {name.lower(): value for name, value in headers.items()},
        "requestContext": {"http": {"method": method, "path": url.path, "sourceIp": "127.0.0.1"}},
        "body": text,
        "isBase64Encoded": encoded,
    }


def scheduled_event(body: bytes) -> dict[str, Any]:
    """The event EventBridge's schedule gives the function; `{"time": ISO}` in the body sets
    its time (to try the sweep at a later moment), else now."""
    try:
        asked = json.loads(body or b"{}").get("time")
    except (ValueError, AttributeError):
        asked = None
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "time": asked or now,
        "resources": ["arn:aws:events:local:000000000000:rule/puspa-handover-sweep"],
        "detail": {},
    }


def make_server(port: int, handler: Handler) -> ThreadingHTTPServer:
    """An HTTP server bound to 127.0.0.1:`port` whose /webhook runs `handler(event, context)`."""

    class Request(BaseHTTPRequestHandler):
        timeout = READ_SECONDS

        def __getattr__(self, name: str) -> Any:
            """Every method reaches the handler, as behind a Function URL (it answers 405)."""
            if name.startswith("do_"):
                return lambda: self._run(name[3:])
            raise AttributeError(name)

        def _run(self, method: str) -> None:
            path = urlsplit(self.path).path
            if path not in ("/", "/webhook", SCHEDULE_PATH):
                self._plain(404, "not found")
                return
            body = self._body()
            if body is None:
                return
            if path == SCHEDULE_PATH:
                event = scheduled_event(body)
            else:
                event = function_url_event(method, self.path, dict(self.headers.items()), body)
            try:
                response = handler(event, LocalContext())
            except Exception as error:
                _log(f"webhook: handler failed ({describe_error(error)}); answered 500")
                response = ERROR_RESPONSE
            self._answer(response)

        def _body(self) -> bytes | None:
            """The request body; None once a 4xx has been answered or the client went away."""
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                self._plain(411, "Content-Length required")
                return None
            declared = self.headers.get("Content-Length", "0").strip() or "0"
            if not (declared.isascii() and declared.isdigit()):
                self._plain(400, "bad Content-Length")
                return None
            length = int(declared)
            if length > MAX_BODY:
                self._plain(413, f"request body over {MAX_BODY} bytes")
                return None
            try:
                body = self.rfile.read(length) if length else b""
            except OSError:  # the client was too slow or went away: nobody to answer
                self.close_connection = True
                return None
            if len(body) < length:
                self._plain(400, "request body shorter than its Content-Length")
                return None
            return body

        def _answer(self, response: dict[str, Any]) -> None:
            """Send a Function URL response (status, headers, text or base64 body)."""
            if not isinstance(response, dict) or "statusCode" not in response:
                # Lambda treats any other return value as a JSON body with status 200
                payload = json.dumps(response, default=str).encode("utf-8")
                self._reply(200, {"Content-Type": "application/json"}, payload)
                return
            body = response.get("body") or ""
            try:
                payload = (
                    base64.b64decode(body)
                    if response.get("isBase64Encoded")
                    else str(body).encode("utf-8")
                )
                status = int(response["statusCode"])
            except (ValueError, TypeError, binascii.Error):
                _log("webhook: the handler's response is not a Function URL response; answered 500")
                self._answer(ERROR_RESPONSE)
                return
            self._reply(status, dict(response.get("headers") or {}), payload)

        def _plain(self, status: int, text: str) -> None:
            self.close_connection = True
            self._reply(status, {"Content-Type": "text/plain"}, text.encode("utf-8"))

        def _reply(self, status: int, headers: dict[str, str], payload: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, str(value))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            except OSError:  # the client went away before the answer
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            """Keep the terminal for the bot's own logs."""

    return LocalServer(("127.0.0.1", port), Request)


class LocalServer(ThreadingHTTPServer):
    """A threading HTTP server whose listen backlog takes a burst of webhook deliveries."""

    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say in one line that a request failed (no traceback); a vanished client is no news."""
        error = sys.exc_info()[1]
        if error is None or isinstance(error, ConnectionError | TimeoutError):
            return
        _log(f"webhook: request from {client_address[0]} failed ({describe_error(error)})")


def _log(line: str) -> None:
    """One line on stderr, at once."""
    print(line, file=sys.stderr, flush=True)
