"""The `puspa` command: documented, and polite about what goes wrong."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from puspa_cli.main import main, parser
from puspa_release.dist import BuildResult

from ..conftest import PROJECT


def test_every_command_is_documented_in_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    commands = help_text.split("{", 1)[1].split("}", 1)[0].split(",")
    assert commands == [
        *("check", "build", "serve", "ask", "eval", "resepsi", "petugas", "ektp", "report"),
        *("lembar-kantor", "belum-dipahami", "contoh"),
    ]
    for command in commands:
        assert f"`puspa {command}`" in readme
    for target in ("check", "build", "serve", "eval", "test"):
        assert f"`make {target}`" in readme


def test_build_with_unreadable_content_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(tmp_path), "build", "--dist", str(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err
    assert "content/kantor.yaml" not in err  # names the folder actually given
    assert f"{tmp_path.name}/kantor.yaml:1: (berkas): berkas tidak ada" in err
    assert not (tmp_path / "dist").exists()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_previews_the_portal_and_follows_content(content_dir: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "puspa_cli.main",
            "--content",
            str(content_dir),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/layanan/kia/"
    try:
        assert "Kartu Identitas Anak" in wait_for(url, "Kartu Identitas Anak")
        kia = content_dir / "layanan/kia.yaml"
        kia.write_text(kia.read_text().replace("Pas foto anak", "Foto anak"), encoding="utf-8")
        assert "Foto anak berwarna" in wait_for(url, "Foto anak berwarna")
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(url: str, text: str, seconds: float = 30) -> str:
    """Fetch `url` until its page contains `text`, or give up after `seconds`."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    return page


@pytest.fixture
def built_index(built: tuple[Path, BuildResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """Point `puspa ask` at the reply index of this test session's build."""
    monkeypatch.setenv("PUSPA_REPLIES", str(built[0] / "replies.json"))


def test_ask_without_a_built_index_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PUSPA_REPLIES", str(tmp_path / "replies.json"))
    assert main(["ask", "info"]) == 1
    assert "Jalankan `make build` dulu" in capsys.readouterr().err


@pytest.mark.usefixtures("built_index")
def test_ask_answers_each_text_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "syarat bikin KK", "info", "cara daftar bpjs"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["intent"], r["service"], r["topic"]) for r in records] == [
        ("service", "kartu-keluarga", None),
        ("menu", None, None),
        ("referral", None, "bpjs"),
    ]
    assert records[0]["reply"].startswith("*Kartu Keluarga (KK)*")


@pytest.mark.usefixtures("built_index")
def test_ask_reads_one_message_per_line_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("akte\nhalo\n"))
    assert main(["ask"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("*Akta Kelahiran* / *Persyaratan* / _Persyaratan umum:_ / 1. ")
    assert lines[1].startswith("Selamat datang di *PUSPA*")


def _every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """A parser and all its subcommands' parsers."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _every_parser(child)
    return found


def test_every_option_and_argument_has_help_in_indonesian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in _every_parser(parser()):
        for action in command._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{command.prog}: {action.dest} has no help"
    with pytest.raises(SystemExit):
        main(["resepsi", "list", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("cara pakai: puspa resepsi list")
    assert "tampilkan bantuan ini lalu keluar" in text and "usage" not in text
    with pytest.raises(SystemExit) as stopped:
        main(["resepsi"])
    assert stopped.value.code == 2
    assert "galat: argumen berikut wajib diisi: TINDAKAN" in capsys.readouterr().err


def test_messages_name_files_from_where_the_user_is(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kia = content_dir / "layanan" / "kia.yaml"
    kia.write_text(kia.read_text(encoding="utf-8").replace("nama:", "namaa:", 1))
    monkeypatch.chdir(content_dir / "layanan")
    assert main(["--content", "..", "check"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert any(line.startswith("galat: kia.yaml:") for line in errors), errors
    assert re.fullmatch(r"GAGAL: \d+ galat\. Tidak ada yang ditulis\.", errors[-1])


@pytest.mark.parametrize(
    "command",
    [
        ["resepsi", "list"],
        ["petugas", "list"],
        ["ektp", "import", "x.csv"],
        ["report", "--month", "2026-11", "--no-pdf"],
        ["belum-dipahami", "--month", "2026-11"],
    ],
)
def test_office_commands_without_a_table_say_what_to_run(command: list[str]) -> None:
    with socket.socket() as sock:  # a port nothing listens on once this closes
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{port}",
    }
    run = subprocess.run(
        [sys.executable, "-m", "puspa_cli.main", *command],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        f"GAGAL: Tabel tidak dapat dihubungi di http://127.0.0.1:{port}. Jalankan `make dev`, "
        "atau atur DYNAMODB_ENDPOINT / kredensial AWS."
    ]
    assert run.stdout == ""
