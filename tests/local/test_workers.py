"""make dev's worker processes: one request at a time each, like Lambda execution environments."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from puspa_local.template import function_timeout
from puspa_local.webhook_server import ERROR_RESPONSE, LocalContext, function_url_event
from puspa_local.workers import WorkerError, WorkerPool

from ..local_stack import PROJECT, gone, wait_until
from ..worker_probe import RELEASE

PROBE = "tests.worker_probe:handler"


@pytest.fixture
def probe_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The probe handler's folder, in the environment the workers inherit."""
    monkeypatch.setenv("PROBE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def pool(probe_dir: Path) -> Iterator[WorkerPool]:
    """Two warm workers running the probe handler, and never more."""
    workers = WorkerPool(2, PROBE, limit=2).start()
    yield workers
    workers.close()


def invoke(pool: WorkerPool, body: str, timeout: float | None = None) -> dict[str, Any]:
    """POST `body` through the pool."""
    event = function_url_event("POST", "/webhook", {}, body.encode())
    return pool.invoke(event, LocalContext(timeout))


def answer(response: dict[str, Any]) -> dict[str, Any]:
    """The probe's answer in a 200 response."""
    assert response["statusCode"] == 200, response
    return json.loads(response["body"])


def test_concurrent_requests_run_in_separate_processes_one_at_a_time(
    pool: WorkerPool, probe_dir: Path
) -> None:
    with ThreadPoolExecutor(max_workers=6) as threads:
        waiting = [threads.submit(invoke, pool, "wait") for _ in range(6)]
        # both workers are inside a request at the same moment: they run at once
        wait_until(lambda: len(list(probe_dir.glob("busy-*"))) == 2, "two busy workers")
        assert sorted(int(p.name.split("-")[1]) for p in probe_dir.glob("busy-*")) == pool.pids
        (probe_dir / RELEASE).touch()
        answers = [answer(future.result(timeout=60)) for future in waiting]
    # a process that took a second request while busy would have answered 409, not 200
    assert {a["pid"] for a in answers} == set(pool.pids)
    assert len({a["request_id"] for a in answers}) == 6
    assert os.getpid() not in pool.pids


def test_a_burst_gets_new_workers_up_to_the_limit_as_lambda_scales_out(probe_dir: Path) -> None:
    with WorkerPool(1, PROBE, limit=3) as pool, ThreadPoolExecutor(max_workers=5) as threads:
        assert len(pool.pids) == 1
        waiting = [threads.submit(invoke, pool, "wait") for _ in range(5)]
        wait_until(lambda: len(list(probe_dir.glob("busy-*"))) == 3, "three busy workers")
        assert len(pool.pids) == 3
        (probe_dir / RELEASE).touch()
        answers = [answer(future.result(timeout=60)) for future in waiting]
        assert {a["pid"] for a in answers} == set(pool.pids)


def test_the_handler_in_a_worker_gets_the_templates_budget(pool: WorkerPool) -> None:
    assert 0 < answer(invoke(pool, "budget"))["remaining"] <= function_timeout() * 1000


def test_a_failing_handler_is_a_500_and_one_line_and_the_worker_goes_on(
    probe_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with WorkerPool(2, PROBE) as pool:  # started here, so that capfd sees what workers print
        _fail_and_go_on(pool, capfd)


def _fail_and_go_on(pool: WorkerPool, capfd: pytest.CaptureFixture[str]) -> None:
    before = pool.pids
    assert invoke(pool, "boom") == ERROR_RESPONSE
    err = capfd.readouterr().err
    assert len(err.splitlines()) == 1
    assert "webhook: handler failed (RuntimeError at tests/worker_probe.py:" in err
    assert "Traceback" not in err
    assert "3201064510900001" not in err
    assert invoke(pool, "unpicklable") == ERROR_RESPONSE
    assert "Traceback" not in capfd.readouterr().err
    assert answer(invoke(pool, "ok"))["pid"] in before
    assert pool.pids == before


def test_a_worker_that_dies_is_a_500_and_is_replaced(
    probe_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with WorkerPool(2, PROBE) as pool:
        before = set(pool.pids)
        assert invoke(pool, "exit") == ERROR_RESPONSE
        (line,) = capfd.readouterr().err.splitlines()
        assert "exited with status 3; answered 500, a fresh worker replaces it" in line
        assert len(pool.pids) == 2
        assert len(before & set(pool.pids)) == 1
        pids = {answer(invoke(pool, "ok"))["pid"] for _ in range(4)}
        assert pids <= set(pool.pids)


def test_a_request_past_its_timeout_is_stopped_as_lambda_stops_it(
    probe_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with WorkerPool(2, PROBE) as pool:
        before = set(pool.pids)
        assert invoke(pool, "wait", timeout=0.5) == ERROR_RESPONSE
        (line,) = capfd.readouterr().err.splitlines()
        assert "ran past the 0.5 s Timeout and was stopped" in line
        assert len(before & set(pool.pids)) == 1
        assert answer(invoke(pool, "ok"))["pid"] in pool.pids


def test_workers_ignore_ctrl_c(pool: WorkerPool) -> None:
    for pid in pool.pids:
        os.kill(pid, signal.SIGINT)
    pids = {answer(invoke(pool, "ok"))["pid"] for _ in range(4)}
    assert pids <= set(pool.pids)


def test_a_handler_that_does_not_import_stops_the_start(probe_dir: Path) -> None:
    with pytest.raises(WorkerError) as error:
        WorkerPool(2, "tests.worker_probe:missing").start()
    assert "tests.worker_probe:missing did not load (AttributeError" in str(error.value)


def test_workers_exit_when_their_parent_is_killed(probe_dir: Path) -> None:
    program = (
        "import sys, time\n"
        "from puspa_local.workers import WorkerPool\n"
        f"pool = WorkerPool(2, {PROBE!r}).start()\n"
        "print(*pool.pids, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", program], cwd=PROJECT, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and not any(gone(pid) for pid in pids)
    parent.kill()
    parent.wait()
    wait_until(lambda: all(gone(pid) for pid in pids), "the orphaned workers to exit", 15)
