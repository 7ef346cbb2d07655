"""Check the local stack's TCP ports on 127.0.0.1 before anything starts listening on them."""

from __future__ import annotations

import socket

HOST = "127.0.0.1"


def in_use(port: int) -> bool:
    """True if something listens on 127.0.0.1:`port`, or a server could not bind it there."""
    with socket.socket() as probe:
        probe.settimeout(1)
        if probe.connect_ex((HOST, port)) == 0:
            return True
    with socket.socket() as probe:
        # As the servers bind: a port left in TIME_WAIT by a previous run is free to reuse.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def next_free(port: int, tries: int = 100) -> int | None:
    """The first port after `port` that is free now, if any of the next `tries` is."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        if not in_use(candidate):
            return candidate
    return None


def busy_message(name: str, port: int, command: str = "make dev") -> str:
    """One line: which port is busy, and what to do about it."""
    free = next_free(port)
    instead = f"e.g. `{name}={free} {command}`" if free else f"set {name}"
    return (
        f"{command}: port {port} ({name}) on {HOST} is already in use (another `make dev`?); "
        f"stop the program using it, or choose another port, {instead}"
    )
