"""Read a YAML file together with the line of every value, so errors can name the line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as text (schemas check their form)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    """A parsed content file: its data, the line of each value, and its name for messages."""

    name: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """Return the line of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_yaml(path: Path, name: str) -> tuple[Source | None, list[Problem]]:
    """Parse one YAML file; return the source (None if unreadable) and any problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [
            Problem(name, 1, "(berkas)", "bukan teks UTF-8", "simpan ulang sebagai UTF-8")
        ]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = f"YAML tidak bisa dibaca ({exc.problem})"
        fix = "periksa indentasi (spasi, bukan tab) dan tanda titik dua di baris ini"
        return None, [Problem(name, line, "(berkas)", what, fix)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(name, 1, "(berkas)", "berkas kosong", "isi berkas sesuai contoh")]
    source = Source(name, data)
    problems: list[Problem] = []
    _index_lines(node, (), source, problems)
    return source, problems


def _index_lines(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> None:
    """Record the line of every value under `node`; report keys written twice."""
    source.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        source.name,
                        key_node.start_mark.line + 1,
                        dotted((*path, key)),
                        "ditulis dua kali",
                        "gabungkan keduanya menjadi satu",
                    )
                )
            seen.add(key)
            _index_lines(value_node, (*path, key), source, problems)
            source.lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), source, problems)


def dotted(path: Path_) -> str:
    """Name a value for an editor: `persyaratan.1.butir.3` (list positions count from 1)."""
    parts = [str(p + 1) if isinstance(p, int) else p for p in path]
    return ".".join(parts) or "(berkas)"
