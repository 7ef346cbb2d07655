"""The responder's memory in DynamoDB (and in memory for local tools).

Conversations are written with a version: a message takes its turn only if nothing else
changed the conversation since it was loaded, so one resident's messages take effect one at
a time. Also: sign-ups, the outbox of replies already sent, staff notices kept for later,
and residents' requests for a person (PETUGAS).

Keys follow infra/table.json: `pk`, `sk`, and the TTL attribute `expires_at`. Every item that
names a resident carries `resident` and `created_at`, so the by_resident index finds it for
HAPUS DATA.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from .conversation import State
from .handover_store import DynamoHandovers, Handovers, MemoryHandovers
from .signup import NEW
from .state_codec import UnreadableState, decode, encode

_logger = logging.getLogger("puspa")
PK, SK, TTL = "pk", "sk", "expires_at"
STATE_TTL = 24 * 60 * 60
"""A conversation's state is kept for a day after the resident's last message."""
PENDING_TTL = 30 * 24 * 60 * 60
"""A staff notification WhatsApp refused waits this long for that staff member to write."""
OUTBOX_TTL = 8 * 24 * 60 * 60
"""What is needed to finish answering a message is kept as long as Meta may retry it (7
days), and a day: the outbox of its sent replies, and its conversation while it is unfinished."""
CALL_TTL = 30 * 24 * 60 * 60
"""A request for a person (PETUGAS) is listed for the office this long."""
CHANGE_ATTEMPTS = 8
"""Times a state changed from another person's turn is tried while the owner writes too."""
APPLIED_KEPT = 8
"""How many of a conversation's latest message keys are remembered, to skip redeliveries."""
CALL_OPEN, CALL_CLOSED = "menunggu", "selesai"
_IN_FLIGHT = "in_flight:"
_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()
_CALLS = {PK: {"S": "STAFFCALL"}}


def _attributes(item: Mapping[str, Any]) -> dict[str, Any]:
    """A plain dict as DynamoDB attribute values."""
    return {key: _SERIALIZER.serialize(value) for key, value in item.items()}


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    """DynamoDB attribute values as a plain dict, without the keys."""
    plain = {key: _DESERIALIZER.deserialize(value) for key, value in item.items()}
    for key in (PK, SK):
        plain.pop(key, None)
    return plain


def query_all(client: Any, **arguments: Any) -> list[dict[str, Any]]:
    """Every item a Query finds, all pages."""
    items: list[dict[str, Any]] = []
    while True:
        page = client.query(**arguments)
        items += page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return items
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def iso_time(now: int) -> str:
    """Seconds since the epoch as an ISO time in UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now))


def _record(item: dict[str, Any]) -> dict[str, Any]:
    """A stored sign-up item as its record (schemas/signup.schema.json): keys dropped."""
    plain = _plain(item)
    plain["expires_at"] = int(plain["expires_at"])
    return plain


@dataclass(frozen=True)
class InFlight:
    """A message that took its turn (its new state is saved) but is not wholly answered yet."""

    before: State
    """The state it was answered from: answering it again from here gives the same answer."""
    at: int
    """The message's time as it was answered."""


@dataclass(frozen=True)
class Conversation:
    """A resident's conversation as stored."""

    state: State = field(default_factory=State)
    version: int = 0
    """How many times it was written; 0 when nothing is stored."""
    applied: tuple[str, ...] = ()
    """Keys of the latest messages that took their turn, oldest first."""
    in_flight: Mapping[str, InFlight] = field(default_factory=dict)
    """Messages that took their turn but are not wholly answered, by message key."""


@dataclass(frozen=True)
class Outbox:
    """What is known of answering one message: replies sent, and what HAPUS DATA erased."""

    sent: frozenset[str] = frozenset()
    """Digests of the replies already sent (see responder.reply_digests)."""
    erased: int | None = None
    """Sign-ups this message erased (HAPUS DATA), kept until its answer is sent."""


class Store(Protocol):
    """Where the responder keeps what it must remember between messages."""

    def load(self, wa_id: str) -> Conversation:
        """The resident's conversation (an empty one if none is stored)."""
        ...

    def take_turn(self, wa_id: str, seen: Conversation, key: str, state: State, at: int) -> bool:
        """Save the state message `key` led to, unless the conversation changed since `seen`.

        True when saved; False when another message came first (load again and answer anew).
        The message stays in flight, with the state it was answered from, until finish_turn.
        """
        ...

    def finish_turn(self, wa_id: str, key: str) -> None:
        """Forget that message `key` is in flight, and its outbox: it is wholly answered."""
        ...

    def outbox(self, key: str) -> Outbox:
        """What is recorded of answering message `key`."""
        ...

    def mark_sent(self, key: str, digest: str, now: int) -> None:
        """Record that a reply (by its digest) of message `key` was sent."""
        ...

    def erase_resident(self, wa_id: str, key: str, now: int) -> int:
        """HAPUS DATA by message `key`: delete every item naming the resident; sign-ups erased.

        The count is recorded in the message's outbox first, so a retry tells the same number.
        """
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

    def add_pending(self, to: str, key: str, text: str, about: str, now: int) -> None:
        """Keep a message WhatsApp refused for now (e.g. 24-hour window) for `to`'s next visit.

        `about` is the resident the message names (HAPUS DATA deletes it with their data).
        """
        ...

    def pending_for(self, to: str) -> list[tuple[str, str]]:
        """Messages kept for `to`: (key, text), oldest first."""
        ...

    def drop_pending(self, to: str, key: str) -> None:
        """Forget a kept message once it went out."""
        ...

    def add_call(self, code: str, resident: str, question: str, now: int) -> None:
        """Record a resident's request for a person (PETUGAS) for the office's list."""
        ...

    def list_calls(self) -> list[dict[str, Any]]:
        """Requests for a person, oldest first."""
        ...

    def close_call(self, code: str, by: str, now: int) -> dict[str, Any] | None:
        """Mark a request handled; the record, or None if there is no open request `code`."""
        ...

    @property
    def handovers(self) -> Handovers:
        """The handovers to staff (handover_store.py)."""
        ...

    def change_state(self, wa_id: str, change: Callable[[State], State | None]) -> State | None:
        """Change someone's stored state from another person's turn (a staff member closing a
        resident's handover): `change` gets the state and returns the new one, or None to leave
        it. Conditional on the version, retried when a message of theirs came first."""
        ...


def stored_state(text: str) -> State:
    """A stored state, or a new conversation when it cannot be read (logged, never silent)."""
    if not text:
        return State()
    try:
        return decode(text)
    except UnreadableState as error:
        _logger.warning("stored state unreadable (%s): a new conversation", error)
        return State()


def _in_flight_to_json(in_flight: InFlight) -> str:
    """Serialise an in-flight message: the state it was answered from, and its time."""
    return json.dumps({"before": json.loads(encode(in_flight.before)), "at": in_flight.at})


def _in_flight_from_json(text: str) -> InFlight | None:
    """Read an in-flight message; None when unreadable (it is then answered as new)."""
    try:
        data = json.loads(text)
        return InFlight(decode(json.dumps(data["before"])), int(data["at"]))
    except (ValueError, TypeError, KeyError):  # UnreadableState is a ValueError
        return None


def _applied_after(seen: Conversation, key: str) -> tuple[str, ...]:
    """The applied keys once `key` took its turn: the latest APPLIED_KEPT."""
    return (*seen.applied, key)[-APPLIED_KEPT:]


@dataclass
class DynamoStore:
    """The store on a DynamoDB table (AWS, or dynalite locally)."""

    table: str
    client: Any
    """A boto3 DynamoDB client."""
    clock: Any = time.time

    @property
    def handovers(self) -> DynamoHandovers:
        """The handovers, on the same table."""
        return DynamoHandovers(self.table, self.client)

    def change_state(self, wa_id: str, change: Callable[[State], State | None]) -> State | None:
        """Update the state attribute alone (in-flight entries stay), on the version."""
        for _ in range(CHANGE_ATTEMPTS):
            seen = self.load(wa_id)
            changed = change(seen.state)
            if changed is None or not seen.version:
                return None  # nothing to change, or no conversation (expired, erased)
            try:
                self.client.update_item(
                    TableName=self.table,
                    Key=_conversation_key(wa_id),
                    UpdateExpression="SET #state = :state, #version = :next",
                    ConditionExpression="#version = :seen",
                    ExpressionAttributeNames={"#state": "state", "#version": "version"},
                    ExpressionAttributeValues={
                        ":state": {"S": encode(changed)},
                        ":next": {"N": str(seen.version + 1)},
                        ":seen": {"N": str(seen.version)},
                    },
                )
            except self.client.exceptions.ConditionalCheckFailedException:
                continue
            return changed
        raise RuntimeError(f"state not changed after {CHANGE_ATTEMPTS} attempts")

    def load(self, wa_id: str) -> Conversation:
        """Read the conversation (consistent: the previous message just wrote it).

        An item past its expiry (DynamoDB's TTL deletes late) is an empty conversation that
        keeps its version, so the next write still checks it.
        """
        found = self.client.get_item(
            TableName=self.table, Key=_conversation_key(wa_id), ConsistentRead=True
        ).get("Item")
        if not found:
            return Conversation()
        version = int(found.get("version", {}).get("N", "0"))
        if int(found.get(TTL, {}).get("N", "0")) < self.clock():
            return Conversation(version=version)
        in_flight = {
            name.removeprefix(_IN_FLIGHT): _in_flight_from_json(value.get("S", ""))
            for name, value in found.items()
            if name.startswith(_IN_FLIGHT)
        }
        return Conversation(
            state=stored_state(found.get("state", {}).get("S", "")),
            version=version,
            applied=tuple(entry.get("S", "") for entry in found.get("applied", {}).get("L", [])),
            in_flight={key: value for key, value in in_flight.items() if value is not None},
        )

    def take_turn(self, wa_id: str, seen: Conversation, key: str, state: State, at: int) -> bool:
        """Put the whole item, conditional on the version `seen` had (none: no version yet).

        Every write to a conversation adds one to its version, so a put that would undo
        another message's write (its state, or its finish_turn) fails and is answered anew.
        """
        in_flight = {**seen.in_flight, key: InFlight(seen.state, at)}
        item = {
            **_conversation_key(wa_id),
            "state": {"S": encode(state)},
            "version": {"N": str(seen.version + 1)},
            "applied": {"L": [{"S": applied} for applied in _applied_after(seen, key)]},
            **{_IN_FLIGHT + k: {"S": _in_flight_to_json(v)} for k, v in in_flight.items()},
            TTL: {"N": str(int(self.clock()) + OUTBOX_TTL)},
        }
        condition: dict[str, Any] = {"ExpressionAttributeNames": {"#version": "version"}}
        if seen.version:
            condition["ConditionExpression"] = "#version = :seen"
            condition["ExpressionAttributeValues"] = {":seen": {"N": str(seen.version)}}
        else:
            condition["ConditionExpression"] = "attribute_not_exists(#version)"
        try:
            self.client.put_item(TableName=self.table, Item=item, **condition)
        except self.client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def finish_turn(self, wa_id: str, key: str) -> None:
        """Remove the in-flight entry (a new version; the state expires a day from now), then
        the outbox. A conversation erased meanwhile is not written again."""
        with contextlib.suppress(self.client.exceptions.ConditionalCheckFailedException):
            self.client.update_item(
                TableName=self.table,
                Key=_conversation_key(wa_id),
                UpdateExpression=(
                    "REMOVE #in_flight SET #version = if_not_exists(#version, :zero) + :one, "
                    "#ttl = :ttl"
                ),
                ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeNames={
                    "#in_flight": _IN_FLIGHT + key,
                    "#version": "version",
                    "#ttl": TTL,
                },
                ExpressionAttributeValues={
                    ":zero": {"N": "0"},
                    ":one": {"N": "1"},
                    ":ttl": {"N": str(int(self.clock()) + STATE_TTL)},
                },
            )
        self.client.delete_item(TableName=self.table, Key=_outbox_key(key))

    def outbox(self, key: str) -> Outbox:
        """Read a message's outbox."""
        found = self.client.get_item(
            TableName=self.table, Key=_outbox_key(key), ConsistentRead=True
        ).get("Item", {})
        erased = found.get("erased", {}).get("N")
        return Outbox(frozenset(found.get("sent", {}).get("SS", [])), _int_or_none(erased))

    def mark_sent(self, key: str, digest: str, now: int) -> None:
        """Add the digest to the outbox's set of sent replies."""
        self.client.update_item(
            TableName=self.table,
            Key=_outbox_key(key),
            UpdateExpression="ADD sent :digest SET #ttl = :ttl",
            ExpressionAttributeNames={"#ttl": TTL},
            ExpressionAttributeValues={
                ":digest": {"SS": [digest]},
                ":ttl": {"N": str(now + OUTBOX_TTL)},
            },
        )

    def erase_resident(self, wa_id: str, key: str, now: int) -> int:
        """Record the count, then delete what the by_resident index lists (sign-ups, kept
        notices, requests for a person), the outboxes of unfinished messages, and the
        conversation last (so an interrupted erase is resumed by the message's retry)."""
        found = self._by_resident(wa_id)
        erased = self.outbox(key).erased
        if erased is None:
            erased = sum(1 for item in found if item[PK]["S"].startswith("SIGNUP#"))
            self.client.update_item(
                TableName=self.table,
                Key=_outbox_key(key),
                UpdateExpression="SET erased = :erased, #ttl = :ttl",
                ExpressionAttributeNames={"#ttl": TTL},
                ExpressionAttributeValues={
                    ":erased": {"N": str(erased)},
                    ":ttl": {"N": str(now + OUTBOX_TTL)},
                },
            )
        for item in found:
            self.client.delete_item(TableName=self.table, Key={PK: item[PK], SK: item[SK]})
        for other in self.load(wa_id).in_flight:
            if other != key:
                self.client.delete_item(TableName=self.table, Key=_outbox_key(other))
        self.client.delete_item(TableName=self.table, Key=_conversation_key(wa_id))
        return erased

    def _by_resident(self, wa_id: str) -> list[dict[str, Any]]:
        """The keys of every item naming the resident (the by_resident index)."""
        return query_all(
            self.client,
            TableName=self.table,
            IndexName="by_resident",
            KeyConditionExpression="resident = :resident",
            ExpressionAttributeValues={":resident": {"S": wa_id}},
        )

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
        entry = {"status": status, "by": by, "at": iso_time(now), "reason": reason}
        try:
            updated = self.client.update_item(
                TableName=self.table,
                Key={PK: {"S": f"SIGNUP#{code}"}, SK: {"S": "SIGNUP"}},
                UpdateExpression="SET #status = :new, history = list_append(history, :entry)",
                ConditionExpression="#status = :open",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={
                    ":new": {"S": status},
                    ":open": {"S": NEW},
                    ":entry": {"L": [_SERIALIZER.serialize(entry)]},
                },
                ReturnValues="ALL_NEW",
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return None
        return _record(updated["Attributes"])

    def list_signups(self, status: str) -> list[dict[str, Any]]:
        """Sign-ups with one status, oldest first (the by_status index)."""
        items = query_all(
            self.client,
            TableName=self.table,
            IndexName="by_status",
            KeyConditionExpression="#status = :status",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={":status": {"S": status}},
        )
        return [_record(item) for item in items]

    def add_pending(self, to: str, key: str, text: str, about: str, now: int) -> None:
        """Write a kept message (pk PENDING#<to>) that expires after PENDING_TTL."""
        self.client.put_item(
            TableName=self.table,
            Item={
                PK: {"S": f"PENDING#{to}"},
                SK: {"S": key},
                "text": {"S": text},
                "resident": {"S": about},
                "created_at": {"S": iso_time(now)},
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

    def add_call(self, code: str, resident: str, question: str, now: int) -> None:
        """Put the request (pk STAFFCALL sk <code>); a retried message writes the same item."""
        self.client.put_item(
            TableName=self.table,
            Item={
                **_CALLS,
                SK: {"S": code},
                "code": {"S": code},
                "resident": {"S": resident},
                "question": {"S": question},
                "created_at": {"S": iso_time(now)},
                "call_status": {"S": CALL_OPEN},
                TTL: {"N": str(now + CALL_TTL)},
            },
        )

    def list_calls(self) -> list[dict[str, Any]]:
        """Every request still kept, oldest first."""
        items = query_all(
            self.client,
            TableName=self.table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": _CALLS[PK]},
        )
        return sorted((_call(item) for item in items), key=lambda call: call["created_at"])

    def close_call(self, code: str, by: str, now: int) -> dict[str, Any] | None:
        """Conditional update from open to closed."""
        try:
            updated = self.client.update_item(
                TableName=self.table,
                Key={**_CALLS, SK: {"S": code}},
                UpdateExpression="SET call_status = :closed, closed_by = :by, closed_at = :at",
                ConditionExpression="call_status = :open",
                ExpressionAttributeValues={
                    ":closed": {"S": CALL_CLOSED},
                    ":open": {"S": CALL_OPEN},
                    ":by": {"S": by},
                    ":at": {"S": iso_time(now)},
                },
                ReturnValues="ALL_NEW",
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return None
        return _call(updated["Attributes"])


@dataclass
class MemoryStore:
    """A store in memory, for the terminal chat and tests; the same rules as DynamoStore."""

    conversations: dict[str, Conversation] = field(default_factory=dict)
    signups: dict[str, dict[str, Any]] = field(default_factory=dict)
    outboxes: dict[str, Outbox] = field(default_factory=dict)
    pending: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    """Kept messages by recipient, then key: (text, the resident they name)."""
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    memory_handovers: MemoryHandovers = field(default_factory=MemoryHandovers)

    @property
    def handovers(self) -> MemoryHandovers:
        """The handovers, in memory."""
        return self.memory_handovers

    def change_state(self, wa_id: str, change: Callable[[State], State | None]) -> State | None:
        """Replace the state (a new version) when `change` gives one."""
        current = self.conversations.get(wa_id)
        changed = change(current.state) if current else None
        if current is None or changed is None:
            return None
        self.conversations[wa_id] = replace(current, state=changed, version=current.version + 1)
        return changed

    def load(self, wa_id: str) -> Conversation:
        """The remembered conversation, or an empty one."""
        return self.conversations.get(wa_id, Conversation())

    def take_turn(self, wa_id: str, seen: Conversation, key: str, state: State, at: int) -> bool:
        """Save unless the version moved since `seen`."""
        if self.load(wa_id).version != seen.version:
            return False
        self.conversations[wa_id] = Conversation(
            state=state,
            version=seen.version + 1,
            applied=_applied_after(seen, key),
            in_flight={**seen.in_flight, key: InFlight(seen.state, at)},
        )
        return True

    def finish_turn(self, wa_id: str, key: str) -> None:
        """Drop the in-flight entry (a new version) and the outbox."""
        current = self.conversations.get(wa_id)
        if current is not None:
            in_flight = {k: v for k, v in current.in_flight.items() if k != key}
            self.conversations[wa_id] = Conversation(
                current.state, current.version + 1, current.applied, in_flight
            )
        self.outboxes.pop(key, None)

    def outbox(self, key: str) -> Outbox:
        """A message's outbox."""
        return self.outboxes.get(key, Outbox())

    def mark_sent(self, key: str, digest: str, now: int) -> None:
        """Remember a sent reply."""
        box = self.outbox(key)
        self.outboxes[key] = Outbox(box.sent | {digest}, box.erased)

    def erase_resident(self, wa_id: str, key: str, now: int) -> int:
        """Forget everything naming the resident."""
        erased = self.outbox(key).erased
        codes = [code for code, r in self.signups.items() if r["resident"] == wa_id]
        if erased is None:
            erased = len(codes)
            self.outboxes[key] = Outbox(self.outbox(key).sent, erased)
        for code in codes:
            del self.signups[code]
        for kept in self.pending.values():
            for kept_key in [k for k, (_, about) in kept.items() if about == wa_id]:
                del kept[kept_key]
        for code in [code for code, call in self.calls.items() if call["resident"] == wa_id]:
            del self.calls[code]
        self.memory_handovers.forget_resident(wa_id)
        for other in self.load(wa_id).in_flight:
            if other != key:
                self.outboxes.pop(other, None)
        self.conversations.pop(wa_id, None)
        return erased

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
        if record is None or record["status"] != NEW:
            return None
        record["status"] = status
        record["history"] = [
            *record["history"],
            {"status": status, "by": by, "at": iso_time(now), "reason": reason},
        ]
        return record

    def list_signups(self, status: str) -> list[dict[str, Any]]:
        """Sign-ups with one status, oldest first."""
        found = [r for r in self.signups.values() if r["status"] == status]
        return sorted(found, key=lambda r: r["created_at"])

    def add_pending(self, to: str, key: str, text: str, about: str, now: int) -> None:
        """Keep a refused message."""
        self.pending.setdefault(to, {})[key] = (text, about)

    def pending_for(self, to: str) -> list[tuple[str, str]]:
        """Kept messages for `to`."""
        return sorted((key, text) for key, (text, _) in self.pending.get(to, {}).items())

    def drop_pending(self, to: str, key: str) -> None:
        """Forget a kept message."""
        self.pending.get(to, {}).pop(key, None)

    def add_call(self, code: str, resident: str, question: str, now: int) -> None:
        """Keep a request for a person."""
        self.calls[code] = {
            "code": code,
            "resident": resident,
            "question": question,
            "created_at": iso_time(now),
            "call_status": CALL_OPEN,
            "expires_at": now + CALL_TTL,
        }

    def list_calls(self) -> list[dict[str, Any]]:
        """Requests for a person, oldest first."""
        return sorted(self.calls.values(), key=lambda call: call["created_at"])

    def close_call(self, code: str, by: str, now: int) -> dict[str, Any] | None:
        """Mark an open request handled."""
        call = self.calls.get(code)
        if call is None or call["call_status"] != CALL_OPEN:
            return None
        call.update(call_status=CALL_CLOSED, closed_by=by, closed_at=iso_time(now))
        return call


def _conversation_key(wa_id: str) -> dict[str, dict[str, str]]:
    """The key of a resident's conversation item."""
    return {PK: {"S": f"CONV#{wa_id}"}, SK: {"S": "STATE"}}


def _outbox_key(key: str) -> dict[str, dict[str, str]]:
    """The key of a message's outbox item (by the message's key, never its id)."""
    return {PK: {"S": f"OUTBOX#{key}"}, SK: {"S": "SENT"}}


def _call(item: dict[str, Any]) -> dict[str, Any]:
    """A stored request for a person as a plain record."""
    plain = _plain(item)
    plain["expires_at"] = int(plain["expires_at"])
    return plain


def _int_or_none(value: str | None) -> int | None:
    """A stored number, or None."""
    return None if value is None else int(value)
