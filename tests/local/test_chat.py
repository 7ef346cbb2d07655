"""`make chat`: the same engine and store, in the terminal."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from puspa_bot.store import DynamoStore
from puspa_local import chat
from puspa_release.dist import BuildResult

from ..local_stack import free_port


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


def test_chat_finds_make_devs_dynalite_on_dynalite_port(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refusing(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # dynalite answers a plain GET with an error
            self.send_error(400)

        def log_message(self, format: str, *args: object) -> None:
            """Log nothing."""

    server = HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        port = server.server_address[1]
        monkeypatch.delenv("DYNAMODB_ENDPOINT", raising=False)
        monkeypatch.setenv("DYNALITE_PORT", str(port))
        store, where = chat.open_store()
        assert isinstance(store, DynamoStore)
        assert where.startswith(f"state in http://127.0.0.1:{port}, table ")
        monkeypatch.setenv("DYNAMODB_ENDPOINT", f"http://127.0.0.1:{free_port()}")  # it wins
        store, where = chat.open_store()
        assert where.startswith("state in memory: nothing answers at http://127.0.0.1:")
    finally:
        server.shutdown()
        server.server_close()
