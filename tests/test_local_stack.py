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
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from puspa_bot.signature import sign
from puspa_build.compiler import BuildResult

from .conftest import PROJECT
from .fake_graph_api import FakeGraphApi

SECRET = "integration-secret"
STAFF = ("6281100000001", "6281100000002")


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
        "PUSPA_STAFF_NUMBERS": ",".join(STAFF),
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


def text_payload(wa_id: str, message_id: str, text: str) -> bytes:
    """A webhook payload carrying one text message."""
    payload = json.loads((Path(__file__).with_name("fixtures") / "text_info.json").read_text())
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update({"id": message_id, "from": wa_id, "timestamp": str(int(time.time()))})
    message["text"] = {"body": text}
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
        [sys.executable, "-m", "puspa_build.cli", *arguments],
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


def test_a_resident_registers_and_staff_decide_over_the_webhook(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    resident = "6281234567890"
    statuses = [
        stack.post(text_payload(resident, f"wamid.a.{n}", t))[0]
        for n, t in enumerate(form_messages()[:3])
    ]
    assert statuses == [200, 200, 200]
    stack.post(text_payload(resident, "wamid.a.nik", "12345"))
    assert "*16 angka*" in graph.messages()[-1]["text"]["body"]
    for n, text in enumerate(form_messages()[3:]):
        assert stack.post(text_payload(resident, f"wamid.a.rest{n}", text))[0] == 200
    (record,) = signups(stack)
    code = record["code"]
    assert record["answers"]["nik"] == "320106******0002"
    notices = [m for m in graph.messages() if m["to"] in STAFF]
    assert sorted(m["to"] for m in notices) == sorted(STAFF)
    assert all(f"Kode: *{code}*" in m["text"]["body"] for m in notices)
    stack.post(text_payload("6289999999999", "wamid.x.1", f"SETUJUI {code}"))
    assert signups(stack)[0]["status"] == "baru"
    stack.post(text_payload(STAFF[0], "wamid.s.1", f"SETUJUI {code}"))
    assert signups(stack) == []
    told = [m for m in graph.messages() if m["to"] == resident][-1]["text"]["body"]
    assert f"*{code}* *disetujui*" in told


def test_a_hundred_residents_registering_at_once(stack: LocalStack, graph: FakeGraphApi) -> None:
    residents = [f"62812{n:08d}" for n in range(100)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(lambda wa_id: register(stack, wa_id), residents))
    elapsed = time.monotonic() - started
    assert all(status == 200 for statuses in results for status in statuses)
    records = signups(stack)
    assert len(records) == 100
    assert len({r["code"] for r in records}) == 100
    assert sorted(r["resident"] for r in records) == residents
    notices = [m for m in graph.messages() if m["to"] in STAFF]
    assert len(notices) == 200
    print(f"\n100 residents x {len(form_messages())} messages in {elapsed:.1f} s")


def last_text(graph: FakeGraphApi, wa_id: str) -> str:
    """The text of the last message sent to one number."""
    sent = [m for m in graph.messages() if m["to"] == wa_id]
    message = sent[-1]
    if message["type"] == "interactive":
        return message["interactive"]["body"]["text"]
    return message["text"]["body"]


def test_ektp_import_lookup_rate_limit_survey_and_report(
    stack: LocalStack, graph: FakeGraphApi, tmp_path: Path
) -> None:
    ready, unknown = "3201064510900001", "3201060101850002"
    listing = tmp_path / "ektp-jadi.csv"
    listing.write_text(f"NIK;Nama;Tanggal Jadi\n{ready};Siti;25/11/2026\n", encoding="utf-8")
    imported = office_tool(stack, "ektp", "import", str(listing))
    assert "Diimpor: 1 e-KTP" in imported
    assert "Kolom yang diabaikan (tidak disimpan): nama." in imported

    resident = "6281234500001"
    stack.post(text_payload(resident, "wamid.k.1", f"cek ktp {ready}"))
    assert "*e-KTP sudah jadi*" in last_text(graph, resident)
    assert "320106******0001" in last_text(graph, resident)
    stack.post(text_payload(resident, "wamid.k.2", f"cek ktp {unknown}"))
    assert "*belum ada* di daftar" in last_text(graph, resident)
    for n in range(3, 6):
        stack.post(text_payload(resident, f"wamid.k.{n}", unknown))
    assert "*belum ada* di daftar" in last_text(graph, resident)
    stack.post(text_payload(resident, "wamid.k.6", f"cek ktp {ready}"))
    assert "sudah 5 kali dalam 60 menit" in last_text(graph, resident)
    other = "6281234500002"  # the limit is per number
    stack.post(text_payload(other, "wamid.k.7", f"CEK KTP {ready}"))
    assert "*e-KTP sudah jadi*" in last_text(graph, other)

    surveyed = "6281234500003"
    for n, text in enumerate(["SURVEI", "4", "3", "4", "4", "3", "3", "4", "2", "3"]):
        assert stack.post(text_payload(surveyed, f"wamid.skm.{n}", text))[0] == 200
    assert "survei sudah selesai" in last_text(graph, surveyed)

    month = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
    out = tmp_path / "laporan"
    summary = office_tool(stack, "report", "--month", month, "--out", str(out), "--no-pdf")
    assert "IKM 83,33 (B)" in summary
    html = (out / f"laporan-{month}.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 4
    assert "<b>IKM 83,33</b>: mutu <b>B</b> (Baik), dari 1 responden" in html
    assert '<tr><td>Ditolak karena terlalu sering</td><td class="n">1</td></tr>' in html
    assert resident not in html and ready not in html
