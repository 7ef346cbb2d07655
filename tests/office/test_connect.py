"""The office tools and `make chat` find the local stack where `make dev` runs it."""

from __future__ import annotations

import pytest
from puspa_office.connect import local_endpoint, open_table


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No endpoint, port or table configured by the caller's shell."""
    for name in ("DYNAMODB_ENDPOINT", "DYNALITE_PORT", "PUSPA_TABLE"):
        monkeypatch.delenv(name, raising=False)


def test_local_endpoint_is_make_devs_default_port() -> None:
    assert local_endpoint() == "http://127.0.0.1:4567"


def test_local_endpoint_honours_dynalite_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYNALITE_PORT", "14999")
    assert local_endpoint() == "http://127.0.0.1:14999"
    monkeypatch.setenv("DYNAMODB_ENDPOINT", "http://127.0.0.1:9000")  # still wins
    assert local_endpoint() == "http://127.0.0.1:9000"


def test_a_malformed_dynalite_port_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYNALITE_PORT", "45 67")
    with pytest.raises(ValueError, match="DYNALITE_PORT must be a port number"):
        local_endpoint()


def test_office_tools_use_make_devs_dynalite_when_its_port_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "configured")  # AWS would be used otherwise
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "configured")
    assert open_table()[1].startswith("AWS ")
    monkeypatch.setenv("DYNALITE_PORT", "14999")
    store, where = open_table()
    assert where == "http://127.0.0.1:14999, table puspa-local"
    assert store.client.meta.endpoint_url == "http://127.0.0.1:14999"
    monkeypatch.setenv("DYNAMODB_ENDPOINT", "http://127.0.0.1:9000")
    assert open_table()[1] == "http://127.0.0.1:9000, table puspa-local"


def test_the_office_table_translates_what_the_user_can_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from botocore.exceptions import ClientError
    from puspa_build.errors import NotConfigured, Unreachable
    from puspa_office.connect import office_table, table_error

    monkeypatch.setenv("DYNALITE_PORT", "45 67")
    with pytest.raises(NotConfigured, match="DYNALITE_PORT harus nomor port"), office_table():
        pass
    denied = ClientError({"Error": {"Code": "AccessDeniedException"}}, "Query")
    assert isinstance(table_error(denied, "AWS ap-southeast-3, table puspa"), NotConfigured)
    missing = ClientError({"Error": {"Code": "ResourceNotFoundException"}}, "DescribeTable")
    assert "PUSPA_TABLE" in str(table_error(missing, "http://127.0.0.1:1, table x"))
    assert isinstance(table_error(missing, "here"), Unreachable)
    assert table_error(KeyError("a bug"), "here") is None  # not ours to translate
