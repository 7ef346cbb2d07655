"""Facts the local stack takes from infra/template.yaml, so that it behaves like the deployment."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from puspa_bot import paths

TEMPLATE = paths.INFRA / "template.yaml"
FUNCTION = "ResponderFunction"
DEFAULT_TIMEOUT = 3
"""Lambda's default Timeout (seconds) when neither the function nor Globals set one."""
DEFAULT_MEMORY = 128
"""Lambda's default MemorySize (MB)."""


class CloudFormationLoader(yaml.SafeLoader):
    """A safe YAML loader that reads CloudFormation short tags (!Ref, !If, ...) as plain values."""


def _short_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """Read `!Tag value` as {"Tag": value}, whatever the tag."""
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}


CloudFormationLoader.add_multi_constructor("!", _short_tag)


def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    """The SAM template as plain data."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=CloudFormationLoader)


def function_timeout(path: Path = TEMPLATE) -> int:
    """The responder's Timeout in seconds, as AWS gives it to every invocation."""
    return int(function_property("Timeout", DEFAULT_TIMEOUT, path))


def function_memory(path: Path = TEMPLATE) -> int:
    """The responder's MemorySize in MB."""
    return int(function_property("MemorySize", DEFAULT_MEMORY, path))


def function_property(name: str, default: Any, path: Path = TEMPLATE) -> Any:
    """A property of the responder function: its own, else the template's Globals, else AWS's."""
    return _function_properties(path).get(name, default)


@functools.cache
def _function_properties(path: Path) -> dict[str, Any]:
    """The responder's properties, over those the template's Globals give every function."""
    template = load_template(path)
    inherited = (template.get("Globals") or {}).get("Function") or {}
    own = template["Resources"][FUNCTION].get("Properties") or {}
    return {**inherited, **own}
