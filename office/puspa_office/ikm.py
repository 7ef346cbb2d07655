"""The Indeks Kepuasan Masyarakat, as Permenpan-RB 14/2017 defines it.

Each element's average score (nilai rata-rata, 1-4) is weighted equally (1/number of
elements); their sum is the unit's index (1-4), times 25 its converted value (25-100), which
falls in a quality grade (mutu A-D) set in content/survei.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CONVERSION = 25
"""The converted value (25-100) is the index (1-4) times this."""


@dataclass(frozen=True)
class ElementScore:
    """One SKM element's result."""

    code: str
    name: str
    average: float
    """Nilai rata-rata (NRR): the mean score, 1-4."""

    @property
    def converted(self) -> float:
        """The average on the 25-100 scale."""
        return self.average * CONVERSION


@dataclass(frozen=True)
class Ikm:
    """A month's index."""

    responses: int
    elements: tuple[ElementScore, ...]
    index: float
    """The weighted sum of the averages, 1-4."""
    value: float
    """The converted value, 25-100, rounded to two decimals."""
    grade: str
    performance: str


def compute_ikm(
    responses: Sequence[Sequence[int]],
    elements: Sequence[dict[str, Any]],
    grades: Sequence[dict[str, Any]],
) -> Ikm | None:
    """The index of complete responses (one 1-4 score per element); None without any."""
    complete = [r for r in responses if len(r) == len(elements) and all(1 <= s <= 4 for s in r)]
    if not complete:
        return None
    weight = 1 / len(elements)
    scores = tuple(
        ElementScore(
            element["kode"],
            element["nama"],
            sum(response[n] for response in complete) / len(complete),
        )
        for n, element in enumerate(elements)
    )
    index = sum(score.average * weight for score in scores)
    value = round(index * CONVERSION, 2)
    grade = next(
        (g for g in sorted(grades, key=lambda g: -g["nilai_min"]) if value >= g["nilai_min"]),
        grades[-1],
    )
    return Ikm(len(complete), scores, index, value, grade["mutu"], grade["kinerja"])
