"""Fill the run-time {placeholders} that content texts leave for the responder."""

from __future__ import annotations


def fill(template: str, **values: str) -> str:
    """Replace each given {name}; any other braces stay as they are."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template
