"""`make dev`'s program as a test fixture: started on free ports of 127.0.0.1, stopped after.

Shared by the tests that talk to the whole stack over HTTP (local/test_dev_http.py, the fuzz).
Everything the stack prints goes to a log file, so a test can check it for tracebacks.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from puspa_bot import paths
from puspa_bot.signature import sign

from .fake_graph_api import FakeGraphApi

PROJECT = paths.PROJECT

SECRET = "integration-secret"
STAFF = ("6281100000001", "6281100000002")
FIXTURES = Path(__file__).with_name("fixtures")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStack:
    """`make dev`'s program, started and stopped by the test; its output in `log`."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.port = int(env["PORT"])
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start, and wait until the webhook answers."""
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "puspa_local.dev"],
                env=self.env,
                cwd=PROJECT,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the local stack exited:\n{self.output()}"
            try:
                self.get("hub.mode=ping")
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("the local stack did not start")

    def stop(self) -> None:
        """Stop it the way Ctrl+C or a terminal close would (SIGTERM)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def output(self) -> str:
        """Everything the stack printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def get(self, query: str) -> tuple[int, str]:
        """GET /webhook?query."""
        return self._call(urllib.request.Request(f"{self.url}?{query}"))

    def post(self, body: bytes, secret: str | None = SECRET) -> tuple[int, str]:
        """POST /webhook, signed with `secret` unless None."""
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Hub-Signature-256"] = sign(body, secret)
        return self._call(urllib.request.Request(self.url, data=body, headers=headers))

    def schedule(self, at: int) -> tuple[int, str]:
        """POST /schedule: run the function as EventBridge's schedule would, at time `at`."""
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))
        body = json.dumps({"time": when}).encode()
        address = self.url.replace("/webhook", "/schedule")
        return self._call(urllib.request.Request(address, data=body))

    @property
    def url(self) -> str:
        """The webhook's address."""
        return f"http://127.0.0.1:{self.port}/webhook"

    @property
    def dynamodb_endpoint(self) -> str:
        """The stack's dynalite."""
        return f"http://127.0.0.1:{self.env['DYNALITE_PORT']}"

    def _call(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def stack_env(tmp_path: Path, graph_url: str, replies: Path) -> dict[str, str]:
    """The environment of a stack with its own ports and data folder, sending to `graph_url`."""
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "DYNALITE_PORT": str(free_port()),
        "PUSPA_DEV_DATA": str(tmp_path / "dynalite"),
        "PUSPA_REPLIES": str(replies),
        "WHATSAPP_API_BASE": graph_url,
        "WHATSAPP_ACCESS_TOKEN": "integration-token",
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_VERIFY_TOKEN": "integration-verify",
        "PUSPA_STAFF_NUMBERS": ",".join(STAFF),
    }
    env.pop("DYNAMODB_ENDPOINT", None)
    return env


def text_payload(wa_id: str, message_id: str, text: str, timestamp: int | None = None) -> bytes:
    """A webhook payload carrying one text message (sent now unless `timestamp` says)."""
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    when = int(time.time()) if timestamp is None else timestamp
    message.update({"id": message_id, "from": wa_id, "timestamp": str(when)})
    message["text"] = {"body": text}
    payload["entry"][0]["changes"][0]["value"]["contacts"][0]["wa_id"] = wa_id
    return json.dumps(payload).encode()


def info_payload(message_id: str) -> bytes:
    """A webhook payload carrying 'info' from the fixture's resident."""
    payload = json.loads((FIXTURES / "text_info.json").read_text())
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = message_id
    return json.dumps(payload).encode()


def form_messages() -> list[str]:
    """Everything a resident types to register, the event two months ahead."""
    event = date.today() + timedelta(days=60)
    return [
        "daftar resepsi",
        "ya",
        "Siti Aminah",
        "3201065208900002",
        "1",
        event.strftime("%d-%m-%Y"),
        "Jonggol",
        "3/5",
        "Kp. Babakan",
        "300",
        "tidak ada",
        "YA",
    ]


def register(stack: LocalStack, wa_id: str) -> list[int]:
    """One resident goes through the whole form; the HTTP statuses of their messages."""
    return [
        stack.post(text_payload(wa_id, f"wamid.{wa_id}.{n}", text))[0]
        for n, text in enumerate(form_messages())
    ]


def office_tool(stack: LocalStack, *arguments: str, check: bool = True) -> str:
    """Run `puspa <arguments>` against the stack's dynalite, as the office computer does."""
    run = subprocess.run(
        [sys.executable, "-m", "puspa_cli.main", *arguments],
        env={
            **stack.env,
            "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{stack.env['DYNALITE_PORT']}",
            "PUSPA_TABLE": "puspa-local",
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
        },
        capture_output=True,
        text=True,
        check=check,
        cwd=PROJECT,
    )
    return run.stdout + run.stderr


def signups(stack: LocalStack) -> list[dict[str, Any]]:
    """Every sign-up waiting for a decision, read from dynalite as the office tools do."""
    listing = office_tool(stack, "resepsi", "list", "--status", "baru", "--json")
    return json.loads(listing[: listing.rindex("]") + 1])


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (read from Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def command_line(pid: int) -> str:
    """The command line of process `pid` ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def gone(pid: int) -> bool:
    """True once process `pid` has ended (a zombie nobody has reaped yet counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def listening(port: int) -> bool:
    """True if something accepts connections on 127.0.0.1:`port`."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait until `condition()` holds; fail naming `what` after `seconds` (a generous bound)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:g} s for {what}")
        time.sleep(0.05)


def last_text(graph: FakeGraphApi, wa_id: str) -> str:
    """The text of the last message sent to one number."""
    sent = [m for m in graph.messages() if m["to"] == wa_id]
    message = sent[-1]
    if message["type"] == "interactive":
        return message["interactive"]["body"]["text"]
    return message["text"]["body"]
