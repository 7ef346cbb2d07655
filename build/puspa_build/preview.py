"""`puspa serve`: a live preview of the portal on 127.0.0.1 that rebuilds when content changes."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.commands.serve import serve as mkdocs_serve

from .compiler import check
from .portal import SITE_SOURCES, mkdocs_config, write_docs
from .problems import ContentError

# MkDocs calls this file's on_pre_build before every rebuild (see _HOOK_SOURCE).
_HOOK_SOURCE = """\
from puspa_build import preview


def on_pre_build(config):
    preview.regenerate()
"""
_state: dict[str, Path] = {}


def serve(content_dir: Path, port: int) -> None:
    """Serve the portal, regenerating its pages from content on every change."""
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
    signal.signal(signal.SIGTERM, _stop)
    try:
        mkdocs_serve(
            config_file=str(config_file),
            dev_addr=f"127.0.0.1:{port}",
            livereload=True,
            watch=[str(content_dir), str(SITE_SOURCES)],
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
