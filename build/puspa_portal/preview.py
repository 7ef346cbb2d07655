"""`puspa serve`: a live preview of the portal on 127.0.0.1 that rebuilds when content changes."""

from __future__ import annotations

import errno
import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.serve import serve as mkdocs_serve
from puspa_build.compiler import check
from puspa_build.errors import Unreachable
from puspa_build.problems import ContentError

from .site import SITE_SOURCES, mkdocs_config, write_docs

HOST = "127.0.0.1"
# MkDocs calls this file's on_pre_build before every rebuild and on_serve once, before it
# listens (see _HOOK_SOURCE).
_HOOK_SOURCE = """\
from puspa_portal import preview


def on_pre_build(config):
    preview.regenerate()


def on_serve(server, config, builder):
    return preview.announce(server)
"""
_state: dict[str, Path] = {}


class PreviewError(Unreachable):
    """The preview cannot run (its port is taken); the message is for the editor, one line."""


def serve(content_dir: Path, port: int) -> None:
    """Serve the portal, regenerating its pages from content on every change."""
    if not 1 <= port <= 65535:
        raise PreviewError(
            f"port {port} tidak ada; pilih 1-65535, misalnya puspa serve --port 8000"
        )
    if _in_use(port):
        raise PreviewError(_busy(port))
    work = Path(tempfile.mkdtemp(prefix="puspa-serve-"))
    _state.update(content=content_dir, docs=work / "docs")
    (work / "docs").mkdir()
    checked = check(content_dir)
    config_file = mkdocs_config(checked.content, work / "docs", work / "site")
    hook = work / "puspa_preview_hook.py"
    hook.write_text(_HOOK_SOURCE, encoding="utf-8")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"] = [str(hook)]
    config["strict"] = False
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        mkdocs_serve(
            config_file=str(config_file),
            dev_addr=f"127.0.0.1:{port}",
            livereload=True,
            watch=[str(content_dir), str(SITE_SOURCES)],
        )
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        raise PreviewError(_busy(port)) from None  # taken while the portal was being built
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(work, ignore_errors=True)


def announce(server: Any) -> Any:
    """Have MkDocs' server print the preview's address as soon as it listens."""
    activate = server.server_activate

    def activate_and_tell() -> None:
        activate()
        print(f"Pratinjau portal: {server.url} (Ctrl+C untuk berhenti)", flush=True)

    server.server_activate = activate_and_tell
    return server


def _in_use(port: int) -> bool:
    """True if something listens on 127.0.0.1:`port`, or a server could not bind it there."""
    with socket.socket() as probe:
        probe.settimeout(1)
        if probe.connect_ex((HOST, port)) == 0:
            return True
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def _busy(port: int) -> str:
    """The one line an editor reads when the preview's port is taken."""
    return (
        f"port {port} di {HOST} sudah dipakai program lain (pratinjau lain?); hentikan program "
        f"itu atau pakai port lain, misalnya puspa serve --port {port + 1}"
    )


def _stop(signum: int, frame: object) -> None:
    """Stop serving on SIGTERM the way Ctrl+C does, so the preview folder is removed."""
    raise KeyboardInterrupt


def regenerate() -> None:
    """Rewrite the preview's pages from content; on errors, report them and keep the old pages."""
    try:
        checked = check(_state["content"])
    except ContentError as exc:
        for problem in exc.problems:
            print(f"galat: {problem}", file=sys.stderr)
        return
    docs_dir = _state["docs"]
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir()
    write_docs(checked.content, docs_dir)
