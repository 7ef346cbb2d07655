"""The whole over HTTP: `python -m puspa_local.dev` (dynalite + the real handler) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from puspa_bot.signature import sign
from puspa_build.compiler import BuildResult

from .conftest import PROJECT
from .fake_graph_api import FakeGraphApi

SECRET = "integration-secret"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStack:
    """`make dev`'s program, started and stopped by the test."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = int(env["PORT"])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start, and wait until the webhook answers."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "puspa_local.dev"],
            env=self.env,
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the local stack exited"
            try:
                self.get("hub.mode=ping")
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("the local stack did not start")

    def stop(self) -> None:
        """Stop it the way Ctrl+C or a terminal close would (SIGTERM)."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def get(self, query: str) -> tuple[int, str]:
        """GET /webhook?query."""
        return self._call(urllib.request.Request(f"{self.url}?{query}"))

    def post(self, body: bytes, secret: str | None = SECRET) -> tuple[int, str]:
        """POST /webhook, signed with `secret` unless None."""
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Hub-Signature-256"] = sign(body, secret)
        return self._call(urllib.request.Request(self.url, data=body, headers=headers))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def _call(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def stack(
    tmp_path: Path, graph: FakeGraphApi, built: tuple[Path, BuildResult]
) -> Iterator[LocalStack]:
    """The local stack with its own ports and data folder, sending to the fake Graph API."""
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "DYNALITE_PORT": str(free_port()),
        "PUSPA_DEV_DATA": str(tmp_path / "dynalite"),
        "PUSPA_REPLIES": str(built[0] / "replies.json"),
        "WHATSAPP_API_BASE": graph.url,
        "WHATSAPP_ACCESS_TOKEN": "integration-token",
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_VERIFY_TOKEN": "integration-verify",
    }
    env.pop("DYNAMODB_ENDPOINT", None)
    local = LocalStack(env)
    local.start()
    yield local
    local.stop()


def info_payload(message_id: str) -> bytes:
    """A webhook payload carrying 'info' from one resident."""
    payload = json.loads((Path(__file__).with_name("fixtures") / "text_info.json").read_text())
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = message_id
    return json.dumps(payload).encode()


def test_signed_info_gets_the_menu_once_and_unsigned_is_refused(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    assert stack.get("hub.mode=subscribe&hub.verify_token=integration-verify&hub.challenge=7") == (
        200,
        "7",
    )
    assert stack.post(info_payload("wamid.it.1"), secret=None)[0] == 401
    assert stack.post(info_payload("wamid.it.1"), secret="wrong")[0] == 403
    assert graph.requests == []
    assert stack.post(info_payload("wamid.it.1")) == (200, "ok")
    assert stack.post(info_payload("wamid.it.1")) == (200, "ok")
    (sent,) = graph.messages()
    assert sent["type"] == "interactive"
    assert sent["interactive"]["action"]["sections"][0]["title"] == "Menu PUSPA"
    assert graph.reads() == ["wamid.it.1"]


def test_data_survives_a_restart(stack: LocalStack, graph: FakeGraphApi) -> None:
    assert stack.post(info_payload("wamid.it.2"))[0] == 200
    stack.stop()
    stack.start()
    assert stack.post(info_payload("wamid.it.2"))[0] == 200  # already answered before restart
    assert len(graph.messages()) == 1
