"""`make audit`: Lighthouse (phone profile) and axe-core on the built portal, with targets.

The portal is served on 127.0.0.1 the way CloudFront serves it (gzip for text); Lighthouse
12 comes from site/audit (npm), axe-core from the project's node_modules, the browser is
Debian's chromium.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = PROJECT / "site" / "audit" / "node_modules" / ".bin" / "lighthouse"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("/", "/layanan/kartu-keluarga/", "/statistik/")
"""The home page, a service page, and a list page."""
TARGETS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
"""Lighthouse category scores (0-100) the portal must reach on the mobile profile."""
BLOCKING_IMPACTS = ("serious", "critical")
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types as CloudFront's `Compress: true` does."""

    def send_head(self) -> Any:
        """Serve the file, compressed when the client accepts gzip and the type is text."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


class _Body:
    """The compressed bytes, as the file object SimpleHTTPRequestHandler copies out."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        """Everything at once, then nothing."""
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to close."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1; yield its address."""
    handler = functools.partial(CompressingHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str, chromium: str) -> dict[str, int]:
    """Lighthouse's category scores (0-100) for one page, mobile profile (its default)."""
    with tempfile.TemporaryDirectory(prefix="puspa-lighthouse-") as work:
        report = Path(work) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--only-categories=" + ",".join(TARGETS),
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--output=json",
                f"--output-path={report}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium, "HOME": work},
            timeout=300,
        )
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in TARGETS}


def axe(url: str, chromium: str) -> dict[str, int]:
    """axe-core's violations on one page at a phone's size, counted by impact."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(url, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        impacts = page.evaluate("axe.run().then(r => r.violations.map(v => v.impact))")
        browser.close()
    return {impact: impacts.count(impact) for impact in sorted(set(impacts))}


def main(argv: list[str] | None = None) -> int:
    """Audit each page; print the scores; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="audit", description=__doc__)
    parser.add_argument("--site", type=Path, default=PROJECT / "dist" / "site")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None or not LIGHTHOUSE.exists() or not AXE.exists():
        print("chromium, site/audit (npm) and axe-core are needed: run `make audit`.")
        return 1
    missed = []
    print(f"{'page':<28}" + "".join(f"{name:>16}" for name in TARGETS) + "   axe violations")
    with serve(args.site) as base:
        for path in PAGES:
            scores = lighthouse(base + path, chromium)
            found = axe(base + path, chromium)
            blocking = sum(found.get(impact, 0) for impact in BLOCKING_IMPACTS)
            missed += [
                f"{path} {name} {scores[name]} < {TARGETS[name]}"
                for name in TARGETS
                if scores[name] < TARGETS[name]
            ]
            if blocking:
                missed.append(f"{path} axe: {found}")
            shown = ", ".join(f"{n} {impact}" for impact, n in found.items()) or "none"
            print(
                f"{path:<28}" + "".join(f"{scores[name]:>16}" for name in TARGETS) + f"   {shown}"
            )
    targets = ", ".join(f"{name} >= {score}" for name, score in TARGETS.items())
    print(f"targets: {targets}; axe: no serious or critical violation")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
