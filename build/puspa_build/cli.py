"""The `puspa` command: check content, build the outputs, preview the portal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import BuildError, ContentError, Problem

PROJECT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Run the `puspa` command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="puspa", description="PUSPA: periksa dan bangun konten layanan Kecamatan Jonggol."
    )
    parser.add_argument(
        "--content", type=Path, default=PROJECT / "content", help="folder konten (content/)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check",
        help="periksa semua konten tanpa membangun apa pun",
        description="Periksa semua konten. Contoh: puspa check",
    )
    build_cmd = commands.add_parser(
        "build",
        help="periksa konten lalu tulis dist/site/ dan dist/replies.json",
        description="Bangun portal dan indeks balasan. Contoh: puspa build --dist dist",
    )
    build_cmd.add_argument("--dist", type=Path, default=PROJECT / "dist", help="folder hasil")
    serve_cmd = commands.add_parser(
        "serve",
        help="pratinjau portal di http://127.0.0.1:8000/ (diperbarui saat konten berubah)",
        description="Pratinjau portal. Contoh: puspa serve --port 8000",
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="port lokal (bawaan 8000)")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.content)
        if args.command == "build":
            return _build(args.content, args.dist)
        from .preview import serve

        serve(args.content, args.port)
        return 0
    except ContentError as exc:
        _report(exc.problems)
        print(f"\nGAGAL: {len(exc.problems)} galat. Tidak ada yang ditulis.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"GAGAL: {exc}. Tidak ada yang ditulis.", file=sys.stderr)
        return 1


def _check(content_dir: Path) -> int:
    """`puspa check`: report warnings, or errors and a non-zero status."""
    from .compiler import check

    checked = check(content_dir)
    _report(checked.warnings)
    services = len(checked.content.services)
    print(f"OK: {services} layanan valid, {len(checked.warnings)} peringatan.")
    return 0


def _build(content_dir: Path, dist_dir: Path) -> int:
    """`puspa build`: check, build, and print a short summary."""
    from .compiler import build

    result = build(content_dir, dist_dir)
    _report(result.checked.warnings)
    print(
        f"OK: {len(result.checked.content.services)} layanan, "
        f"{len(result.checked.warnings)} peringatan (isi yang menunggu kantor), "
        f"{result.seconds:.1f} detik.\n"
        f"  {dist_dir / 'replies.json'}: {result.replies_bytes / 1024:.1f} KB\n"
        f"  {dist_dir / 'site'}/: {result.site_files} berkas, {result.site_bytes / 1024:.0f} KB"
    )
    return 0


def _report(problems: list[Problem]) -> None:
    """Print problems, one a line, to standard error."""
    for problem in problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
