"""Run dynalite (npm), the DynamoDB-compatible server of the local stack, on 127.0.0.1."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from puspa_bot import paths
from puspa_office.connect import LOCAL_PORT, port_from_env

EXECUTABLE = paths.NODE_BIN / "dynalite"
LISTENING = "Dynalite listening at"
"""What dynalite's command line prints once it listens (node_modules/dynalite/cli.js)."""
PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends a process when its parent dies (Linux)."""


class DynaliteError(RuntimeError):
    """dynalite could not be started, or did not listen on its port."""


def configured_port() -> int:
    """The port of `make dev`'s dynalite: $DYNALITE_PORT, else 4567."""
    return port_from_env("DYNALITE_PORT", LOCAL_PORT)


def log_path(data_dir: Path) -> Path:
    """Where dynalite's output goes: beside its data folder (.dev-data/dynalite.log)."""
    return data_dir.with_name(f"{data_dir.name}.log")


def start_dynalite(port: int, data_dir: Path, seconds: float = 15) -> subprocess.Popen[bytes]:
    """Start dynalite keeping its data in `data_dir`; return once it says it listens on `port`.

    Its output goes to `log_path(data_dir)`. It runs in its own session (Ctrl+C in the terminal
    is for `make dev`, which stops it) and, on Linux, the kernel stops it if this process dies,
    even by kill -9. Call it from the main thread: the kernel watches the thread that started it.
    """
    if not EXECUTABLE.exists():
        raise DynaliteError(f"{EXECUTABLE} is missing: run `make dev` (it runs npm ci)")
    data_dir.mkdir(parents=True, exist_ok=True)
    log = log_path(data_dir)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(EXECUTABLE),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--path",
                str(data_dir),
                "--createTableMs",
                "0",
            ],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent(),  # safe: `make dev` starts no thread before this
        )
    try:
        _wait_until_listening(process, log, port, seconds)
    except BaseException:
        stop_dynalite(process)
        raise
    return process


def stop_dynalite(process: subprocess.Popen[bytes]) -> None:
    """Stop dynalite and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def last_lines(log: Path, count: int = 5) -> list[str]:
    """The last non-empty lines dynalite wrote."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()][-count:]


def _wait_until_listening(
    process: subprocess.Popen[bytes], log: Path, port: int, seconds: float
) -> None:
    """Wait for our own dynalite to say it listens (never probe the port: it may be another's)."""
    expected = f":{port}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(LISTENING in line and line.endswith(expected) for line in last_lines(log, 20)):
            return
        if process.poll() is not None:
            said = " | ".join(last_lines(log, 3)) or "nothing"
            raise DynaliteError(
                f"dynalite exited with status {process.returncode} before listening on "
                f"127.0.0.1:{port}; it said: {said} (full output in {log})"
            )
        time.sleep(0.05)
    raise DynaliteError(f"dynalite did not listen on 127.0.0.1:{port} within {seconds:g} s")


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux in the main thread, a preexec_fn asking the kernel to end the child with us."""
    if not sys.platform.startswith("linux"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec
