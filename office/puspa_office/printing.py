"""Print a self-contained HTML page to PDF with a headless chromium (A4, as its CSS says)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from puspa_build.errors import PuspaError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
"""Browsers that can print to PDF (headless), the first one installed is used."""


def find_browser() -> str | None:
    """The path of an installed headless-capable browser, or None."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_pdf(browser: str, page: Path, target: Path) -> Path:
    """Print `page` to `target` with `browser`; a failure is a PuspaError naming the HTML."""
    try:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        why = "terlalu lama" if isinstance(exc, subprocess.TimeoutExpired) else "gagal"
        raise PuspaError(
            f"chromium {why} mencetak PDF; HTML-nya sudah ditulis di {page}. "
            "Jalankan lagi dengan --no-pdf untuk HTML saja."
        ) from None
    return target
