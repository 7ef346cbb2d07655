"""`make dev`'s lifecycle: busy ports refused, dynalite bound to it, workers isolated."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import pytest
from puspa_local.dynalite import log_path, start_dynalite, stop_dynalite
from puspa_release.dist import BuildResult

from ..fake_graph_api import FakeGraphApi
from ..local_stack import (
    PROJECT,
    LocalStack,
    children,
    command_line,
    free_port,
    gone,
    listening,
    stack_env,
    text_payload,
    wait_until,
)


def run_dev(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `make dev`'s program to its end (it must refuse to start)."""
    return subprocess.run(
        [sys.executable, "-m", "puspa_local.dev"],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def env(tmp_path: Path, graph: FakeGraphApi, built: tuple[Path, BuildResult]) -> dict[str, str]:
    """The environment of a stack with its own free ports and data folder."""
    return stack_env(tmp_path, graph.url, built[0] / "replies.json")


@pytest.fixture
def other_dynalite(tmp_path: Path) -> Iterator[tuple[int, Any]]:
    """Someone else's dynalite on a free port, holding a table with one item."""
    port = free_port()
    process = start_dynalite(port, tmp_path / "theirs")
    client = boto3.client(
        "dynamodb",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="ap-southeast-3",
        aws_access_key_id="other",
        aws_secret_access_key="other",
    )
    client.create_table(
        TableName="theirs",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.put_item(TableName="theirs", Item={"id": {"S": "their-data"}})
    yield port, client
    stop_dynalite(process)


def test_a_busy_dynalite_port_is_refused_and_the_other_server_is_untouched(
    env: dict[str, str], other_dynalite: tuple[int, Any], tmp_path: Path
) -> None:
    port, theirs = other_dynalite
    run = run_dev({**env, "DYNALITE_PORT": str(port)})
    assert run.returncode != 0
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"make dev: port {port} (DYNALITE_PORT) on 127.0.0.1 is already in use")
    assert "choose another port, e.g. `DYNALITE_PORT=" in line
    assert run.stdout == ""
    assert theirs.list_tables()["TableNames"] == ["theirs"]  # no puspa-local table made in it
    assert theirs.scan(TableName="theirs")["Items"] == [{"id": {"S": "their-data"}}]
    assert not (tmp_path / "dynalite").exists()  # our own dynalite never started
    assert not listening(int(env["PORT"]))


def test_a_busy_webhook_port_is_refused_in_one_line(env: dict[str, str], tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", int(env["PORT"])))
        taken.listen()
        run = run_dev(env)
    assert run.returncode != 0
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"make dev: port {env['PORT']} (PORT) on 127.0.0.1 is already in use")
    assert not (tmp_path / "dynalite").exists()
    assert not listening(int(env["DYNALITE_PORT"]))


def test_malformed_settings_are_one_line(env: dict[str, str]) -> None:
    for name, value in (("PORT", "80a"), ("DYNALITE_PORT", "70000"), ("PUSPA_DEV_WORKERS", "0")):
        run = run_dev({**env, name: value})
        assert run.returncode != 0
        (line,) = run.stderr.splitlines()
        assert line.startswith(f"make dev: {name} must be")
    run = run_dev({**env, "PORT": env["DYNALITE_PORT"]})
    assert run.stderr.splitlines() == [
        f"make dev: PORT and DYNALITE_PORT are both {env['DYNALITE_PORT']}; give them two ports"
    ]


def processes(stack: LocalStack) -> tuple[int, list[int]]:
    """The stack's dynalite and its worker processes."""
    assert stack.process is not None
    kids = children(stack.process.pid)
    (dynalite,) = [pid for pid in kids if "dynalite" in command_line(pid)]
    workers = [pid for pid in kids if "puspa_local.workers" in command_line(pid)]
    assert len(workers) == 4
    return dynalite, workers


def test_kill_9_of_make_dev_stops_dynalite_and_the_workers(stack: LocalStack) -> None:
    dynalite, workers = processes(stack)
    port = int(stack.env["DYNALITE_PORT"])
    assert listening(port)
    assert stack.process is not None
    stack.process.kill()
    stack.process.wait()
    wait_until(lambda: gone(dynalite) and not listening(port), "dynalite to stop", 15)
    wait_until(lambda: all(gone(pid) for pid in workers), "the workers to stop", 15)
    assert not listening(stack.port)


def test_make_dev_stops_with_a_clear_message_when_dynalite_dies(stack: LocalStack) -> None:
    dynalite, workers = processes(stack)
    os.kill(dynalite, signal.SIGKILL)
    assert stack.process is not None
    assert stack.process.wait(timeout=30) == 1
    output = stack.output()
    assert "make dev: dynalite stopped (status -9), so the webhook has no table" in output
    assert "Traceback" not in output
    wait_until(lambda: all(gone(pid) for pid in workers), "the workers to stop", 15)
    assert not listening(stack.port)
    log = log_path(Path(stack.env["PUSPA_DEV_DATA"]))
    assert log.read_text().startswith("Dynalite listening at: http://127.0.0.1:")
    assert str(log) in output


def test_ctrl_c_stops_everything(stack: LocalStack) -> None:
    dynalite, workers = processes(stack)
    assert stack.process is not None
    stack.process.send_signal(signal.SIGINT)
    assert stack.process.wait(timeout=30) == 0
    assert all(gone(pid) for pid in [dynalite, *workers])
    assert "Traceback" not in stack.output()


def test_concurrent_deliveries_each_log_and_count_as_their_own(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    texts = ["info", "syarat kk", "ktp", "akta kelahiran", "pbb", "kia", "halo", "kua"] * 2
    payloads = [
        text_payload(f"62812770{n:05d}", f"wamid.concurrent.{n}", text)
        for n, text in enumerate(texts)
    ]
    with ThreadPoolExecutor(max_workers=len(payloads)) as threads:
        statuses = list(threads.map(lambda body: stack.post(body)[0], payloads))
    assert statuses == [200] * len(payloads)
    records = [json.loads(line) for line in stack.output().splitlines() if line.startswith("{")]
    answered = [r for r in records if r.get("message") == "answered"]
    assert len(answered) == len(payloads)
    # every delivery logged under its own correlation id and its own invocation (threads
    # sharing one Logger lose ids, log another request's, and mix lines)
    assert all(r.get("correlation_id") for r in answered)
    assert len({r["correlation_id"] for r in answered}) == len(payloads)
    ids_per_invocation: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if "function_request_id" in record and record.get("correlation_id"):
            ids_per_invocation[record["function_request_id"]].add(record["correlation_id"])
    assert all(len(ids) == 1 for ids in ids_per_invocation.values())
    assert len(ids_per_invocation) == len(payloads)
    # each invocation published its own metrics: one message each, never two in one flush
    flushes = [r for r in records if "_aws" in r and "Messages" in r]
    assert [_count(r["Messages"]) for r in flushes] == [1] * len(payloads)


def _count(value: Any) -> float:
    """An EMF metric's total (Powertools writes one value or a list of them)."""
    return sum(value) if isinstance(value, list) else value
