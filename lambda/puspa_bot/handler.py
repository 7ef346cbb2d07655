"""The Lambda function behind PUSPA's Function URL: Meta's WhatsApp webhook.

GET answers Meta's verification; POST checks the signature before anything else, then
answers each message once (Powertools Idempotency, keyed by a keyed hash of the message id).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import time
import warnings
from datetime import datetime
from typing import Any

import boto3
from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
)

from . import signature
from .conversation import Outcome, Unmatched
from .ektp_list import DynamoEktpList
from .graph_api import GraphApi, GraphApiError, PrintingSender
from .privacy import mask_numbers, message_key
from .reply_index import load_index
from .responder import Responder
from .settings import Settings
from .stats import DynamoStats
from .store import PK, SK, TTL, DynamoStore
from .whatsapp_payload import Delivery, deliveries

SAFETY_MARGIN = 1.5
"""Seconds kept free at the end of the Lambda's time budget."""
SCHEDULE_SOURCE = "aws.events"
"""The `source` of an EventBridge scheduled event (the handover sweep)."""
IDEMPOTENCY_SECONDS = 8 * 24 * 60 * 60
"""Meta retries a delivery for up to 7 days; a message id is remembered a day longer."""


class MaskNumbers(logging.Filter):
    """Mask phone numbers, NIKs (however spaced) and e-mail addresses in every log message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message with numbers masked; never drop a record."""
        record.msg = mask_numbers(record.getMessage(), mask="<angka>")
        record.args = None
        return True


# A GET (Meta's verification) publishes no metric; that is expected, not worth a warning.
warnings.filterwarnings("ignore", message="No application metrics to publish")

settings = Settings.from_env()
logger = Logger(service="puspa")
logger.addFilter(MaskNumbers())
metrics = Metrics(namespace="PUSPA", service="puspa")
dynamodb = boto3.client(
    "dynamodb", region_name=settings.region, endpoint_url=settings.dynamodb_endpoint
)
index = load_index()
sender = (
    GraphApi(settings.api_base, settings.api_version, settings.access_token)
    if settings.access_token
    else PrintingSender()
)
responder = Responder(
    index,
    DynamoStore(settings.table, dynamodb),
    sender,
    settings.staff_numbers,
    {"name": settings.decision_template, "language": settings.template_language}
    if settings.decision_template
    else None,
    handover_template=(
        {"name": settings.handover_template, "language": settings.template_language}
        if settings.handover_template
        else None
    ),
    cards=DynamoEktpList(settings.table, dynamodb),
    stats=DynamoStats(settings.table, dynamodb),
    pepper=settings.nik_pepper,
)
persistence = DynamoDBPersistenceLayer(
    table_name=settings.table,
    key_attr=PK,
    sort_key_attr=SK,
    static_pk_value="IDEMPOTENCY",
    expiry_attr=TTL,
    boto3_client=dynamodb,
)
idempotency = IdempotencyConfig(
    event_key_jmespath="message_key", expires_after_seconds=IDEMPOTENCY_SECONDS
)


@idempotent_function(
    data_keyword_argument="message", config=idempotency, persistence_store=persistence
)
def answer_once(message: dict[str, Any], deadline: float) -> dict[str, Any]:
    """Answer one message; a message already answered is skipped by Powertools."""
    delivery: Delivery = message["delivery"]
    outcome = responder.handle(delivery, deadline)
    if outcome is None:
        logger.info("already answered")
        return {"intent": None, "service": None}
    _measure(outcome)
    logger.info(
        "answered",
        extra={
            "intent": outcome.intent.value,
            "service": outcome.service,
            "version": index.version,
        },
    )
    return {"intent": outcome.intent.value, "service": outcome.service}


def _measure(outcome: Outcome) -> None:
    """Add the message to the metrics: one message, and one unmatched question if it was."""
    metrics.add_metric(name="Messages", unit=MetricUnit.Count, value=1)
    if any(isinstance(effect, Unmatched) for effect in outcome.effects):
        metrics.add_metric(name="Unmatched", unit=MetricUnit.Count, value=1)
    # Intents and services as metadata: searchable with the metrics, no extra metric to pay for.
    metrics.add_metadata(key="intent", value=outcome.intent.value)
    if outcome.service:
        metrics.add_metadata(key="answered_service", value=outcome.service)


def sweep(event: dict[str, Any], deadline: float) -> dict[str, Any]:
    """The scheduled sweep: close the handovers nobody answered in time, telling the resident
    and staff. The time is the event's own (EventBridge's), so a late run judges rightly."""
    now = _event_time(event.get("time")) or int(time.time())
    sent = responder.expire_handovers(now, deadline)
    logger.info("sweep", extra={"messages": sent})
    return {"expired_messages": sent}


def _event_time(text: Any) -> int | None:
    """Seconds since the epoch of an EventBridge time ('2026-12-02T05:00:00Z'), or None."""
    try:
        return int(datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def webhook(event: dict[str, Any], deadline: float) -> dict[str, Any]:
    """Route a Function URL request: GET verification or POST delivery."""
    method = event.get("requestContext", {}).get("http", {}).get("method", "")
    if method == "GET":
        return _verify(event.get("queryStringParameters") or {})
    if method != "POST":
        return _response(405, "method not allowed")
    body = _raw_body(event)
    if body is None:
        return _response(400, "malformed body")
    headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
    header = headers.get("x-hub-signature-256")
    if not header:
        return _response(401, "missing signature")
    if not signature.is_valid(body, header, settings.app_secret):
        return _response(403, "bad signature")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        return _response(400, "malformed JSON")
    return _answer_all(payload, deadline)


def _answer_all(payload: Any, deadline: float) -> dict[str, Any]:
    """Answer every message in the payload; ask Meta to retry if any could not be answered."""
    retry = False
    for delivery in deliveries(payload, received=int(time.time())):
        key = message_key(settings.nik_pepper, delivery.message_id)
        logger.set_correlation_id(key)  # never the id itself: it carries the sender's number
        try:
            answer_once(message={"message_key": key, "delivery": delivery}, deadline=deadline)
        except IdempotencyAlreadyInProgressError:
            retry = True  # another invocation is answering it; Meta's retry will find it done
        except GraphApiError as error:
            logger.warning("reply not sent", extra={"code": error.code})
            retry = retry or error.retry_later
        except Exception as error:  # any failure must become Meta's retry, never a lost message
            logger.error(
                "message not answered; Meta will retry", extra={"error": type(error).__name__}
            )
            retry = True
    logger.set_correlation_id(None)
    return _response(500, "retry later") if retry else _response(200, "ok")


def _verify(query: dict[str, str]) -> dict[str, Any]:
    """Meta's subscription check: echo the challenge when the verify token matches."""
    token = str(query.get("hub.verify_token", "")).encode("utf-8", "surrogatepass")
    if (
        query.get("hub.mode") == "subscribe"
        and settings.verify_token
        and hmac.compare_digest(token, settings.verify_token.encode("utf-8"))
    ):
        return _response(200, query.get("hub.challenge", ""))
    return _response(403, "forbidden")


def _raw_body(event: dict[str, Any]) -> bytes | None:
    """The request body exactly as sent (the signature covers these bytes); None if unreadable."""
    body = event.get("body") or ""
    try:
        if event.get("isBase64Encoded"):
            return base64.b64decode(body, validate=True)
        return body.encode("utf-8", "surrogatepass")
    except (binascii.Error, ValueError, TypeError, AttributeError):
        return None


def _response(status: int, text: str) -> dict[str, Any]:
    """A plain-text Function URL response."""
    return {"statusCode": status, "headers": {"Content-Type": "text/plain"}, "body": text}


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The Lambda entry point: never raises (a failure is one log line and Meta's retry)."""
    idempotency.register_lambda_context(context)
    deadline = time.monotonic() + context.get_remaining_time_in_millis() / 1000 - SAFETY_MARGIN
    try:
        if event.get("source") == SCHEDULE_SOURCE:  # EventBridge's sweep, never a Function URL
            return sweep(event, deadline)
        return webhook(event, deadline)
    except Exception as error:
        logger.error("request not handled; Meta will retry", extra={"error": type(error).__name__})
        return _response(500, "retry later")
