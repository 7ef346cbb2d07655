"""Personal data kept out of logs, counters and keys: keyed hashes, masked numbers and e-mails.

Phone numbers and NIKs are written in many ways ('081 399 900 021', '0813-9990-0021',
'+62 813 9990 0021', a NIK with spaces); they are masked as one number however they are
spaced or punctuated. WhatsApp message ids (`wamid.HBgN...`) carry the sender's number in
base64, so they are never stored or logged as they are, only as a short keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Mapping

from .normalise import keyword_key

COUNTED_DIGITS = 4
"""A number of this many digits or more is masked in counted questions (years, codes, NIK)."""
LOGGED_DIGITS = 8
"""A number of this many digits or more is masked in log lines (phone numbers, NIK)."""
COUNTED_CHARACTERS = 500
"""At most this much of an unanswered question is counted (a DynamoDB sort key)."""
MESSAGE_KEY_LENGTH = 16
"""Hex digits kept of a message id's keyed hash: 64 bits, unique enough among the messages of
8 days (what the table remembers), and saying nothing of the sender."""
MASK = "#"
# Bounded parts (RFC 5321: local part 64, label 63), so a long word is never rescanned.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
# A digit, then more digits each after any run of spaces or number punctuation.
_NUMBER = re.compile(r"\+?\d(?:[\s.\-/()]*\d)*")
_CUT = "\x00"


def keyed_hash(pepper: str, value: str) -> str:
    """HMAC-SHA256 of a NIK, a phone number or a message id under the secret pepper, as hex."""
    return hmac.new(pepper.encode(), value.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def message_key(pepper: str, message_id: str) -> str:
    """What a message id is stored and logged as: a short keyed hash of it."""
    return keyed_hash(pepper, f"message:{message_id}")[:MESSAGE_KEY_LENGTH]


def mask_numbers(text: str, min_digits: int = LOGGED_DIGITS, mask: str = MASK) -> str:
    """`text` with every e-mail address, and every number of `min_digits` digits or more, as
    `mask`."""
    text = _EMAIL.sub(mask, text)

    def masked(found: re.Match[str]) -> str:
        number = found.group(0)
        return mask if sum(c.isdigit() for c in number) >= min_digits else number

    return _NUMBER.sub(masked, text)


def counted_words(
    text: str, abbreviations: Mapping[str, str], common_words: Collection[str]
) -> str:
    """An unanswered question as it is counted: its content words, numbers and e-mails as '#'.

    Masking comes before normalising, which would otherwise split '0813-9990-0021' into short
    numbers and 'budi@mail.id' into plain words.
    """
    marked = mask_numbers(text.replace(_CUT, " "), COUNTED_DIGITS, mask=_CUT)
    pieces = (keyword_key(piece, abbreviations, common_words) for piece in marked.split(_CUT))
    words = f" {MASK} ".join(pieces).split()
    counted = " ".join(words)
    if len(counted) <= COUNTED_CHARACTERS:
        return counted
    cut = counted[: COUNTED_CHARACTERS + 1]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut[:COUNTED_CHARACTERS]
