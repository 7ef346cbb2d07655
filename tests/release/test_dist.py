"""The build step: all or nothing, and a failed build leaves the previous dist/ whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from puspa_cli.main import main
from puspa_release.dist import build

from ..conftest import PROJECT

KIA = "content/layanan/kia.yaml"


def snapshot(dist: Path) -> dict[str, bytes]:
    """Every file under dist/ with its bytes."""
    return {str(p.relative_to(dist)): p.read_bytes() for p in dist.rglob("*") if p.is_file()}


def remove_requirements(content_dir: Path) -> None:
    """Delete the whole `persyaratan` component of the KIA service."""
    path = content_dir / "layanan/kia.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("persyaratan:"), text.index("prosedur:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_build_writes_site_and_reply_index(content_dir: Path, tmp_path: Path) -> None:
    result = build(content_dir, tmp_path / "dist")
    assert (tmp_path / "dist/replies.json").stat().st_size == result.replies_bytes
    assert (tmp_path / "dist/site/index.html").is_file()
    assert result.site_files > 21
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["replies.json", "site"]


def test_failed_build_exits_non_zero_and_leaves_dist_untouched(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dist = tmp_path / "dist"
    assert main(["--content", str(content_dir), "build", "--dist", str(dist)]) == 0
    (dist / "lambda.zip").write_bytes(b"other output stays too")
    before = snapshot(dist)
    remove_requirements(content_dir)
    capsys.readouterr()
    assert main(["--content", str(content_dir), "build", "--dist", str(dist)]) == 1
    err = capsys.readouterr().err
    assert f"{KIA}:" in err
    assert "persyaratan: wajib ada tetapi belum diisi" in err
    assert "Tidak ada yang ditulis." in err
    assert snapshot(dist) == before


def test_successful_rebuild_replaces_outputs_and_keeps_other_files(
    content_dir: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    build(content_dir, dist)
    (dist / "site" / "stale.html").write_text("old")
    (dist / "lambda.zip").write_bytes(b"zip")
    build(content_dir, dist)
    assert not (dist / "site" / "stale.html").exists()
    assert (dist / "lambda.zip").read_bytes() == b"zip"
    assert not [p for p in dist.iterdir() if p.name.startswith(".build-")]


def test_check_command_reports_warnings_and_succeeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("OK: 21 layanan valid, ")
    assert "peringatan: content/kantor.yaml:" in err


def test_make_check_and_make_build_fail_on_missing_requirements(
    content_dir: Path, tmp_path: Path
) -> None:
    """The editors' commands themselves, as `make` runs them."""
    dist = tmp_path / "dist"
    ok = subprocess.run(
        ["make", "-s", "build", f"CONTENT={content_dir}", f"DIST={dist}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    before = snapshot(dist)
    remove_requirements(content_dir)
    for target in ("check", "build"):
        run = subprocess.run(
            ["make", "-s", target, f"CONTENT={content_dir}", f"DIST={dist}"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode != 0
        assert f"{KIA}:" in run.stderr
        assert "persyaratan" in run.stderr
    assert snapshot(dist) == before


def test_build_with_relative_paths_from_another_folder(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make build` passes `--content content --dist dist`: relative to where it runs."""
    monkeypatch.chdir(tmp_path)
    assert main(["--content", "content", "build", "--dist", "dist"]) == 0
    assert (tmp_path / "dist/site/layanan/kia/index.html").is_file()
