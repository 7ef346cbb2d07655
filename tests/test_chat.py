"""`make chat`: the same engine and store, in the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from puspa_build.compiler import BuildResult
from puspa_local import chat

from .local_stack import free_port


def test_chat_keeps_the_conversation_between_lines(
    built: tuple[Path, BuildResult],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PUSPA_REPLIES", str(built[0] / "replies.json"))
    monkeypatch.setenv("DYNAMODB_ENDPOINT", f"http://127.0.0.1:{free_port()}")  # nothing there
    monkeypatch.setattr("sys.stdin", io.StringIO("info\n1\n2\n"))
    assert chat.main() == 0
    out = capsys.readouterr().out
    assert "state in memory" in out
    assert "PUSPA: *Menu PUSPA*" in out
    assert "PUSPA: *Kependudukan*" in out
    assert "PUSPA: *KTP Elektronik (KTP-el)*" in out
