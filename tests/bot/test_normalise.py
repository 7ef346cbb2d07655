"""Normalisation shared by the build (keywords) and the responder (incoming messages)."""

from __future__ import annotations

import pytest
from puspa_bot.normalise import content_words, normalise

ABBREVIATIONS = {"gmn": "bagaimana", "yg": "yang", "sy": "saya"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Syarat bikin KK??", "syarat bikin kk"),
        ("e-KTP", "e ktp"),
        ("  AKTE   lahir ", "akte lahir"),
        ("halooooo", "halo"),
        ("KK", "kk"),
        ("gmn ngurus yg hilang", "bagaimana ngurus yang hilang"),
        ("Pendaftaran café", "pendaftaran cafe"),
        ("🙏 punten", "punten"),
        ("", ""),
    ],
)
def test_normalise(typed: str, expected: str) -> None:
    assert normalise(typed, ABBREVIATIONS) == expected


def test_content_words_drop_common_words() -> None:
    common = {"cara", "bikin", "bagaimana"}
    assert content_words(normalise("gmn cara bikin KK", ABBREVIATIONS), common) == ["kk"]
