"""The IKM as Permenpan-RB 14/2017 defines it, with the grades in content/survei.yaml."""

from __future__ import annotations

import pytest
from puspa_build.compiler import check
from puspa_office.ikm import compute_ikm

from ..conftest import CONTENT

SURVEI = check(CONTENT).content.survei


def ikm(responses):
    """The index of responses under the real content's elements and grades."""
    return compute_ikm(responses, SURVEI["unsur"], SURVEI["mutu"])


def test_mean_per_element_equal_weights_times_25() -> None:
    result = ikm([(4, 3, 4, 4, 3, 3, 4, 2, 3), (3, 3, 2, 4, 3, 3, 3, 3, 2)])
    assert result is not None
    assert [e.average for e in result.elements] == [3.5, 3, 3, 4, 3, 3, 3.5, 2.5, 2.5]
    assert result.index == pytest.approx(28 / 9)
    assert (result.value, result.grade, result.performance) == (77.78, "B", "Baik")
    assert result.elements[0].code == "U1" and result.elements[0].converted == 87.5


@pytest.mark.parametrize(
    ("scores", "value", "grade"),
    [
        ((4,) * 9, 100.0, "A"),
        ((1,) * 9, 25.0, "D"),
        ((3,) * 8 + (2,), 72.22, "C"),
        ((4,) * 5 + (3,) * 4, 88.89, "A"),
    ],
)
def test_grades(scores, value, grade) -> None:
    result = ikm([scores])
    assert result is not None
    assert (result.value, result.grade) == (value, grade)


def test_incomplete_or_out_of_range_responses_are_left_out() -> None:
    assert ikm([]) is None
    assert ikm([(4, 4, 4), (5,) * 9]) is None
    result = ikm([(4, 4, 4), (2,) * 9])
    assert result is not None and result.responses == 1
