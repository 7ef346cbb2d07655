"""Where a checkout of PUSPA keeps its folders: the one place that knows the project's layout.

Only the checkout has these folders; the Lambda bundle reads its reply index beside the code.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
"""The project root (this file is lambda/puspa_bot/paths.py)."""
CONTENT = PROJECT / "content"
DIST = PROJECT / "dist"
REPLIES = DIST / "replies.json"
"""Where `make build` writes the reply index."""
SCHEMAS = PROJECT / "schemas"
SITE_SOURCES = PROJECT / "site"
"""The portal's MkDocs configuration, theme overrides and assets."""
INFRA = PROJECT / "infra"
LAMBDA = PROJECT / "lambda"
EVAL = PROJECT / "tests" / "eval"
"""The evaluation sets `make eval` measures the bot on."""
NODE_BIN = PROJECT / "node_modules" / ".bin"
