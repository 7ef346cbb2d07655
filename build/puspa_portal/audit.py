"""`make audit`: Lighthouse (phone profile) and axe-core on the built portal, with targets.

The portal is served on 127.0.0.1 the way CloudFront serves it (gzip for text); Lighthouse
12 comes from site/audit (npm), axe-core from the project's node_modules, the browser is
Debian's chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from puspa_bot import paths

from .server import serve

LIGHTHOUSE = paths.SITE_SOURCES / "audit" / "node_modules" / ".bin" / "lighthouse"
AXE = paths.PROJECT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("/", "/layanan/kartu-keluarga/", "/statistik/")
"""The home page, a service page, and a list page."""
TARGETS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
"""Lighthouse category scores (0-100) the portal must reach on the mobile profile."""
BLOCKING_IMPACTS = ("serious", "critical")


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
    parser.add_argument("--site", type=Path, default=paths.DIST / "site")
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
