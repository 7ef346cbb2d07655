"""Open the PUSPA table for the office tools: AWS when configured, else a local endpoint.

The office tools never import the local stack (`puspa_local`): they only know where `make dev`
runs its dynalite (127.0.0.1 on DYNALITE_PORT, 4567 by default), as any client would.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from puspa_bot.ektp_list import DynamoEktpList
from puspa_bot.settings import secret
from puspa_bot.stats import DynamoStats
from puspa_bot.store import DynamoStore
from puspa_build.errors import NotConfigured, Unreachable

LOCAL_PORT = 4567
"""Where `make dev` runs dynalite when DYNALITE_PORT is not set."""
LOCAL_TABLE = "puspa-local"
LOCAL_PEPPER = "local-nik-pepper"
"""The hash key `make dev` uses when PUSPA_NIK_PEPPER is not set (never used in AWS)."""


HOW_TO_REACH = "Jalankan `make dev`, atau atur DYNAMODB_ENDPOINT / kredensial AWS."
"""What to do when the table cannot be reached (the end of every such message)."""


@dataclass(frozen=True)
class OfficeTable:
    """The PUSPA table the office tools work on, and a line saying where it is."""

    store: DynamoStore
    where: str

    def pepper(self) -> str:
        """The NIK hash key for this table; NotConfigured when it is not set."""
        key = nik_pepper(self.where)
        if not key:
            raise NotConfigured("PUSPA_NIK_PEPPER_PARAMETER (atau PUSPA_NIK_PEPPER) belum diatur.")
        return key


@contextmanager
def office_table() -> Iterator[OfficeTable]:
    """Open the table; AWS connection and credential errors inside become Indonesian errors."""
    try:
        store, where = open_table()
    except ValueError:  # the only one open_table raises: a malformed DYNALITE_PORT
        raise NotConfigured(
            "DYNALITE_PORT harus nomor port 1 sampai 65535: perbaiki atau hapus pengaturannya."
        ) from None
    except Exception as exc:
        translated = table_error(exc, "AWS")
        if translated is None:
            raise
        raise translated from None
    try:
        store.client.describe_table(TableName=store.table)  # unreachable before any work starts
        yield OfficeTable(store, where)
    except Exception as exc:
        translated = table_error(exc, where)
        if translated is None:
            raise
        raise translated from None


def table_error(exc: Exception, where: str) -> Unreachable | NotConfigured | None:
    """One clear error for botocore's connection, credential and access errors; None for others."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        ConnectionError,
        NoCredentialsError,
        NoRegionError,
        PartialCredentialsError,
    )

    place = where.split(",")[0]
    if isinstance(exc, ConnectionError):
        return Unreachable(f"Tabel tidak dapat dihubungi di {place}. {HOW_TO_REACH}")
    if isinstance(exc, NoCredentialsError | PartialCredentialsError):
        return NotConfigured(f"Kredensial AWS tidak lengkap. {HOW_TO_REACH}")
    if isinstance(exc, NoRegionError):
        return NotConfigured("Wilayah AWS belum diatur: atur AWS_REGION, misalnya ap-southeast-3.")
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ResourceNotFoundException":
            return Unreachable(
                f"Tabel tidak ada di {where}. Jalankan `make dev`, atau periksa PUSPA_TABLE."
            )
        if code in _REFUSED:
            return NotConfigured(f"AWS menolak kredensial ({code}) untuk {where}. {HOW_TO_REACH}")
        return Unreachable(f"Tabel di {where} menolak permintaan ({code}). Coba lagi nanti.")
    if isinstance(exc, BotoCoreError):
        return Unreachable(f"Tabel tidak dapat dipakai di {place}. {HOW_TO_REACH}")
    return None


_REFUSED = {
    "AccessDeniedException",
    "UnrecognizedClientException",
    "ExpiredTokenException",
    "InvalidSignatureException",
    "MissingAuthenticationTokenException",
}


def open_table() -> tuple[DynamoStore, str]:
    """The store and a line saying where it is.

    DYNAMODB_ENDPOINT wins; then DYNALITE_PORT, which means `make dev`'s dynalite on that port;
    otherwise AWS when credentials are configured (PUSPA_TABLE names the table); otherwise the
    local stack of `make dev` on 127.0.0.1:4567.
    """
    import boto3

    endpoint = os.environ.get("DYNAMODB_ENDPOINT") or (
        local_endpoint() if os.environ.get("DYNALITE_PORT", "").strip() else None
    )
    region = (
        os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "ap-southeast-3"
    )
    session = boto3.Session(region_name=region)
    if endpoint is None and session.get_credentials() is not None:
        table = os.environ.get("PUSPA_TABLE", "puspa")
        return DynamoStore(table, session.client("dynamodb")), f"AWS {region}, table {table}"
    return open_local(endpoint or local_endpoint())


def local_endpoint() -> str:
    """The local DynamoDB-compatible server: $DYNAMODB_ENDPOINT, else make dev's dynalite.

    make dev's dynalite listens on $DYNALITE_PORT, 4567 when that is not set.
    """
    port = port_from_env("DYNALITE_PORT", LOCAL_PORT)
    return os.environ.get("DYNAMODB_ENDPOINT") or f"http://127.0.0.1:{port}"


def port_from_env(name: str, default: int) -> int:
    """A TCP port from the environment variable `name`; ValueError naming it when malformed."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise ValueError(f"{name} must be a port number from 1 to 65535, not {text!r}")
    return int(text)


def open_local(endpoint: str) -> tuple[DynamoStore, str]:
    """The PUSPA table on a local DynamoDB-compatible server, and a line saying where."""
    import boto3
    from botocore.config import Config

    client: Any = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        config=Config(connect_timeout=2, retries={"mode": "standard", "max_attempts": 2}),
        region_name=os.environ.get("AWS_REGION") or "ap-southeast-3",
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
    )
    table = os.environ.get("PUSPA_TABLE", LOCAL_TABLE)
    return DynamoStore(table, client), f"{endpoint}, table {table}"


def ektp_list(store: DynamoStore) -> DynamoEktpList:
    """The printed e-KTP list on the same table as `store`."""
    return DynamoEktpList(store.table, store.client)


def stats(store: DynamoStore) -> DynamoStats:
    """The monthly figures on the same table as `store`."""
    return DynamoStats(store.table, store.client)


def nik_pepper(where: str) -> str:
    """The hash key: PUSPA_NIK_PEPPER(_PARAMETER); on the local stack, make dev's default."""
    configured = secret("PUSPA_NIK_PEPPER")
    if configured or where.startswith("AWS"):
        return configured
    return LOCAL_PEPPER
