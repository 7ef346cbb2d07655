"""The features a message is scored by: the same function at build time and at run time.

A message is normalised (lower case, no punctuation, abbreviations expanded), cut to its
first MAX_WORDS words, and described by its words, its word pairs and the character 3- to
5-grams of each word (which carry typos, affixes and Sundanese spellings). Every feature
present counts once; the vector is divided by the square root of their number, so long and
short messages score on one scale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import pairwise

from .normalise import normalise

MAX_WORDS = 60
"""Only a message's first words are scored: the work is linear and bounded."""
CHARACTER_GRAMS = (3, 4, 5)


def features(text: str, abbreviations: Mapping[str, str]) -> dict[str, float]:
    """The message's features and their values (1/sqrt(n) each for n distinct features)."""
    words = normalise(text[: MAX_WORDS * 20], abbreviations).split()[:MAX_WORDS]
    found: set[str] = set()
    for word in words:
        found.add("w " + word)
        padded = f"<{word}>"
        for size in CHARACTER_GRAMS:
            found.update("c " + padded[i : i + size] for i in range(len(padded) - size + 1))
    found.update(f"b {first} {second}" for first, second in pairwise(words))
    if not found:
        return {}
    value = 1 / math.sqrt(len(found))
    return dict.fromkeys(sorted(found), value)
