"""Conversation state, sign-ups and the outbox in DynamoDB (and in memory for local tools).

Keys follow infra/table.json: `pk`, `sk`, and the TTL attribute `expires_at`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from .conversation import FormProgress, Stage, State

PK, SK, TTL = "pk", "sk", "expires_at"
STATE_TTL = 24 * 60 * 60
"""A conversation's state is kept for a day after the resident's last message."""
PENDING_TTL = 30 * 24 * 60 * 60
"""A staff notification WhatsApp refused waits this long for that staff member to write."""
OUTBOX_TTL = 8 * 24 * 60 * 60
"""What was sent for a message is remembered as long as Meta may retry it (7 days), and a day."""
_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


def _attributes(item: dict[str, Any]) -> dict[str, Any]:
    """A plain dict as DynamoDB attribute values."""
    return {key: _SERIALIZER.serialize(value) for key, value in item.items()}


def _iso(now: int) -> str:
    """Seconds since the epoch as an ISO time in UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now))


def _record(item: dict[str, Any]) -> dict[str, Any]:
    """A stored sign-up item as its record (schemas/signup.schema.json): keys dropped."""
    plain = {key: _DESERIALIZER.deserialize(value) for key, value in item.items()}
    for key in (PK, SK):
        plain.pop(key, None)
    plain["expires_at"] = int(plain["expires_at"])
    return plain


class Store(Protocol):
    """Where the responder keeps what it must remember between messages."""

    def load(self, wa_id: str) -> State:
        """The resident's conversation state (a new one if none is stored)."""
        ...

    def save(self, wa_id: str, state: State) -> None:
        """Remember the resident's conversation state."""
        ...

    def create_signup(self, record: dict[str, Any]) -> bool:
        """Store a new sign-up unless its code exists; True when this call created it."""
        ...

    def get_signup(self, code: str) -> dict[str, Any] | None:
        """One sign-up by code."""
        ...

    def set_status(
        self, code: str, status: str, by: str, reason: str, now: int
    ) -> dict[str, Any] | None:
        """Decide a sign-up still 'baru'; the updated record, or None if it was not 'baru'."""
        ...

    def list_signups(self, status: str) -> list[dict[str, Any]]:
        """Sign-ups with one status, oldest first."""
        ...

    def erase_resident(self, wa_id: str) -> int:
        """Delete a resident's sign-ups and conversation state; how many sign-ups were deleted."""
        ...

    def add_pending(self, to: str, key: str, text: str, now: int) -> None:
        """Keep a message WhatsApp refused for now (e.g. 24-hour window) for `to`'s next visit."""
        ...

    def pending_for(self, to: str) -> list[tuple[str, str]]:
        """Messages kept for `to`: (key, text), oldest first."""
        ...

    def drop_pending(self, to: str, key: str) -> None:
        """Forget a kept message once it went out."""
        ...

    def was_sent(self, key: str) -> bool:
        """Whether the outgoing message `key` (message id and position) was already sent."""
        ...

    def mark_sent(self, key: str, now: int) -> None:
        """Record that the outgoing message `key` was sent."""
        ...


def state_to_json(state: State) -> str:
    """Serialise a state compactly."""
    data = asdict(state)
    if state.form is not None:
        data["form"]["stage"] = state.form.stage.value
    return json.dumps(data, separators=(",", ":"))


def state_from_json(text: str) -> State:
    """Read a stored state; anything unreadable is a new conversation."""
    try:
        data = json.loads(text)
        return State(
            options=tuple(str(o) for o in data.get("options", ())),
            trail=tuple(str(t) for t in data.get("trail", ())),
            at_service=bool(data.get("at_service", False)),
            last_seen=int(data.get("last_seen", 0)),
            form=_form_from(data.get("form")),
            last_question=str(data.get("last_question", "")),
            erase_pending=bool(data.get("erase_pending", False)),
            awaiting_nik=bool(data.get("awaiting_nik", False)),
            helpful_for=str(data.get("helpful_for", "")),
            helpful_asked=bool(data.get("helpful_asked", False)),
            survey=_survey_from(data.get("survey")),
        )
    except (ValueError, TypeError, AttributeError, KeyError):
        return State()


def _survey_from(data: Any) -> tuple[int, ...] | None:
    """A stored survey in progress (scores so far), or None."""
    return None if data is None else tuple(int(score) for score in data)


def _form_from(data: Any) -> FormProgress | None:
    """A stored form in progress, or None."""
    if not data:
        return None
    return FormProgress(
        stage=Stage(data["stage"]),
        step=int(data.get("step", 0)),
        answers={str(k): str(v) for k, v in dict(data.get("answers", {})).items()},
        editing=bool(data.get("editing", False)),
        active=bool(data.get("active", True)),
    )


@dataclass
class DynamoStore:
    """The store on a DynamoDB table (AWS, or dynalite locally)."""

    table: str
    client: Any
    """A boto3 DynamoDB client."""
    clock: Any = time.time

    def load(self, wa_id: str) -> State:
        """Read the resident's state (consistent read: the previous message just wrote it)."""
        found = self.client.get_item(
            TableName=self.table, Key=_conversation_key(wa_id), ConsistentRead=True
        ).get("Item")
        if not found or int(found.get(TTL, {}).get("N", "0")) < self.clock():
            return State()
        return state_from_json(found["state"]["S"])

    def save(self, wa_id: str, state: State) -> None:
        """Write the resident's state with its expiry."""
        item = {
            **_conversation_key(wa_id),
            "state": {"S": state_to_json(state)},
            TTL: {"N": str(int(self.clock()) + STATE_TTL)},
        }
        self.client.put_item(TableName=self.table, Item=item)

    def create_signup(self, record: dict[str, Any]) -> bool:
        """Conditional put: a code is written once, never overwritten."""
        item = {PK: f"SIGNUP#{record['code']}", SK: "SIGNUP", **record}
        try:
            self.client.put_item(
                TableName=self.table,
                Item=_attributes(item),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def get_signup(self, code: str) -> dict[str, Any] | None:
        """Read one sign-up (consistent: staff act on what was just written)."""
        found = self.client.get_item(
            TableName=self.table,
            Key={PK: {"S": f"SIGNUP#{code}"}, SK: {"S": "SIGNUP"}},
            ConsistentRead=True,
        ).get("Item")
        return _record(found) if found else None

    def set_status(
        self, code: str, status: str, by: str, reason: str, now: int
    ) -> dict[str, Any] | None:
        """Conditional update from 'baru', with a history line; None if not 'baru'."""
        entry = {"status": status, "by": by, "at": _iso(now), "reason": reason}
        try:
            updated = self.client.update_item(
                TableName=self.table,
                Key={PK: {"S": f"SIGNUP#{code}"}, SK: {"S": "SIGNUP"}},
                UpdateExpression="SET #status = :new, history = list_append(history, :entry)",
                ConditionExpression="#status = :open",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={
                    ":new": {"S": status},
                    ":open": {"S": "baru"},
                    ":entry": {"L": [_SERIALIZER.serialize(entry)]},
                },
                ReturnValues="ALL_NEW",
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return None
        return _record(updated["Attributes"])

    def list_signups(self, status: str) -> list[dict[str, Any]]:
        """Sign-ups with one status, oldest first (the by_status index)."""
        records: list[dict[str, Any]] = []
        arguments: dict[str, Any] = {
            "TableName": self.table,
            "IndexName": "by_status",
            "KeyConditionExpression": "#status = :status",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":status": {"S": status}},
        }
        while True:
            page = self.client.query(**arguments)
            records += [_record(item) for item in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                return records
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def erase_resident(self, wa_id: str) -> int:
        """Delete every sign-up of `wa_id` (the by_resident index) and their conversation."""
        keys: list[dict[str, Any]] = []
        arguments: dict[str, Any] = {
            "TableName": self.table,
            "IndexName": "by_resident",
            "KeyConditionExpression": "resident = :resident",
            "ExpressionAttributeValues": {":resident": {"S": wa_id}},
        }
        while True:
            page = self.client.query(**arguments)
            keys += [{PK: item[PK], SK: item[SK]} for item in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                break
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        for key in keys:
            self.client.delete_item(TableName=self.table, Key=key)
        self.client.delete_item(TableName=self.table, Key=_conversation_key(wa_id))
        return len(keys)

    def add_pending(self, to: str, key: str, text: str, now: int) -> None:
        """Write a kept message (pk PENDING#<to>) that expires after PENDING_TTL."""
        self.client.put_item(
            TableName=self.table,
            Item={
                PK: {"S": f"PENDING#{to}"},
                SK: {"S": key},
                "text": {"S": text},
                TTL: {"N": str(now + PENDING_TTL)},
            },
        )

    def pending_for(self, to: str) -> list[tuple[str, str]]:
        """Kept messages for `to`."""
        page = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": f"PENDING#{to}"}},
            ConsistentRead=True,
        )
        return [(item[SK]["S"], item["text"]["S"]) for item in page.get("Items", [])]

    def drop_pending(self, to: str, key: str) -> None:
        """Delete a kept message."""
        self.client.delete_item(
            TableName=self.table, Key={PK: {"S": f"PENDING#{to}"}, SK: {"S": key}}
        )

    def was_sent(self, key: str) -> bool:
        """Whether an outbox entry exists for `key`."""
        found = self.client.get_item(
            TableName=self.table,
            Key={PK: {"S": f"OUTBOX#{key}"}, SK: {"S": "SENT"}},
            ConsistentRead=True,
        )
        return "Item" in found

    def mark_sent(self, key: str, now: int) -> None:
        """Write the outbox entry for `key`."""
        self.client.put_item(
            TableName=self.table,
            Item={
                PK: {"S": f"OUTBOX#{key}"},
                SK: {"S": "SENT"},
                TTL: {"N": str(now + OUTBOX_TTL)},
            },
        )


@dataclass
class MemoryStore:
    """A store in memory, for the terminal chat and tests."""

    states: dict[str, State] = field(default_factory=dict)
    signups: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: set[str] = field(default_factory=set)
    pending: dict[str, dict[str, str]] = field(default_factory=dict)

    def load(self, wa_id: str) -> State:
        """The remembered state, or a new one."""
        return self.states.get(wa_id, State())

    def save(self, wa_id: str, state: State) -> None:
        """Remember a state."""
        self.states[wa_id] = state

    def create_signup(self, record: dict[str, Any]) -> bool:
        """Keep a sign-up unless its code exists."""
        if record["code"] in self.signups:
            return False
        self.signups[record["code"]] = dict(record)
        return True

    def get_signup(self, code: str) -> dict[str, Any] | None:
        """One sign-up by code."""
        return self.signups.get(code)

    def set_status(
        self, code: str, status: str, by: str, reason: str, now: int
    ) -> dict[str, Any] | None:
        """Decide a sign-up still 'baru'."""
        record = self.signups.get(code)
        if record is None or record["status"] != "baru":
            return None
        record["status"] = status
        record["history"] = [
            *record["history"],
            {"status": status, "by": by, "at": _iso(now), "reason": reason},
        ]
        return record

    def list_signups(self, status: str) -> list[dict[str, Any]]:
        """Sign-ups with one status, oldest first."""
        found = [r for r in self.signups.values() if r["status"] == status]
        return sorted(found, key=lambda r: r["created_at"])

    def erase_resident(self, wa_id: str) -> int:
        """Forget a resident's sign-ups and state."""
        codes = [code for code, r in self.signups.items() if r["resident"] == wa_id]
        for code in codes:
            del self.signups[code]
        self.states.pop(wa_id, None)
        return len(codes)

    def add_pending(self, to: str, key: str, text: str, now: int) -> None:
        """Keep a refused message."""
        self.pending.setdefault(to, {})[key] = text

    def pending_for(self, to: str) -> list[tuple[str, str]]:
        """Kept messages for `to`."""
        return sorted(self.pending.get(to, {}).items())

    def drop_pending(self, to: str, key: str) -> None:
        """Forget a kept message."""
        self.pending.get(to, {}).pop(key, None)

    def was_sent(self, key: str) -> bool:
        """Whether `key` was sent."""
        return key in self.sent

    def mark_sent(self, key: str, now: int) -> None:
        """Remember that `key` was sent."""
        self.sent.add(key)


def _conversation_key(wa_id: str) -> dict[str, dict[str, str]]:
    """The key of a resident's conversation item."""
    return {PK: {"S": f"CONV#{wa_id}"}, SK: {"S": "STATE"}}
