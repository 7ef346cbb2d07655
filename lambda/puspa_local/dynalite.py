"""Run dynalite (npm), the DynamoDB-compatible server of the local stack, on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
EXECUTABLE = PROJECT / "node_modules" / ".bin" / "dynalite"
DEFAULT_PORT = 4567


def start_dynalite(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    """Start dynalite keeping its data in `data_dir`; return once it accepts connections."""
    if not EXECUTABLE.exists():
        raise FileNotFoundError(f"{EXECUTABLE} is missing: run `make dev` (it runs npm ci)")
    data_dir.mkdir(parents=True, exist_ok=True)
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    return process


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 15) -> None:
    """Wait until something listens on 127.0.0.1:`port`, or fail if the process ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dynalite exited with status {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    process.terminate()
    raise TimeoutError(f"dynalite did not listen on 127.0.0.1:{port} within {seconds} s")
