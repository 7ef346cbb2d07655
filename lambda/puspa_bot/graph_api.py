"""Send replies through the WhatsApp Cloud API: POST /{version}/{phone_number_id}/messages."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from typing import Any
from urllib.parse import urlsplit

from .conversation import Reply

PAIR_RATE_LIMIT = 131056
"""Too many messages to the same person: WhatsApp allows about one per 6 seconds."""
PAIR_RATE_WAIT = 6.0
OUTSIDE_24H_WINDOW = 131047
"""More than 24 hours since the person last wrote: only a template may be sent."""
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
REQUEST_TIMEOUT = 5.0
READ_RECEIPT_TIMEOUT = 2.0
"""The blue ticks get one short try: they must never hold up or crowd out a reply."""


class GraphApiError(Exception):
    """A message could not be sent; `retry_later` says whether a later attempt may work."""

    def __init__(self, message: str, code: int | None = None, *, retry_later: bool) -> None:
        """Keep Meta's error code and whether the webhook delivery should be retried."""
        super().__init__(message)
        self.code = code
        self.retry_later = retry_later


@dataclass
class GraphApi:
    """A small client for the messages endpoint, with retries inside a time budget."""

    base: str
    version: str
    access_token: str
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    sent: list[dict[str, Any]] = field(default_factory=list)
    """Payloads accepted by the API, in order (for logs' counts and for tests)."""

    def send(self, phone_number_id: str, to: str, reply: Reply, deadline: float) -> None:
        """Send one reply: interactive when it has that form, else text."""
        payload: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual"}
        payload["to"] = to
        if reply.template is not None:
            payload.update(type="template", template=reply.template)
        elif reply.interactive is not None:
            payload.update(type="interactive", interactive=reply.interactive)
        else:
            payload.update(type="text", text={"preview_url": False, "body": reply.text})
        self._post(phone_number_id, payload, deadline)

    def mark_read(self, phone_number_id: str, message_id: str, deadline: float) -> None:
        """Mark a resident's message as read (the blue ticks): one short try, never retried."""
        payload = {"messaging_product": "whatsapp", "status": "read", "message_id": message_id}
        timeout = min(READ_RECEIPT_TIMEOUT, deadline - self.clock())
        if timeout <= 0:
            raise GraphApiError("no time left for the read receipt", retry_later=False)
        status, code, detail = self._attempt(self._url(phone_number_id), _json(payload), timeout)
        if status != 200:
            raise GraphApiError(detail, code, retry_later=False)
        self.sent.append(payload)

    def _url(self, phone_number_id: str) -> str:
        """The messages endpoint of PUSPA's number."""
        return f"{self.base.rstrip('/')}/{self.version}/{phone_number_id}/messages"

    def _post(self, phone_number_id: str, payload: dict[str, Any], deadline: float) -> None:
        """POST with retries on 5xx/429, network errors and the pair rate limit."""
        url = self._url(phone_number_id)
        body = _json(payload)
        delay = 0.25
        while True:
            timeout = min(REQUEST_TIMEOUT, deadline - self.clock())
            if timeout <= 0:
                raise GraphApiError("no time left to send", retry_later=True)
            status, code, detail = self._attempt(url, body, timeout)
            if status == 200:
                self.sent.append(payload)
                return
            if code == OUTSIDE_24H_WINDOW:
                raise GraphApiError(detail, code, retry_later=False)
            wait = PAIR_RATE_WAIT if code == PAIR_RATE_LIMIT else delay
            retriable = status in RETRIED_STATUSES or status == 0 or code == PAIR_RATE_LIMIT
            if not retriable:
                raise GraphApiError(detail, code, retry_later=False)
            if self.clock() + wait + REQUEST_TIMEOUT > deadline:
                raise GraphApiError(
                    f"gave up within the time budget: {detail}", code, retry_later=True
                )
            self.sleep(wait)
            delay = min(delay * 2, 4.0)

    def _attempt(self, url: str, body: bytes, timeout: float) -> tuple[int, int | None, str]:
        """One request: (HTTP status or 0 for a network error, Meta error code, detail).

        http.client rather than urllib.request: botocore has loaded it already, so sending
        adds nothing to the cold start.
        """
        parts = urlsplit(url)
        connection_class = HTTPSConnection if parts.scheme == "https" else HTTPConnection
        connection = connection_class(parts.netloc, timeout=timeout)
        headers = {
            "Authorization": f"Bearer {self.access_token}",
            "Content-Type": "application/json",
        }
        try:
            connection.request("POST", parts.path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
        except (OSError, HTTPException) as error:
            return 0, None, f"network: {error}"
        finally:
            connection.close()
        if response.status == 200:
            return 200, None, "ok"
        code, detail = _error_of(answer)
        return response.status, code, f"HTTP {response.status}: {detail}"


def _json(payload: dict[str, Any]) -> bytes:
    """A request body (a lone surrogate, which UTF-8 cannot carry, would become '?')."""
    return json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace")


def _error_of(body: bytes) -> tuple[int | None, str]:
    """Meta's error code and message from an error response body, when it has them."""
    try:
        error = json.loads(body)["error"]
        return int(error["code"]), str(error.get("message", ""))
    except (ValueError, KeyError, TypeError):
        return None, body[:200].decode("utf-8", "replace")


@dataclass
class PrintingSender:
    """Stands in for the Graph API when no access token is set: prints, sends nothing."""

    write: Callable[[str], Any] = print
    sent: list[dict[str, Any]] = field(default_factory=list)
    label: bool = True
    """Say that the reply was not sent (off for the terminal chat, where nothing is sent)."""

    def send(self, phone_number_id: str, to: str, reply: Reply, deadline: float) -> None:
        """Print the reply instead of sending it."""
        self.sent.append({"to": to, "text": reply.text})
        if self.label:
            self.write(f"[NOT SENT: no WHATSAPP_ACCESS_TOKEN] reply:\n{reply.text}\n")
        else:
            self.write(f"{reply.text}\n")

    def mark_read(self, phone_number_id: str, message_id: str, deadline: float) -> None:
        """Nothing to mark without the API."""
