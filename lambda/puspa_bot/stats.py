"""Monthly figures, aggregated as messages arrive: atomic counters, with no personal data.

Days and months are those of Jonggol (WIB, UTC+7). Keys follow infra/table.json:
  pk STATS#<yyyy-mm> sk DAY#<yyyy-mm-dd>  counters of one day (messages, services, events)
  pk RESIDENTS#<yyyy-mm> sk <tag>         one small item per number served that month (a
                                          short keyed hash, never the number)
  pk SKM#<yyyy-mm>   sk <response id>     one anonymous SKM response (nine scores)
  pk UNMATCHED#<yyyy-mm> sk <words>       how often a question could not be answered
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .contract import local_day
from .privacy import COUNTED_CHARACTERS
from .store import PK, SK, TTL, query_all

STATS_TTL = 400 * 24 * 60 * 60
"""Counters and survey answers are kept for a little over a year."""
RESIDENT_TAG_LENGTH = 12
"""Hex digits kept of a number's monthly keyed hash: distinct enough, useless to reverse."""


def months_kept(now: int) -> list[str]:
    """Every month (YYYY-MM) whose figures may still be stored at `now`, newest first."""
    year, month = (int(part) for part in local_day(now)[:7].split("-"))
    months = []
    for _ in range(STATS_TTL // (28 * 24 * 60 * 60) + 1):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class Stats(Protocol):
    """Where the monthly figures are counted and read back."""

    def add(self, day: str, counts: Mapping[str, int], now: int) -> None:
        """Add to a day's counters ('messages', 'service:kartu-keluarga', ...)."""
        ...

    def add_resident(self, month: str, tag: str, now: int) -> None:
        """Count a resident served in a month, by a short keyed hash of their number."""
        ...

    def add_survey(self, month: str, response_id: str, scores: Sequence[int], now: int) -> None:
        """Store one SKM response (no sender); the same response id is stored once."""
        ...

    def count_unmatched(self, words: str, now: int) -> None:
        """Count one question that could not be answered (its words only, never who asked).

        The words come masked (privacy.counted_words): no numbers, no e-mail addresses.
        """
        ...

    def forget_resident(self, month: str, tag: str) -> None:
        """Remove a resident's tag from a month's residents (HAPUS DATA)."""
        ...

    def days(self, month: str) -> dict[str, dict[str, int]]:
        """Each day's counters in a month, by date."""
        ...

    def residents(self, month: str) -> int:
        """How many distinct numbers were served in a month."""
        ...

    def surveys(self, month: str) -> list[tuple[int, ...]]:
        """The SKM responses of a month."""
        ...

    def unmatched(self, month: str) -> dict[str, int]:
        """Questions that could not be answered in a month (their words), with counts."""
        ...


@dataclass
class DynamoStats:
    """The figures on the PUSPA table."""

    table: str
    client: Any

    def add(self, day: str, counts: Mapping[str, int], now: int) -> None:
        """One atomic update: ADD every counter (top-level numbers) of the day's item."""
        names = {f"#c{n}": name for n, name in enumerate(counts)}
        values = {f":c{n}": {"N": str(value)} for n, value in enumerate(counts.values())}
        additions = ", ".join(f"#c{n} :c{n}" for n in range(len(counts)))
        self.client.update_item(
            TableName=self.table,
            Key={PK: {"S": f"STATS#{day[:7]}"}, SK: {"S": f"DAY#{day}"}},
            UpdateExpression=f"ADD {additions} SET #ttl = :ttl",
            ExpressionAttributeNames={**names, "#ttl": TTL},
            ExpressionAttributeValues={**values, ":ttl": {"N": str(now + STATS_TTL)}},
        )

    def add_resident(self, month: str, tag: str, now: int) -> None:
        """Put the tag's own small item (the same number writes the same item again).

        One item per resident keeps each write at one unit; a growing set in one item would
        cost more with every resident and reach DynamoDB's 400 KB item limit.
        """
        self.client.put_item(
            TableName=self.table,
            Item={
                PK: {"S": f"RESIDENTS#{month}"},
                SK: {"S": tag},
                TTL: {"N": str(now + STATS_TTL)},
            },
        )

    def add_survey(self, month: str, response_id: str, scores: Sequence[int], now: int) -> None:
        """Put the response under its id (a retried message writes the same item)."""
        self.client.put_item(
            TableName=self.table,
            Item={
                PK: {"S": f"SKM#{month}"},
                SK: {"S": response_id},
                "scores": {"L": [{"N": str(score)} for score in scores]},
                TTL: {"N": str(now + STATS_TTL)},
            },
        )

    def count_unmatched(self, words: str, now: int) -> None:
        """Add one to this month's count (in Jonggol's time) for these words."""
        self.client.update_item(
            TableName=self.table,
            Key={
                PK: {"S": f"UNMATCHED#{local_day(now)[:7]}"},
                SK: {"S": words[:COUNTED_CHARACTERS]},
            },
            UpdateExpression="ADD #count :one SET #ttl = :ttl",
            ExpressionAttributeNames={"#count": "count", "#ttl": TTL},
            ExpressionAttributeValues={
                ":one": {"N": "1"},
                ":ttl": {"N": str(now + STATS_TTL)},
            },
        )

    def forget_resident(self, month: str, tag: str) -> None:
        """Delete the tag's item."""
        self.client.delete_item(
            TableName=self.table, Key={PK: {"S": f"RESIDENTS#{month}"}, SK: {"S": tag}}
        )

    def days(self, month: str) -> dict[str, dict[str, int]]:
        """Query the month's day items."""
        items = self._query(f"STATS#{month}", "DAY#")
        return {
            item[SK]["S"].removeprefix("DAY#"): {
                name: int(value["N"])
                for name, value in item.items()
                if "N" in value and name != TTL
            }
            for item in items
        }

    def residents(self, month: str) -> int:
        """How many tags the month has."""
        return len(self._query(f"RESIDENTS#{month}"))

    def surveys(self, month: str) -> list[tuple[int, ...]]:
        """Every response of the month."""
        return [
            tuple(int(score["N"]) for score in item["scores"]["L"])
            for item in self._query(f"SKM#{month}")
        ]

    def unmatched(self, month: str) -> dict[str, int]:
        """The month's unmatched questions, with their counts."""
        return {
            item[SK]["S"]: int(item["count"]["N"]) for item in self._query(f"UNMATCHED#{month}")
        }

    def _query(self, pk: str, sk_prefix: str = "") -> list[dict[str, Any]]:
        """Every item of one partition (optionally with a sort-key prefix), all pages."""
        arguments: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": pk}},
        }
        if sk_prefix:
            arguments["KeyConditionExpression"] += " AND begins_with(sk, :prefix)"
            arguments["ExpressionAttributeValues"][":prefix"] = {"S": sk_prefix}
        return query_all(self.client, **arguments)


@dataclass
class MemoryStats:
    """The figures in memory, for the terminal chat and tests."""

    counters: dict[str, dict[str, int]] = field(default_factory=dict)
    tags: dict[str, set[str]] = field(default_factory=dict)
    responses: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    questions: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, day: str, counts: Mapping[str, int], now: int) -> None:
        """Add to a day's counters."""
        today = self.counters.setdefault(day, {})
        for name, value in counts.items():
            today[name] = today.get(name, 0) + value

    def add_resident(self, month: str, tag: str, now: int) -> None:
        """Count a resident once a month."""
        self.tags.setdefault(month, set()).add(tag)

    def add_survey(self, month: str, response_id: str, scores: Sequence[int], now: int) -> None:
        """Keep a response under its id."""
        self.responses.setdefault(month, {})[response_id] = tuple(scores)

    def count_unmatched(self, words: str, now: int) -> None:
        """Count unanswered words in their month."""
        month = self.questions.setdefault(local_day(now)[:7], {})
        month[words] = month.get(words, 0) + 1

    def forget_resident(self, month: str, tag: str) -> None:
        """Forget a resident's tag."""
        self.tags.get(month, set()).discard(tag)

    def days(self, month: str) -> dict[str, dict[str, int]]:
        """The month's days."""
        return {day: dict(c) for day, c in self.counters.items() if day.startswith(month)}

    def residents(self, month: str) -> int:
        """Distinct residents of the month."""
        return len(self.tags.get(month, set()))

    def surveys(self, month: str) -> list[tuple[int, ...]]:
        """The month's responses."""
        return list(self.responses.get(month, {}).values())

    def unmatched(self, month: str) -> dict[str, int]:
        """The month's unmatched questions."""
        return dict(self.questions.get(month, {}))
