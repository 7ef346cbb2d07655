"""The one build step: read and check everything first, then write aside and swap into dist/."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .checks import cross_checks, missing_content
from .content import SETTINGS, Content, load_content
from .message_limits import check_limits
from .portal import build_site
from .problems import BuildError, ContentError, Problem, errors, warnings
from .reply_index import build_reply_index, dump
from .schema_check import load_schema

REPLIES = "replies.json"
SITE = "site"


@dataclass
class Checked:
    """Content that passed every check, the reply index built from it, and its warnings."""

    content: Content
    index: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class BuildResult:
    """What a build wrote, for the summary."""

    checked: Checked
    replies_bytes: int
    site_bytes: int
    site_files: int
    seconds: float


def check(content_dir: Path) -> Checked:
    """Run every check on the content; raise ContentError listing all errors at once."""
    content, problems = load_content(content_dir)
    problems += cross_checks(content)
    problems += missing_content(content)
    complete = not errors(problems) and content.services and len(content.settings) == len(SETTINGS)
    index: dict[str, Any] = {}
    if complete:
        index = build_reply_index(content)
        problems += check_limits(content, index)
    if errors(problems):
        raise ContentError(sorted(errors(problems)))
    schema_errors = list(
        Draft202012Validator(load_schema("replies.schema.json")).iter_errors(index)
    )
    if schema_errors:
        details = "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in schema_errors[:5])
        raise BuildError(f"indeks balasan tidak sesuai schemas/replies.schema.json: {details}")
    return Checked(content, index, sorted(warnings(problems)))


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
