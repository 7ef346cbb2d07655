"""`puspa check`, `puspa build`, `puspa serve`: the editors' commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from puspa_bot import paths

from .arguments import relative

if TYPE_CHECKING:
    from puspa_build.problems import Problem


def register(commands: argparse._SubParsersAction) -> None:
    """Add the content commands."""
    checking = commands.add_parser(
        "check",
        help="periksa semua konten tanpa membangun apa pun",
        description="Periksa semua konten dan tampilkan setiap galat dan peringatan. "
        "Contoh: puspa check",
    )
    checking.set_defaults(run=run_check)
    building = commands.add_parser(
        "build",
        help="periksa konten lalu tulis dist/site/ dan dist/replies.json",
        description="Bangun portal dan indeks balasan. Contoh: puspa build --dist dist",
    )
    building.add_argument(
        "--dist", type=Path, default=paths.DIST, metavar="FOLDER", help="folder hasil (dist/)"
    )
    building.set_defaults(run=run_build)
    serving = commands.add_parser(
        "serve",
        help="pratinjau portal di http://127.0.0.1:8000/ (diperbarui saat konten berubah)",
        description="Pratinjau portal. Contoh: puspa serve --port 8000",
    )
    serving.add_argument("--port", type=int, default=8000, help="port lokal (bawaan 8000)")
    serving.set_defaults(run=run_serve)


def run_check(args: argparse.Namespace) -> int:
    """Report every warning; errors raise ContentError, which lists them."""
    from puspa_build.compiler import check

    checked = check(args.content)
    print_problems(checked.warnings)
    services = len(checked.content.services)
    print(f"OK: {services} layanan valid, {len(checked.warnings)} peringatan.")
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Check, build, and print a short summary; warnings are one line (`make check` lists them)."""
    from puspa_release.dist import REPLIES, SITE, build

    result = build(args.content, args.dist)
    print(
        f"OK: {len(result.checked.content.services)} layanan, "
        f"{warnings_line(result.checked.warnings)}, {result.seconds:.1f} detik.\n"
        f"  {relative(args.dist / REPLIES)}: {result.replies_bytes / 1024:.1f} KB\n"
        f"  {relative(args.dist / SITE)}/: {result.site_files} berkas, "
        f"{result.site_bytes / 1024:.0f} KB"
    )
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """The live preview; a busy port is a PreviewError (one line, non-zero status)."""
    from puspa_portal.preview import serve

    serve(args.content, args.port)
    return 0


def warnings_line(warnings: list[Problem]) -> str:
    """'61 peringatan (isi yang menunggu kantor; `make check` menampilkan semuanya)'."""
    if not warnings:
        return "0 peringatan"
    return (
        f"{len(warnings)} peringatan (isi yang menunggu kantor; `make check` menampilkan semuanya)"
    )


def print_problems(problems: list[Problem]) -> None:
    """Print problems, one a line, to standard error."""
    for problem in problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)
