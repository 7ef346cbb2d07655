"""`puspa lembar-kantor`: writes the office's sheet and says how many items it has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from puspa_cli.main import main

from ..conftest import CONTENT


def test_the_sheet_is_written_with_as_many_items_as_check_warns_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(CONTENT), "check"]) == 0
    warned = int(re.search(r"(\d+) peringatan\.", capsys.readouterr().out).group(1))
    out = tmp_path / "dist"
    assert main(["--content", str(CONTENT), "lembar-kantor", "--out", str(out), "--no-pdf"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"Lembar isian kantor: {warned} butir dalam ")
    assert f"(peringatan `puspa check`: {warned})" in printed
    page = out / "lembar-isian-kantor.html"
    assert page.exists() and not (out / "lembar-isian-kantor.pdf").exists()
    assert page.read_text(encoding="utf-8").count('<article class="butir"') == warned


def test_without_chromium_the_html_is_written_and_the_pdf_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("puspa_office.office_sheet.find_browser", lambda: None)
    assert main(["--content", str(CONTENT), "lembar-kantor", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "PDF tidak dibuat: chromium tidak terpasang." in printed
    assert (tmp_path / "lembar-isian-kantor.html").exists()


def test_content_with_errors_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(tmp_path), "lembar-kantor", "--out", str(tmp_path / "d")]) == 1
    assert "GAGAL: " in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
