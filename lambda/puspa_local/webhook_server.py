"""Serve the Lambda handler over HTTP on 127.0.0.1, translating requests to Function URL events."""

from __future__ import annotations

import base64
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class LocalContext:
    """The parts of a Lambda context the handler uses."""

    function_name = "puspa-responder-local"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:puspa-responder-local"
    aws_request_id = "local"

    def get_remaining_time_in_millis(self) -> int:
        """A Function URL request may run for up to 30 s here."""
        return 30_000


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


def make_server(port: int, handler: Handler) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:`port` whose /webhook runs `handler`."""

    class Request(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._run("GET")

        def do_POST(self) -> None:
            self._run("POST")

        def _run(self, method: str) -> None:
            if urlsplit(self.path).path not in ("/", "/webhook"):
                self._reply(404, {"Content-Type": "text/plain"}, b"not found")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            event = function_url_event(method, self.path, dict(self.headers.items()), body)
            response = handler(event, LocalContext())
            payload = response.get("body", "").encode("utf-8")
            self._reply(response.get("statusCode", 200), response.get("headers", {}), payload)

        def _reply(self, status: int, headers: dict[str, str], payload: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the terminal for the bot's own logs."""

    return LocalServer(("127.0.0.1", port), Request)


class LocalServer(ThreadingHTTPServer):
    """A threading HTTP server whose listen backlog takes a burst of webhook deliveries."""

    request_queue_size = 128
    daemon_threads = True
