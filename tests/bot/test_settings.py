"""Configuration from the environment; secrets from SSM Parameter Store in AWS."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws
from puspa_bot.settings import DEFAULT_API_BASE, Settings


def test_defaults_and_staff_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WHATSAPP_API_BASE", "DYNAMODB_ENDPOINT", "WHATSAPP_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PUSPA_STAFF_NUMBERS", " 62811, 62822 ,,")
    settings = Settings.from_env()
    assert settings.api_base == DEFAULT_API_BASE
    assert settings.dynamodb_endpoint is None
    assert settings.access_token == ""
    assert settings.staff_numbers == frozenset({"62811", "62822"})


def test_secrets_come_from_ssm_when_a_parameter_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "ap-southeast-3")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("WHATSAPP_APP_SECRET", "not-this-one")
    monkeypatch.setenv("WHATSAPP_APP_SECRET_PARAMETER", "/puspa/whatsapp/app-secret")
    with mock_aws():
        ssm = boto3.client("ssm", region_name="ap-southeast-3")
        ssm.put_parameter(Name="/puspa/whatsapp/app-secret", Value="from-ssm", Type="SecureString")
        assert Settings.from_env().app_secret == "from-ssm"
