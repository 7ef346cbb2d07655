"""argparse in Indonesian: its own words ("usage:", "error:", help) read like the rest of PUSPA."""

from __future__ import annotations

import argparse
from pathlib import Path

_WORDS = {
    "usage: ": "cara pakai: ",
    "options": "pilihan",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s bisa berarti %(matches)s: tulis lebih lengkap"
    ),
    "ignored explicit argument %r": "argumen %r diabaikan",
}


def _translate(message: str) -> str:
    """argparse's message in Indonesian (unchanged when there is no translation)."""
    return _WORDS.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    """argparse's counted messages ("expected 2 arguments") in Indonesian."""
    if singular == "expected %s argument":
        return "perlu %s nilai"
    return singular if count == 1 else plural


def speak_indonesian() -> None:
    """Have argparse look its words up here (it reads them through its module's `_`)."""
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]


def month(text: str) -> str:
    """A YYYY-MM argument."""
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: tulis bulan sebagai YYYY-MM, misalnya 2026-11")
    if not 1 <= int(text[5:]) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r}: bulan harus 01 sampai 12")
    return text


def relative(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
