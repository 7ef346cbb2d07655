"""Create the PUSPA table from its one definition, infra/table.json."""

from __future__ import annotations

import json
import time
from typing import Any

from puspa_bot import paths

DEFINITION = paths.INFRA / "table.json"


def table_definition() -> dict[str, Any]:
    """The table's keys, attributes and billing mode, as written in infra/table.json."""
    return json.loads(DEFINITION.read_text(encoding="utf-8"))


def create_table_arguments(name: str) -> dict[str, Any]:
    """CreateTable arguments for the table definition."""
    definition = table_definition()
    arguments = {
        "TableName": name,
        "KeySchema": definition["KeySchema"],
        "AttributeDefinitions": definition["AttributeDefinitions"],
        "BillingMode": definition["BillingMode"],
    }
    if definition.get("GlobalSecondaryIndexes"):
        arguments["GlobalSecondaryIndexes"] = definition["GlobalSecondaryIndexes"]
    return arguments


def ensure_table(client: Any, name: str) -> bool:
    """Create the table unless it exists; wait until it is active. True if it was created."""
    if name in client.list_tables()["TableNames"]:
        return False
    client.create_table(**create_table_arguments(name))
    for _ in range(100):
        if client.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE":
            break
        time.sleep(0.1)
    return True
