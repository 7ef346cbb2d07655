"""Handovers to staff as stored: one item per handover, with its messages (who, when, what).

An item is `pk HANDOVER`, `sk <ref>`, and carries `resident` and `created_at`, so HAPUS DATA
finds it through the by_resident index; it expires by TTL after the retention period content
sets. Every change is a conditional write: a case is taken by one staff member only, a closed
case takes no more messages, and a message redelivered by Meta is recorded once (its key).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

WAITING, TAKEN = "menunggu", "dipegang"
"""Open handovers: nobody has taken it yet; one staff member took it (AMBIL)."""
DONE, EXPIRED, CANCELLED = "selesai", "kedaluwarsa", "dibatalkan"
"""Closed handovers: SELESAI; nobody answered in time; the resident cancelled (BATAL)."""
OPEN = (WAITING, TAKEN)
RESIDENT, STAFF, SYSTEM = "warga", "petugas", "sistem"
"""Who wrote a message of a handover."""
_PK = {"pk": {"S": "HANDOVER"}}
STATUS_ATTRIBUTE = "handover_status"
"""Stored under this name, not `status`: the table's by_status index is the sign-ups'."""
_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


class Handovers(Protocol):
    """Where handovers are kept."""

    def open(self, record: dict[str, Any]) -> dict[str, Any]:
        """Store a new handover; a retried message gets the one it stored before."""
        ...

    def get(self, ref: str) -> dict[str, Any] | None:
        """One handover by its reference."""
        ...

    def list_all(self) -> list[dict[str, Any]]:
        """Every handover still kept, oldest first."""
        ...

    def add_message(
        self, ref: str, entry: dict[str, Any], key: str, now: int, deadline: int | None
    ) -> tuple[bool, dict[str, Any] | None]:
        """Append a message to an open handover, once per message key.

        A staff message (`entry["who"] == STAFF`) is accepted only from the staff member who
        took the case, or while nobody has; it sets the first answer's time and moves the
        deadline to `deadline`. Returns (appended now, the record after) -- (False, record)
        when it was refused or recorded before, (False, None) when there is no such case.
        """
        ...

    def take(self, ref: str, staff: str, now: int) -> tuple[bool, dict[str, Any] | None]:
        """AMBIL: (True, record) when `staff` holds the case now; (False, record) if another
        does or it is closed; (False, None) when there is no such case."""
        ...

    def release(self, ref: str, staff: str, now: int) -> dict[str, Any] | None:
        """LEPAS: the case is open to all again; None unless `staff` held it."""
        ...

    def close(
        self, ref: str, status: str, by: str, now: int, *, due_by: int | None = None
    ) -> dict[str, Any] | None:
        """Close an open case (SELESAI, BATAL or expiry); None if it is closed already, held by
        a staff member other than `by` (when `by` is staff), or, with `due_by`, its deadline
        moved past it meanwhile."""
        ...


def new_record(
    ref: str,
    resident: str,
    question: str,
    recent: tuple[str, ...],
    phone_number_id: str,
    created_at: str,
    now: int,
    deadline: int,
    keep_until: int,
) -> dict[str, Any]:
    """A new handover record (schemas and counts read these names)."""
    return {
        "ref": ref,
        "resident": resident,
        "question": question,
        "recent": list(recent),
        "phone_number_id": phone_number_id,
        "created_at": created_at,
        "opened_at": now,
        "status": WAITING,
        "deadline": deadline,
        "last_resident_at": now,
        "messages": [],
        "keys": [],
        "expires_at": keep_until,
    }


@dataclass
class DynamoHandovers:
    """Handovers on the DynamoDB table."""

    table: str
    client: Any

    def open(self, record: dict[str, Any]) -> dict[str, Any]:
        """Put unless it exists (a retried message), then return what is stored."""
        item = {**_PK, "sk": {"S": record["ref"]}, **_typed(_without_keys(record))}
        with contextlib.suppress(self.client.exceptions.ConditionalCheckFailedException):
            self.client.put_item(
                TableName=self.table, Item=item, ConditionExpression="attribute_not_exists(pk)"
            )
        found = self.get(record["ref"])
        assert found is not None
        return found

    def get(self, ref: str) -> dict[str, Any] | None:
        """Read consistently: a staff command follows the resident's message closely."""
        found = self.client.get_item(
            TableName=self.table, Key={**_PK, "sk": {"S": ref}}, ConsistentRead=True
        ).get("Item")
        return _record(found) if found else None

    def list_all(self) -> list[dict[str, Any]]:
        """Query the partition, every page."""
        items: list[dict[str, Any]] = []
        arguments: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": _PK["pk"]},
        }
        while True:
            page = self.client.query(**arguments)
            items += page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                break
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return sorted((_record(item) for item in items), key=lambda r: r["opened_at"])

    def add_message(
        self, ref: str, entry: dict[str, Any], key: str, now: int, deadline: int | None
    ) -> tuple[bool, dict[str, Any] | None]:
        """list_append under the conditions; on refusal, read why."""
        names = {"#status": STATUS_ATTRIBUTE, "#keys": "keys", "#messages": "messages"}
        values: dict[str, Any] = {
            ":entry": {"L": [_SERIALIZER.serialize(entry)]},
            ":empty": {"L": []},
            ":key": {"L": [{"S": key}]},
            ":one_key": {"S": key},
            ":now": {"N": str(now)},
        }
        setting = [
            "#messages = list_append(if_not_exists(#messages, :empty), :entry)",
            "#keys = list_append(if_not_exists(#keys, :empty), :key)",
        ]
        condition = "#status IN (:waiting, :taken) AND NOT contains(#keys, :one_key)"
        if entry["who"] == STAFF:
            values[":staff"] = {"S": entry["by"]}
            values[":deadline"] = {"N": str(deadline or now)}
            setting += [
                "first_answer_at = if_not_exists(first_answer_at, :now)",
                "last_staff_at = :now",
                "deadline = :deadline",
            ]
            condition += " AND (attribute_not_exists(taken_by) OR taken_by = :staff)"
        else:
            setting.append("last_resident_at = :now")
        names.pop("#status")
        updated = self._update(ref, "SET " + ", ".join(setting), condition, values, names)
        return (True, updated) if updated is not None else (False, self.get(ref))

    def take(self, ref: str, staff: str, now: int) -> tuple[bool, dict[str, Any] | None]:
        """Conditional: waiting, or held by this staff member already (a retry)."""
        updated = self._update(
            ref,
            "SET #status = :taken, taken_by = :staff, taken_at = :now",
            "#status = :waiting OR (#status = :taken AND taken_by = :staff)",
            {":staff": {"S": staff}, ":now": {"N": str(now)}},
        )
        return (True, updated) if updated is not None else (False, self.get(ref))

    def release(self, ref: str, staff: str, now: int) -> dict[str, Any] | None:
        """Conditional: held by this staff member."""
        return self._update(
            ref,
            "SET #status = :waiting, released_by = :staff, released_at = :now "
            "REMOVE taken_by, taken_at",
            "#status = :taken AND taken_by = :staff",
            {":staff": {"S": staff}, ":now": {"N": str(now)}},
        )

    def close(
        self, ref: str, status: str, by: str, now: int, *, due_by: int | None = None
    ) -> dict[str, Any] | None:
        """Conditional: open, and (for staff) not held by someone else, and still due."""
        values: dict[str, Any] = {
            ":status": {"S": status},
            ":by": {"S": by},
            ":now": {"N": str(now)},
        }
        condition = "#status IN (:waiting, :taken)"
        if status == DONE:
            condition += " AND (attribute_not_exists(taken_by) OR taken_by = :by)"
        if due_by is not None:
            condition += " AND deadline <= :due"
            values[":due"] = {"N": str(due_by)}
        expression = "SET #status = :status, closed_by = :by, closed_at = :now"
        return self._update(ref, expression, condition, values)

    def _update(
        self,
        ref: str,
        expression: str,
        condition: str,
        values: dict[str, Any],
        names: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        """One conditional update of a case: the record after, or None when refused. The
        status names (:waiting, :taken) and #status are always available to the expressions."""
        try:
            updated = self.client.update_item(
                TableName=self.table,
                Key={**_PK, "sk": {"S": ref}},
                UpdateExpression=expression,
                ConditionExpression=condition,
                ExpressionAttributeNames={"#status": STATUS_ATTRIBUTE, **(names or {})},
                ExpressionAttributeValues={
                    ":waiting": {"S": WAITING},
                    ":taken": {"S": TAKEN},
                    **values,
                },
                ReturnValues="ALL_NEW",
            )
        except self.client.exceptions.ConditionalCheckFailedException:
            return None
        return _record(updated["Attributes"])


@dataclass
class MemoryHandovers:
    """Handovers in memory, for the terminal chat and tests; the same rules."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def open(self, record: dict[str, Any]) -> dict[str, Any]:
        """Keep it unless it exists."""
        return self.items.setdefault(record["ref"], _copy(record))

    def get(self, ref: str) -> dict[str, Any] | None:
        """A copy (callers never change what is stored)."""
        found = self.items.get(ref)
        return _copy(found) if found else None

    def list_all(self) -> list[dict[str, Any]]:
        """Oldest first."""
        return sorted((_copy(r) for r in self.items.values()), key=lambda r: r["opened_at"])

    def add_message(
        self, ref: str, entry: dict[str, Any], key: str, now: int, deadline: int | None
    ) -> tuple[bool, dict[str, Any] | None]:
        """Append under the same conditions as DynamoDB."""
        record = self.items.get(ref)
        if record is None:
            return False, None
        staff = entry["who"] == STAFF
        held_by_other = staff and record.get("taken_by") not in (None, entry.get("by"))
        if record["status"] not in OPEN or key in record["keys"] or held_by_other:
            return False, _copy(record)
        record["messages"].append(dict(entry))
        record["keys"].append(key)
        if staff:
            record.setdefault("first_answer_at", now)
            record.update(last_staff_at=now, deadline=deadline or now)
        else:
            record["last_resident_at"] = now
        return True, _copy(record)

    def take(self, ref: str, staff: str, now: int) -> tuple[bool, dict[str, Any] | None]:
        """Waiting, or held by this staff member already."""
        record = self.items.get(ref)
        if record is None:
            return False, None
        if record["status"] == WAITING or (
            record["status"] == TAKEN and record.get("taken_by") == staff
        ):
            record.update(status=TAKEN, taken_by=staff, taken_at=now)
            return True, _copy(record)
        return False, _copy(record)

    def release(self, ref: str, staff: str, now: int) -> dict[str, Any] | None:
        """Held by this staff member."""
        record = self.items.get(ref)
        if record is None or record["status"] != TAKEN or record.get("taken_by") != staff:
            return None
        record.update(status=WAITING, released_by=staff, released_at=now)
        record.pop("taken_by", None)
        record.pop("taken_at", None)
        return _copy(record)

    def close(
        self, ref: str, status: str, by: str, now: int, *, due_by: int | None = None
    ) -> dict[str, Any] | None:
        """Open, not held by someone else (SELESAI), and still due."""
        record = self.items.get(ref)
        if record is None or record["status"] not in OPEN:
            return None
        if status == DONE and record.get("taken_by") not in (None, by):
            return None
        if due_by is not None and record["deadline"] > due_by:
            return None
        record.update(status=status, closed_by=by, closed_at=now)
        return _copy(record)

    def forget_resident(self, wa_id: str) -> None:
        """HAPUS DATA: drop every handover of the resident."""
        for ref in [ref for ref, r in self.items.items() if r["resident"] == wa_id]:
            del self.items[ref]


def _without_keys(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record without an empty key list (DynamoDB's list_append starts it)."""
    return {name: value for name, value in record.items() if name != "keys" or value}


def _typed(record: Mapping[str, Any]) -> dict[str, Any]:
    """A plain record as DynamoDB attribute values (its status under STATUS_ATTRIBUTE)."""
    return {
        STATUS_ATTRIBUTE if name == "status" else name: _SERIALIZER.serialize(value)
        for name, value in record.items()
    }


def _record(item: Mapping[str, Any]) -> dict[str, Any]:
    """A stored item as its plain record, numbers as ints."""
    plain = {
        "status" if name == STATUS_ATTRIBUTE else name: _DESERIALIZER.deserialize(value)
        for name, value in item.items()
        if name not in ("pk", "sk")
    }
    plain.setdefault("keys", [])
    return _ints(plain)


def _ints(value: Any) -> Any:
    """DynamoDB's Decimals as ints, all the way down."""
    if isinstance(value, dict):
        return {name: _ints(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_ints(item) for item in value]
    if value.__class__.__name__ == "Decimal":
        return int(value)
    return value


def _copy(record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy deep enough that the caller cannot change the stored lists."""
    copied = dict(record)
    copied["messages"] = [dict(message) for message in record["messages"]]
    copied["keys"] = list(record["keys"])
    copied["recent"] = list(record.get("recent", []))
    return copied
