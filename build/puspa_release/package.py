"""`make package`: dist/lambda.zip with the responder, its run-time dependencies and the index."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from puspa_bot import paths

RESPONDER = paths.LAMBDA / "puspa_bot"
REQUIREMENTS = paths.LAMBDA / "requirements.txt"
CONSTRAINTS = paths.PROJECT / "constraints.txt"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
"""Every entry gets this time, so the same inputs give the same zip."""
LEFT_OUT = ("__pycache__", ".pyc", ".dist-info/RECORD")
"""Left out wherever they appear in a path."""
LEFT_OUT_FOLDERS = ("bin/",)
"""Top-level folders left out: the console scripts pip installs (jp.py and the like)."""


LAMBDA_PLATFORMS = ("manylinux_2_28_aarch64", "manylinux2014_aarch64")
"""Wheels that run on Lambda arm64 with the Python 3.13 runtime (Amazon Linux 2023, glibc 2.34)."""


def build_package(
    replies: Path,
    target: Path,
    platforms: tuple[str, ...] = (),
    python_version: str | None = None,
) -> Path:
    """Install the run-time dependencies (for `platform`, or this machine), add the responder
    and the reply index, and zip them deterministically into `target`."""
    with tempfile.TemporaryDirectory(prefix="puspa-package-") as work:
        root = Path(work) / "bundle"
        command = [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "--target",
            str(root),
            "-r",
            str(REQUIREMENTS),
            "-c",
            str(CONSTRAINTS),
        ]
        for platform in platforms:
            command += ["--platform", platform]
        if platforms:
            command += ["--only-binary=:all:", "--implementation", "cp"]
        if python_version:
            command += ["--python-version", python_version]
        subprocess.run(command, check=True)
        shutil.copytree(RESPONDER, root / "puspa_bot", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copyfile(replies, root / "puspa_bot" / "replies.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(root.rglob("*")):
                name = path.relative_to(root).as_posix()
                if (
                    path.is_dir()
                    or any(part in name for part in LEFT_OUT)
                    or name.startswith(LEFT_OUT_FOLDERS)
                ):
                    continue
                entry = zipfile.ZipInfo(name, FIXED_TIME)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, path.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    """Build dist/lambda.zip (for Lambda arm64 by default) and print its size."""
    parser = argparse.ArgumentParser(prog="python -m puspa_release.package", description=__doc__)
    parser.add_argument("--replies", type=Path, default=paths.REPLIES)
    parser.add_argument("--output", type=Path, default=paths.DIST / "lambda.zip")
    parser.add_argument("--python-version", default="3.13")
    parser.add_argument("--this-machine", action="store_true", help="build for this machine")
    args = parser.parse_args(argv)
    platforms = () if args.this_machine else LAMBDA_PLATFORMS
    version = None if args.this_machine else args.python_version
    zipped = build_package(args.replies, args.output, platforms, version)
    print(f"{zipped}: {zipped.stat().st_size / 1024 / 1024:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
