"""The `puspa` command: parse, run one command, turn any PuspaError into one line and a status."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from puspa_bot import paths
from puspa_build.errors import PuspaError

from . import answers, content, ektp, learning, lembar_kantor, petugas, report, resepsi
from .arguments import relative, speak_indonesian

GROUPS = (content, answers, resepsi, petugas, ektp, report, lembar_kantor, learning)
"""Each registers its commands; the order is the order of `puspa --help`."""


def parser() -> argparse.ArgumentParser:
    """The whole command line, in Indonesian."""
    speak_indonesian()
    root = argparse.ArgumentParser(
        prog="puspa",
        description="PUSPA: periksa dan bangun konten layanan Kecamatan Jonggol, "
        "dan alat komputer kantor.",
    )
    root.add_argument(
        "--content",
        type=Path,
        default=paths.CONTENT,
        metavar="FOLDER",
        help="folder konten (bawaan: content/)",
    )
    commands = root.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the `puspa` command line; return the exit status."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except PuspaError as exc:
        for line in exc.details():
            print(line, file=sys.stderr)
        print(f"GAGAL: {exc}", file=sys.stderr)
        return exc.status
    except OSError as exc:
        print(f"GAGAL: {file_problem(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def file_problem(exc: OSError) -> str:
    """An unreadable or unwritable file, in Indonesian, with the path as the user typed it."""
    name = relative(Path(exc.filename)) if exc.filename else "berkas"
    if exc.errno == errno.ENOENT:
        return f"{name} tidak ditemukan."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{name} tidak boleh dibaca atau ditulis (izin ditolak)."
    if exc.errno == errno.ENOSPC:
        return f"disk penuh saat menulis {name}."
    return f"{name}: {exc.strerror or exc}."


if __name__ == "__main__":
    sys.exit(main())
