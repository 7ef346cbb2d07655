"""X-Hub-Signature-256 as Meta computes it."""

from __future__ import annotations

import hashlib
import hmac

from puspa_bot.signature import is_valid, sign


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    body = b'{"object":"whatsapp_business_account"}'
    expected = "sha256=" + hmac.new(b"secret", body, hashlib.sha256).hexdigest()
    assert sign(body, "secret") == expected
    assert is_valid(body, expected, "secret")


def test_anything_else_is_refused() -> None:
    body = b"{}"
    good = sign(body, "secret")
    assert not is_valid(body + b" ", good, "secret")
    assert not is_valid(body, good, "other")
    assert not is_valid(body, good.replace("sha256=", "sha1="), "secret")
    assert not is_valid(body, None, "secret")
    assert not is_valid(body, sign(body, ""), "")  # no secret configured: nothing passes


def test_a_header_outside_ascii_is_refused_not_an_error() -> None:
    body = b"{}"
    assert not is_valid(body, "sha256=é" + sign(body, "secret")[8:], "secret")
    assert not is_valid(body, "sha256=\udcff", "secret")  # a lone surrogate from a bad decoder
