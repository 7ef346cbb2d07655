"""The list of printed e-KTP cards, keyed by a keyed hash of the NIK, and the lookup rate limit.

Only what the lookup needs is stored: HMAC-SHA256(pepper, NIK), the ready date, where to
collect, the pickup date once collected, and an expiry. No names, no NIK in clear.
Keys follow infra/table.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .store import PK, SK, TTL, query_all

DAY = 24 * 60 * 60
LIST_KEY = {PK: {"S": "EKTP#LIST"}, SK: {"S": "UPDATED"}}
"""The item holding the date the list was last imported."""


class EktpList(Protocol):
    """Where the printed cards and the lookup counts are kept."""

    def put_ready(self, key: str, ready_on: str, place: str, expires_at: int) -> None:
        """Record a printed card (again): ready date and place; a pickup date is kept."""
        ...

    def mark_collected(self, key: str, collected_on: str) -> bool:
        """Record that a card was picked up; False if it is not in the list."""
        ...

    def get(self, key: str) -> dict[str, str] | None:
        """A card by its key: ready_on, place, and collected_on once picked up."""
        ...

    def set_updated(self, on: str) -> None:
        """Remember when the list was last imported (YYYY-MM-DD)."""
        ...

    def updated(self) -> str | None:
        """When the list was last imported, or None if never."""
        ...

    def take_lookup(
        self, subject: str, window: int, limit: int, expires_at: int, token: str
    ) -> bool:
        """Count one lookup by `subject` in `window`; False (and not counted) past `limit`.

        The window before counts too, so no stretch of one window's length holds more than
        `limit` lookups, even across a window boundary. `token` names the message asking: a
        retried message is counted once, and allowed again.
        """
        ...

    def forget(self, subject: str) -> None:
        """Delete every lookup count of `subject` (HAPUS DATA)."""
        ...


@dataclass
class DynamoEktpList:
    """The list on the PUSPA table: pk EKTP#<hash> sk CARD; pk LOOKUPS#<hash> sk <window>."""

    table: str
    client: Any

    def put_ready(self, key: str, ready_on: str, place: str, expires_at: int) -> None:
        """Set the ready fields only, so a re-import is idempotent and keeps a pickup date."""
        self.client.update_item(
            TableName=self.table,
            Key=_card_key(key),
            UpdateExpression="SET ready_on = :ready, place = :place, #ttl = :ttl",
            ExpressionAttributeNames={"#ttl": TTL},
            ExpressionAttributeValues={
                ":ready": {"S": ready_on},
                ":place": {"S": place},
                ":ttl": {"N": str(expires_at)},
            },
        )

    def mark_collected(self, key: str, collected_on: str) -> bool:
        """Conditional update: only a card in the list can be marked collected."""
        try:
            self.client.update_item(
                TableName=self.table,
                Key=_card_key(key),
                UpdateExpression="SET collected_on = :on",
                ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeValues={":on": {"S": collected_on}},
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def get(self, key: str) -> dict[str, str] | None:
        """Read one card."""
        item = self.client.get_item(TableName=self.table, Key=_card_key(key)).get("Item")
        if not item:
            return None
        return {
            name: item[name]["S"] for name in ("ready_on", "place", "collected_on") if name in item
        }

    def set_updated(self, on: str) -> None:
        """Write the list's import date."""
        self.client.put_item(TableName=self.table, Item={**LIST_KEY, "on": {"S": on}})

    def updated(self) -> str | None:
        """Read the list's import date."""
        item = self.client.get_item(TableName=self.table, Key=LIST_KEY).get("Item")
        return item["on"]["S"] if item else None

    def take_lookup(
        self, subject: str, window: int, limit: int, expires_at: int, token: str
    ) -> bool:
        """Atomic counter with a condition: this window and the one before stay within `limit`.

        The window's item keeps the tokens it counted, so a retried message is not counted
        twice (a token already counted is allowed again).
        """
        key = {PK: {"S": f"LOOKUPS#{subject}"}, SK: {"S": str(window)}}
        before = self.client.get_item(
            TableName=self.table,
            Key={PK: {"S": f"LOOKUPS#{subject}"}, SK: {"S": str(window - 1)}},
            ConsistentRead=True,
        ).get("Item")
        left = limit - (int(before["count"]["N"]) if before else 0)
        if left > 0 and self._count(key, left, expires_at, token):
            return True
        counted = self.client.get_item(TableName=self.table, Key=key, ConsistentRead=True)
        return token in counted.get("Item", {}).get("tokens", {}).get("SS", [])

    def _count(self, key: dict[str, Any], left: int, expires_at: int, token: str) -> bool:
        """Add the token to the window unless it holds `left` or has counted this token."""
        try:
            self.client.update_item(
                TableName=self.table,
                Key=key,
                UpdateExpression="ADD #count :one, tokens :token SET #ttl = :ttl",
                ConditionExpression=(
                    "(attribute_not_exists(#count) OR #count < :limit) "
                    "AND NOT contains(tokens, :token_text)"
                ),
                ExpressionAttributeNames={"#count": "count", "#ttl": TTL},
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":token": {"SS": [token]},
                    ":token_text": {"S": token},
                    ":limit": {"N": str(left)},
                    ":ttl": {"N": str(expires_at)},
                },
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def forget(self, subject: str) -> None:
        """Query the subject's windows and delete them."""
        items = query_all(
            self.client,
            TableName=self.table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": f"LOOKUPS#{subject}"}},
            ConsistentRead=True,
        )
        for item in items:
            self.client.delete_item(TableName=self.table, Key={PK: item[PK], SK: item[SK]})


@dataclass
class MemoryEktpList:
    """The list in memory, for the terminal chat and tests."""

    cards: dict[str, dict[str, str]] = field(default_factory=dict)
    lookups: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    """Tokens counted per subject and window."""
    last_import: str | None = None

    def put_ready(self, key: str, ready_on: str, place: str, expires_at: int) -> None:
        """Record a printed card."""
        self.cards.setdefault(key, {}).update(ready_on=ready_on, place=place)

    def mark_collected(self, key: str, collected_on: str) -> bool:
        """Record a pickup."""
        if key not in self.cards:
            return False
        self.cards[key]["collected_on"] = collected_on
        return True

    def get(self, key: str) -> dict[str, str] | None:
        """One card."""
        return self.cards.get(key)

    def set_updated(self, on: str) -> None:
        """Remember the import date."""
        self.last_import = on

    def updated(self) -> str | None:
        """The import date."""
        return self.last_import

    def take_lookup(
        self, subject: str, window: int, limit: int, expires_at: int, token: str
    ) -> bool:
        """Count a lookup unless this window and the one before hold `limit`."""
        counted = self.lookups.setdefault((subject, window), set())
        if token in counted:
            return True
        if len(counted) + len(self.lookups.get((subject, window - 1), ())) >= limit:
            return False
        counted.add(token)
        return True

    def forget(self, subject: str) -> None:
        """Forget the subject's lookups."""
        for key in [key for key in self.lookups if key[0] == subject]:
            del self.lookups[key]


def _card_key(key: str) -> dict[str, dict[str, str]]:
    """The key of one card's item."""
    return {PK: {"S": f"EKTP#{key}"}, SK: {"S": "CARD"}}
