"""The house stays as its documents describe it: every module is named, the arrows point one way."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT

ROOMS = {
    "build/puspa_build": "the content compiler",
    "build/puspa_portal": "the portal",
    "build/puspa_release": "what leaves the building",
    "office/puspa_cli": "the `puspa` command",
    "office/puspa_office": "the office computer's tools",
    "lambda/puspa_bot": "the responder",
    "lambda/puspa_local": "the local stack",
}
README = (PROJECT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (PROJECT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _section(text: str, folder: str) -> str:
    """The part of architecture.md under the heading that names `folder`."""
    found = re.search(rf"^### `{re.escape(folder)}/`$(.*?)(?=^### |\Z)", text, re.M | re.S)
    return found.group(1) if found else ""


def _readme_rows(folder: str) -> str:
    """The README layout rows that start with `folder`."""
    return "\n".join(line for line in README.splitlines() if line.startswith(f"| `{folder}/`"))


@pytest.mark.parametrize("folder", sorted(ROOMS))
def test_every_module_is_described_with_its_room(folder: str) -> None:
    modules = sorted(p.name for p in (PROJECT / folder).glob("*.py") if p.name != "__init__.py")
    assert modules, f"{folder} has no modules"
    described = _section(ARCHITECTURE, folder) + _readme_rows(folder)
    missing = [name for name in modules if f"`{name}`" not in described]
    assert not missing, f"{folder}: not described in README.md or docs/architecture.md: {missing}"


def test_there_is_no_python_package_outside_the_rooms() -> None:
    packages = {
        p.parent.relative_to(PROJECT).as_posix()
        for top in ("build", "lambda", "office")
        for p in (PROJECT / top).glob("*/__init__.py")
    }
    assert packages == set(ROOMS)


def test_every_test_helper_is_described() -> None:
    helpers = sorted(p.name for p in (PROJECT / "tests").glob("*.py") if p.name != "__init__.py")
    section = _section(ARCHITECTURE, "tests")
    assert section
    missing = [name for name in helpers if f"`{name}`" not in section]
    assert not missing, f"tests/: not described in docs/architecture.md: {missing}"


def test_tests_mirror_the_rooms() -> None:
    """Each test module sits in its room's folder and names a module of that room."""
    rooms = {
        "compiler": ["build/puspa_build"],
        "portal": ["build/puspa_portal"],
        "release": ["build/puspa_release"],
        "cli": ["office/puspa_cli"],
        "office": ["office/puspa_office"],
        "bot": ["lambda/puspa_bot"],
        "local": ["lambda/puspa_local"],
    }
    stray = []
    for test in sorted((PROJECT / "tests").glob("*/test_*.py")):
        room = test.parent.name
        if room not in rooms:
            stray.append(f"{room}/{test.name}")
            continue
        module = test.stem.removeprefix("test_")
        names = {p.stem for folder in rooms[room] for p in (PROJECT / folder).glob("*.py")}
        if module not in names and not module.startswith(tuple(f"{n}_" for n in names)):
            stray.append(f"{room}/{test.name}")
    assert not stray, f"tests that name no module of their room: {stray}"


def test_the_arrows_point_the_way_design_draws_them() -> None:
    """No module outside the local stack and the tests imports it; no build code in the bot."""
    wrong = []
    for top in ("build", "lambda", "office"):
        for path in (PROJECT / top).rglob("*.py"):
            package = path.relative_to(PROJECT / top).parts[0]
            for imported in _imports(path):
                head = imported.split(".")[0]
                if head == "puspa_local" and package != "puspa_local":
                    wrong.append(f"{path.name} imports {imported}")
                if package == "puspa_bot" and head.startswith("puspa_") and head != "puspa_bot":
                    wrong.append(f"{path.name} imports {imported}")
                if package == "puspa_build" and head in ("boto3", "botocore"):
                    wrong.append(f"{path.name} imports {imported}")
                if package == "puspa_build" and head in ("puspa_portal", "puspa_release"):
                    wrong.append(f"{path.name} imports {imported}")
                if top == "build" and head in ("boto3", "botocore", "puspa_office", "puspa_cli"):
                    wrong.append(f"{path.name} imports {imported}: build/ never reaches AWS")
    assert not wrong


def test_the_arrows_tool_agrees() -> None:
    tool = PROJECT.parent / "shared" / "tools" / "arrows"
    if not tool.exists():
        pytest.skip("the arrows tool lives beside the project, not in a clone of it alone")
    run = subprocess.run([sys.executable, str(tool)], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _imports(path: Path) -> set[str]:
    """Every module name `path` imports (absolute imports only; relative stay in the package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found
