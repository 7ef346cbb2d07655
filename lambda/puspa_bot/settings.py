"""The responder's configuration, from the environment (see DESIGN.md, "Contracts")."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_API_BASE = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v23.0"
DEFAULT_REGION = "ap-southeast-3"
"""Jakarta; used only when no AWS region is configured (local tools)."""


@dataclass(frozen=True)
class Settings:
    """Everything the responder reads from its environment."""

    verify_token: str
    app_secret: str
    access_token: str
    api_base: str
    api_version: str
    table: str
    dynamodb_endpoint: str | None
    region: str
    staff_numbers: frozenset[str]
    decision_template: str
    """Name of the approved WhatsApp template that tells a resident of a decision ('' if none)."""
    handover_template: str
    """Name of the approved template that carries a staff member's answer after 24 hours."""
    template_language: str
    nik_pepper: str
    """Secret key of the keyed hashes of NIK and phone numbers (e-KTP list, resident counts)."""

    @classmethod
    def from_env(cls) -> Settings:
        """Read the environment. In AWS, secrets are SSM parameter names (`*_PARAMETER`)."""
        return cls(
            verify_token=secret("WHATSAPP_VERIFY_TOKEN"),
            app_secret=secret("WHATSAPP_APP_SECRET"),
            access_token=secret("WHATSAPP_ACCESS_TOKEN"),
            api_base=os.environ.get("WHATSAPP_API_BASE") or DEFAULT_API_BASE,
            api_version=os.environ.get("WHATSAPP_API_VERSION") or DEFAULT_API_VERSION,
            table=os.environ.get("PUSPA_TABLE", "puspa"),
            dynamodb_endpoint=os.environ.get("DYNAMODB_ENDPOINT") or None,
            region=os.environ.get("AWS_REGION") or DEFAULT_REGION,
            staff_numbers=frozenset(
                number.strip()
                for number in os.environ.get("PUSPA_STAFF_NUMBERS", "").split(",")
                if number.strip()
            ),
            decision_template=os.environ.get("WHATSAPP_DECISION_TEMPLATE", ""),
            handover_template=os.environ.get("WHATSAPP_HANDOVER_TEMPLATE", ""),
            template_language=os.environ.get("WHATSAPP_TEMPLATE_LANGUAGE") or "id",
            nik_pepper=secret("PUSPA_NIK_PEPPER"),
        )


def secret(name: str) -> str:
    """A secret: from SSM Parameter Store when `<name>_PARAMETER` names one, else `<name>`."""
    parameter = os.environ.get(f"{name}_PARAMETER")
    if not parameter:
        return os.environ.get(name, "")
    from aws_lambda_powertools.utilities import parameters

    return str(parameters.get_parameter(parameter, decrypt=True, max_age=300))
