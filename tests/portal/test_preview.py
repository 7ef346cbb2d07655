"""`puspa serve` (make serve): says where it listens, and a busy port is one clear line."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from puspa_portal import preview

from ..conftest import CONTENT, PROJECT
from ..local_stack import free_port


def serve_command(port: int) -> list[str]:
    """`puspa serve --port <port>` on the real content."""
    program = [sys.executable, "-m", "puspa_cli.main", "--content", str(CONTENT)]
    return [*program, "serve", "--port", str(port)]


def test_serve_prints_its_address_once_it_listens() -> None:
    port = free_port()
    process = subprocess.Popen(
        serve_command(port),
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    timer = threading.Timer(180, process.kill)  # a generous bound, should it never say so
    timer.start()
    try:
        assert process.stdout is not None
        address = f"http://127.0.0.1:{port}/"
        for line in process.stdout:
            if address in line:
                break
        else:
            pytest.fail(f"puspa serve ended without printing {address}")
        assert line.strip() == f"Pratinjau portal: {address} (Ctrl+C untuk berhenti)"
        with urllib.request.urlopen(address, timeout=30) as response:  # it listens already
            assert response.status == 200
            assert "PUSPA" in response.read().decode()
    finally:
        timer.cancel()
        process.terminate()
        process.wait(timeout=30)


def test_a_busy_port_is_one_line_and_a_non_zero_status() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(serve_command(port), cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"GAGAL: port {port} di 127.0.0.1 sudah dipakai program lain (pratinjau lain?); "
        f"hentikan program itu atau pakai port lain, misalnya puspa serve --port {port + 1}"
    ]
    assert run.stdout == ""


def test_a_port_taken_while_the_portal_builds_is_the_same_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(preview, "_in_use", lambda port: False)  # taken after the check
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(preview.PreviewError, match=f"port {port} di 127.0.0.1 sudah dipakai"):
            preview.serve(CONTENT, port)


def test_a_port_out_of_range_is_refused() -> None:
    with pytest.raises(preview.PreviewError, match="port 70000 tidak ada"):
        preview.serve(CONTENT, 70000)
