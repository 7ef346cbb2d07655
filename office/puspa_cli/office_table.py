"""What the office commands share: the table they work on, and how they print."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from puspa_office.connect import OfficeTable

WHERE = (
    "Tanpa konfigurasi AWS memakai tumpukan lokal `make dev` (127.0.0.1:4567); "
    "DYNAMODB_ENDPOINT menunjuk server lain."
)
"""Said in every office command's description."""


@contextmanager
def table() -> Iterator[OfficeTable]:
    """The office table (AWS errors become Indonesian ones), saying where on standard error."""
    from puspa_office.connect import office_table

    with office_table() as table:
        print(f"({table.where})", file=sys.stderr)
        yield table


def write(text: str, *, error: bool = False) -> None:
    """Print a command's text, ending in one newline."""
    stream = sys.stderr if error else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
