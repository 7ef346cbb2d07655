"""The one error family of the `puspa` command: each says in Indonesian what to do next.

Library code raises these; the command line prints `GAGAL: <message>` and exits with `status`.
"""

from __future__ import annotations


class PuspaError(Exception):
    """A problem the user can fix; its text is one Indonesian line that says how."""

    status = 1

    def details(self) -> list[str]:
        """Lines printed before the one-line message (for example every content problem)."""
        return []


class BuildError(PuspaError):
    """A build stage other than validation failed (for example MkDocs): nothing was written."""

    def __str__(self) -> str:
        """The reason, and that nothing was written."""
        return f"{super().__str__()}. Tidak ada yang ditulis."


class NotFound(PuspaError):
    """A file, code or record the user named does not exist."""


class NotConfigured(PuspaError):
    """A setting the command needs is missing or malformed."""


class Unreachable(PuspaError):
    """A service the command needs (the table, a port) cannot be reached or used."""
