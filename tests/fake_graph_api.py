"""A fake WhatsApp Graph API on 127.0.0.1: records what is sent, answers as told."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeGraphApi:
    """Records every POST; `fail_next` queues (status, error code) answers before the 200s."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    failures: deque[tuple[int, int | None]] = field(default_factory=deque)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """The base URL to use as WHATSAPP_API_BASE."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def messages(self) -> list[dict[str, Any]]:
        """Payloads of sent messages (not read receipts)."""
        return [r["json"] for r in self.requests if r["json"].get("type")]

    def delivered(self) -> list[dict[str, Any]]:
        """Payloads of sent messages that the fake accepted (answered 200)."""
        return [r["json"] for r in self.requests if r["json"].get("type") and r["status"] == 200]

    def reads(self) -> list[str]:
        """Message ids marked as read."""
        return [r["json"]["message_id"] for r in self.requests if r["json"].get("status")]

    def fail_next(self, status: int, code: int | None = None, times: int = 1) -> None:
        """Answer the next `times` requests with an error."""
        self.failures.extend([(status, code)] * times)

    def start(self) -> FakeGraphApi:
        """Listen on a free port of 127.0.0.1 in a background thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                status, code = fake.failures.popleft() if fake.failures else (200, None)
                fake.requests.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization"),
                        "json": body,
                        "status": status,
                    }
                )
                if status == 200:
                    answer = {"messaging_product": "whatsapp", "messages": [{"id": "wamid.out"}]}
                else:
                    answer = {"error": {"message": "fake failure", "code": code or status}}
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                """Log nothing."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.request_queue_size = 128  # takes effect at listen(): set before serving
        self.server.socket.listen(128)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
