"""Conversation state and unmatched-question counts in DynamoDB (and in memory for local tools).

Keys follow infra/table.json: `pk`, `sk`, and the TTL attribute `expires_at`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .conversation import State

PK, SK, TTL = "pk", "sk", "expires_at"
STATE_TTL = 24 * 60 * 60
"""A conversation's state is kept for a day after the resident's last message."""
UNMATCHED_TTL = 400 * 24 * 60 * 60
"""Monthly counts of unanswered questions are kept for a little over a year."""


class Store(Protocol):
    """Where the responder keeps what it must remember between messages."""

    def load(self, wa_id: str) -> State:
        """The resident's conversation state (a new one if none is stored)."""
        ...

    def save(self, wa_id: str, state: State) -> None:
        """Remember the resident's conversation state."""
        ...

    def count_unmatched(self, words: str, now: int) -> None:
        """Count one question that could not be answered (its words only)."""
        ...


def state_to_json(state: State) -> str:
    """Serialise a state compactly."""
    return json.dumps(asdict(state), separators=(",", ":"))


def state_from_json(text: str) -> State:
    """Read a stored state; anything unreadable is a new conversation."""
    try:
        data = json.loads(text)
        return State(
            options=tuple(str(o) for o in data.get("options", ())),
            trail=tuple(str(t) for t in data.get("trail", ())),
            at_service=bool(data.get("at_service", False)),
            last_seen=int(data.get("last_seen", 0)),
        )
    except (ValueError, TypeError, AttributeError):
        return State()


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

    def count_unmatched(self, words: str, now: int) -> None:
        """Add one to this month's count for these words."""
        month = time.strftime("%Y-%m", time.gmtime(now))
        self.client.update_item(
            TableName=self.table,
            Key={PK: {"S": f"UNMATCHED#{month}"}, SK: {"S": words[:500]}},
            UpdateExpression="ADD #count :one SET #ttl = :ttl",
            ExpressionAttributeNames={"#count": "count", "#ttl": TTL},
            ExpressionAttributeValues={
                ":one": {"N": "1"},
                ":ttl": {"N": str(now + UNMATCHED_TTL)},
            },
        )


@dataclass
class MemoryStore:
    """A store in memory, for the terminal chat and tests."""

    states: dict[str, State] = field(default_factory=dict)
    unmatched: dict[str, int] = field(default_factory=dict)

    def load(self, wa_id: str) -> State:
        """The remembered state, or a new one."""
        return self.states.get(wa_id, State())

    def save(self, wa_id: str, state: State) -> None:
        """Remember a state."""
        self.states[wa_id] = state

    def count_unmatched(self, words: str, now: int) -> None:
        """Count unanswered words."""
        self.unmatched[words] = self.unmatched.get(words, 0) + 1


def _conversation_key(wa_id: str) -> dict[str, dict[str, str]]:
    """The key of a resident's conversation item."""
    return {PK: {"S": f"CONV#{wa_id}"}, SK: {"S": "STATE"}}
