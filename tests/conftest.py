"""Shared fixtures: a private copy of the real content, and one real build per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from puspa_bot import paths
from puspa_bot.conversation import Incoming, Kind, Outcome, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex, load_index
from puspa_bot.store import DynamoStore
from puspa_build.content import Content, load_content
from puspa_local.tables import create_table_arguments
from puspa_release.dist import BuildResult, build

from .fake_graph_api import FakeGraphApi
from .local_stack import LocalStack, stack_env

PROJECT = paths.PROJECT
CONTENT = PROJECT / "content"
ASKED_AT = 1_800_000_000
"""When `ask` sends its message (any fixed time: the engine is a pure function of it)."""

# The 21 service ids fixed by the design (file names and portal addresses).
SERVICE_IDS = (
    "kartu-keluarga e-ktp izin-spanduk izin-usaha tdp-mikro izin-angkut-jenazah "
    "izin-kubur-jenazah izin-bangun-makam iumk izin-huller izin-paud izin-tbm "
    "izin-resepsi cek-ektp pbb kia akta-kelahiran legalisir-kk-ktp kua data-pertanian "
    "telepon-penting"
).split()


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real content that a test may change, in the working directory (so that
    messages name its files content/..., as they do for an editor in the project)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """Build the real content once; return the dist folder and the build result."""
    dist = tmp_path_factory.mktemp("dist")
    return dist, build(CONTENT, dist)


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` (which must occur `count` times) by `new`; return the line of the first."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line where `needle` first occurs in a file."""
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="session")
def content() -> Content:
    """The real content, read once (tests that only read it)."""
    loaded, problems = load_content(CONTENT)
    assert problems == []
    return loaded


def ask(index: ReplyIndex, text: str) -> Outcome:
    """Send one text as the first message of a conversation."""
    return respond(index, State(), Incoming(Kind.TEXT, text, timestamp=ASKED_AT))


def reply(index: ReplyIndex, service_id: str) -> str:
    """The service's full WhatsApp answer."""
    return index.services[service_id]["reply"]


def labelled_line(text: str, label: str) -> str:
    """The one line of a reply that starts with a bold label, e.g. '*Biaya:*'."""
    (found,) = [line for line in text.splitlines() if line.startswith(label)]
    return found


@pytest.fixture(scope="session")
def index(built: tuple[Path, BuildResult]) -> ReplyIndex:
    """The reply index of the real content, as the responder loads it."""
    return load_index(built[0] / "replies.json")


@pytest.fixture
def graph() -> Iterator[FakeGraphApi]:
    """A fake WhatsApp Graph API listening on 127.0.0.1."""
    fake = FakeGraphApi().start()
    yield fake
    fake.stop()


@pytest.fixture
def stack(
    tmp_path: Path, graph: FakeGraphApi, built: tuple[Path, BuildResult]
) -> Iterator[LocalStack]:
    """`make dev`'s program with its own ports and data folder, sending to the fake Graph API."""
    env = stack_env(tmp_path, graph.url, built[0] / "replies.json")
    local = LocalStack(env, tmp_path / "dev.log")
    local.start()
    yield local
    local.stop()


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A moto DynamoDB client with the PUSPA table ('puspa') from infra/table.json."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="ap-southeast-3")
        client.create_table(**create_table_arguments("puspa"))
        yield client


@pytest.fixture
def office_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoStore]:
    """The office computer's view: AWS configured (moto), table 'puspa-office', no local stack."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "ap-southeast-3",
        "PUSPA_TABLE": "puspa-office",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("DYNAMODB_ENDPOINT", "DYNALITE_PORT"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        client = boto3.client("dynamodb", region_name="ap-southeast-3")
        client.create_table(**create_table_arguments("puspa-office"))
        yield DynamoStore("puspa-office", client)


@pytest.fixture
def store(dynamodb: Any) -> DynamoStore:
    """The responder's store on that table."""
    return DynamoStore("puspa", dynamodb)


def fail_once(monkeypatch: pytest.MonkeyPatch, target: Any, method: str, code: str) -> None:
    """Make `target.method` raise a DynamoDB ClientError with `code` on its next call only."""
    real = getattr(target, method)
    failed = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        if not failed:
            failed.append(True)
            raise ClientError({"Error": {"Code": code}}, method)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, method, flaky)
