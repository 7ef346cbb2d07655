"""dist/replies.json: complete, within WhatsApp's limits, compact and deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from puspa_bot import whatsapp_limits as limits
from puspa_build.compiler import check
from puspa_build.reply_index import build_reply_index, dump
from puspa_build.schema_check import load_schema
from puspa_release.dist import BuildResult

from ..conftest import CONTENT, SERVICE_IDS, edit


@pytest.fixture(scope="module")
def index(built: tuple[Path, BuildResult]) -> dict:
    """The reply index as written by the real build."""
    dist, _ = built
    return json.loads((dist / "replies.json").read_text(encoding="utf-8"))


def test_index_validates_against_its_schema(index: dict) -> None:
    errors = list(Draft202012Validator(load_schema("replies.schema.json")).iter_errors(index))
    assert errors == []


def test_index_holds_every_service_and_is_small(built: tuple[Path, BuildResult]) -> None:
    dist, _ = built
    raw = (dist / "replies.json").read_bytes()
    assert sorted(json.loads(raw)["services"]) == sorted(SERVICE_IDS)
    model = len(json.dumps(json.loads(raw)["classifier"], separators=(",", ":")))
    assert len(raw) - model < 128 * 1024  # everything but the trained weights
    assert model < 640 * 1024  # the weights, pruned: parsed once per cold start


def test_rebuilding_unchanged_content_gives_identical_bytes(tmp_path: Path) -> None:
    """Two separate processes with different hash seeds write the same bytes."""
    for name, seed in (("a", "1"), ("b", "2")):
        subprocess.run(
            [sys.executable, "-m", "puspa_cli.main", "build", "--dist", str(tmp_path / name)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
    first = (tmp_path / "a" / "replies.json").read_bytes()
    assert first == (tmp_path / "b" / "replies.json").read_bytes()


def test_version_changes_when_content_changes(content_dir: Path) -> None:
    before = check(content_dir).index["version"]
    edit(content_dir / "layanan/kia.yaml", "Pas foto anak", "Pasfoto anak")
    assert check(content_dir).index["version"] != before


def test_every_message_fits_whatsapp(index: dict) -> None:
    texts = [*index["texts"].values(), *(s["reply"] for s in index["services"].values())]
    texts += [menu["text"] for menu in index["menus"].values()]
    assert max(len(text) for text in texts) <= limits.TEXT_BODY
    for menu in index["menus"].values():
        for page in menu["pages"]:
            rows = [row for section in page["action"]["sections"] for row in section["rows"]]
            assert len(rows) <= limits.LIST_ROWS
            assert len(page["action"]["button"]) <= limits.LIST_BUTTON
            assert len(page["body"]["text"]) <= limits.INTERACTIVE_BODY
            for row in rows:
                assert len(row["title"]) <= limits.LIST_ROW_TITLE
                assert len(row.get("description", "")) <= limits.LIST_ROW_DESCRIPTION


def test_keywords_are_normalised_and_ambiguous_stems_kept(index: dict) -> None:
    assert index["keywords"]["kk"] == "kartu-keluarga"
    assert index["keywords"]["e ktp"] == "e-ktp"
    assert index["keywords"]["akte"] == "akta-kelahiran"
    # "menikah" (KUA) and "nikahan" (resepsi) share a stem: the matcher must ask, not guess.
    assert index["stems"]["nikah"] == ["izin-resepsi", "kua"]


def test_dump_is_compact_json_with_a_final_newline() -> None:
    content_index = build_reply_index(check(CONTENT).content)
    raw = dump(content_index)
    assert raw.endswith(b"}\n")
    compact = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert raw.decode("utf-8") == compact + "\n"
