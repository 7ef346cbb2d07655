"""Append items to a list in a YAML file's text, keeping everything else byte for byte.

Content files carry comments, key order and a quoting style that editors chose; a round trip
through yaml.dump would lose them. So the list is found in the parsed node tree (which knows
the line and column of every value), and the new items are written as lines after its last
item, with the same dash indentation and quoting, in the file's own line endings. The result
is parsed again and must hold the old data with only those items added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import yaml
from puspa_build.errors import PuspaError

Path_ = tuple[str | int, ...]

_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
"""The line breaks PyYAML counts lines by (str.splitlines knows more, and would disagree)."""
_ITEM_PREFIX = re.compile(r" *- +")


class ListNotEditable(PuspaError):
    """The list cannot be extended by inserting lines (flow style, empty, or not a list)."""


def append_items(text: str, path: Path_, items: Sequence[str], name: str) -> str:
    """`text` with `items` added at the end of the block list at `path` (keys and positions).

    `name` names the file in errors. Items are written in the quoting most of the list's items
    use (plain only where the text reads back as the same string, else double quotes).
    """
    if not items:
        return text
    node = _node_at(yaml.compose(text, Loader=yaml.SafeLoader), path, name)
    where = f"{name}: {_dotted(path)}"
    if not isinstance(node, yaml.SequenceNode):
        raise ListNotEditable(f"{where} bukan daftar; tambahkan contoh secara manual.")
    if node.flow_style or not node.value:
        raise ListNotEditable(
            f"{where} ditulis dalam satu baris ([...]); tulis sebagai daftar ber-'-' dulu."
        )
    lines = _lines(text)
    last = node.value[-1]
    prefix = lines[last.start_mark.line][: last.start_mark.column]
    if not _ITEM_PREFIX.fullmatch(prefix):
        raise ListNotEditable(
            f"{where}: butir terakhir (baris {last.start_mark.line + 1}) tidak diawali '- '; "
            "tambahkan contoh secara manual."
        )
    end = last.end_mark.line if last.end_mark.column > 0 else last.end_mark.line - 1
    newline = _ending(lines[end]) or _ending(lines[0]) or "\n"
    if not _ending(lines[end]):
        lines[end] += newline
    style = _style(node)
    added = [f"{prefix}{quoted(item, style)}{newline}" for item in items]
    updated = "".join(lines[: end + 1] + added + lines[end + 1 :])
    _check_only_added(text, updated, path, list(items), where)
    return updated


def quoted(item: str, style: str | None) -> str:
    """One item as a YAML scalar in `style` ('"', "'", or None for plain when it is safe)."""
    if style == "'":
        return "'" + item.replace("'", "''") + "'"
    if style is None and _reads_back(item):
        return item
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_back(item: str) -> bool:
    """Whether `item` written plain parses back as exactly that string."""
    if item != item.strip() or not item:
        return False
    try:
        return yaml.safe_load(f"- {item}\n") == [item]
    except yaml.YAMLError:
        return False


def _style(node: yaml.SequenceNode) -> str | None:
    """The quoting most of the list's scalar items use (the last item's on a tie)."""
    styles = [item.style for item in node.value if isinstance(item, yaml.ScalarNode)]
    counted = Counter(style if style in ('"', "'") else None for style in styles)
    if not counted:
        return '"'
    best = max(counted.values())
    last = styles[-1] if styles[-1] in ('"', "'") else None
    return last if counted[last] == best else counted.most_common(1)[0][0]


def _node_at(root: yaml.Node | None, path: Path_, name: str) -> yaml.Node:
    """The node at `path` (mapping keys and list positions)."""
    node = root
    for step, key in enumerate(path):
        found = None
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            found = next((value for k, value in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            found = node.value[key] if 0 <= key < len(node.value) else None
        if found is None:
            raise ListNotEditable(f"{name}: {_dotted(path[: step + 1])} tidak ditemukan.")
        node = found
    if node is None:
        raise ListNotEditable(f"{name} kosong.")
    return node


def _check_only_added(old: str, new: str, path: Path_, items: list[str], where: str) -> None:
    """The new text must read as the old data with exactly `items` appended at `path`."""
    expected = yaml.safe_load(old)
    target = expected
    for key in path:
        target = target[key]
    target.extend(items)
    try:
        same = yaml.safe_load(new) == expected
    except yaml.YAMLError:
        same = False
    if not same:
        raise ListNotEditable(f"{where}: contoh tidak bisa disisipkan dengan aman; tulis manual.")


def _lines(text: str) -> list[str]:
    """The text's lines, each with its own line break (the last may have none)."""
    lines, start = [], 0
    for found in _BREAK.finditer(text):
        lines.append(text[start : found.end()])
        start = found.end()
    lines.append(text[start:])
    return lines


def _ending(line: str) -> str:
    """The line break a line ends with ('' for none)."""
    found = _BREAK.search(line)
    return found.group() if found else ""


def _dotted(path: Path_) -> str:
    """`topik.3.contoh`, list positions counted from 1 as editors count."""
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path)
