"""Meta's webhook signature: X-Hub-Signature-256 = 'sha256=' + HMAC-SHA256(app secret, raw body)."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(body: bytes, app_secret: str) -> str:
    """The header value Meta sends for `body` (used by tests and the local tools)."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(body: bytes, header: str | None, app_secret: str) -> bool:
    """Check a signature in constant time; a missing secret or header never passes.

    Compared as bytes: a header with characters outside ASCII is simply wrong, not an error.
    """
    if not app_secret or not isinstance(header, str) or not header.startswith(PREFIX):
        return False
    given = header.encode("utf-8", "surrogatepass")
    return hmac.compare_digest(sign(body, app_secret).encode("ascii"), given)
