"""The schemas themselves: valid, and associated with content files for editors."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from .conftest import CONTENT, PROJECT

SCHEMAS = sorted((PROJECT / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_content_file_names_its_schema_for_editors() -> None:
    mapping = json.loads((PROJECT / ".vscode/settings.json").read_text())["yaml.schemas"]
    for path in sorted(CONTENT.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), path
        assert f"./schemas/{schema.name}" in mapping, schema.name
