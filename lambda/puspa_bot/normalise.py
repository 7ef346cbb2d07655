"""Normalise what residents type, the same way at build time (aliases) and at run time."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from functools import cache
from typing import Any

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LONG_RUN = re.compile(r"([a-z])\1{2,}")


def normalise(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """Lower-case, drop accents and punctuation, shorten 'halooo', expand 'gmn'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_WORD.sub(" ", folded.lower()).split()
    words = [_LONG_RUN.sub(r"\1", word) for word in words]
    if abbreviations:
        words = [abbreviations.get(word, word) for word in words]
    return " ".join(" ".join(words).split())


def content_words(normalised: str, common_words: Collection[str]) -> list[str]:
    """Return the words of a normalised text that are not common words (cara, syarat, mau...)."""
    return [word for word in normalised.split() if word not in common_words]


def keyword_key(text: str, abbreviations: Mapping[str, str], common_words: Collection[str]) -> str:
    """The form a keyword is indexed and looked up by: its normalised content words."""
    return " ".join(content_words(normalise(text, abbreviations), common_words))


def stem(word: str) -> str:
    """Stem one Indonesian word (PySastrawi); digits and words of 3 letters or less stay."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word)


@cache
def _stemmer() -> Any:
    """Create the Indonesian stemmer once; importing it is deferred until a word needs it."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()
