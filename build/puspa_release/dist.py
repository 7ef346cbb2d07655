"""The one build step: check everything first, then write portal and replies aside and swap them
into dist/."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from puspa_build.compiler import Checked, check
from puspa_build.reply_index import dump
from puspa_portal.site import build_site

REPLIES = "replies.json"
SITE = "site"


@dataclass
class BuildResult:
    """What a build wrote, for the summary."""

    checked: Checked
    replies_bytes: int
    site_bytes: int
    site_files: int
    seconds: float


def build(content_dir: Path, dist_dir: Path) -> BuildResult:
    """Check content, build portal and reply index aside, then swap them into `dist_dir`."""
    started = time.perf_counter()
    dist_dir = dist_dir.resolve()
    checked = check(content_dir)
    dist_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=dist_dir))
    try:
        replies = dump(checked.index)
        (staging / REPLIES).write_bytes(replies)
        version = checked.index["version"]
        build_site(checked.content, staging / "work", staging / SITE, version)
        _swap_in(staging, dist_dir, (SITE, REPLIES))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    site_files = [p for p in (dist_dir / SITE).rglob("*") if p.is_file()]
    return BuildResult(
        checked=checked,
        replies_bytes=len(replies),
        site_bytes=sum(p.stat().st_size for p in site_files),
        site_files=len(site_files),
        seconds=time.perf_counter() - started,
    )


def _swap_in(staging: Path, dist_dir: Path, names: tuple[str, ...]) -> None:
    """Replace each output in `dist_dir` by its staged copy, one rename each."""
    retired = staging / "retired"
    retired.mkdir()
    for name in names:
        target = dist_dir / name
        if target.exists():
            target.rename(retired / name)
        (staging / name).rename(target)
