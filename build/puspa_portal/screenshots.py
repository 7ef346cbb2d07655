"""`make screenshots`: pictures of the portal (phone, desktop) and of a WhatsApp conversation.

The conversation is the real engine answering over the built reply index; it is drawn as
WhatsApp shows it (bubbles, *bold*, list buttons) and photographed in chromium.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from puspa_bot import paths
from puspa_bot.contract import menu_row, service_row
from puspa_bot.conversation import Incoming, Kind, Reply, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex, load_index
from puspa_build.texts import whatsapp_html

from .server import serve

TARGET = paths.PROJECT / "docs" / "img"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
CONVERSATION = (
    (Kind.TEXT, "halo"),
    (Kind.TEXT, "info"),
    (Kind.CHOICE, menu_row("kependudukan")),
    (Kind.CHOICE, service_row("kartu-keluarga")),
)
"""What the pictured resident sends: typed text, or the id of the list row they tap."""
START = 1_800_000_000
"""The pictured conversation's clock (fixed, so the picture is the same on every run)."""

CHAT_STYLE = """
body { margin: 0; background: #efeae2; font: 15px/1.4 system-ui, sans-serif; color: #111b21; }
header { background: #1b5e20; color: #fff; padding: 12px 16px; font-weight: 600; }
header small { display: block; font-weight: 400; opacity: .8; }
main { padding: 12px 10px 24px; display: flex; flex-direction: column; gap: 8px; }
.bubble { max-width: 85%; padding: 7px 10px; border-radius: 8px; white-space: pre-wrap;
          box-shadow: 0 1px .5px rgba(0,0,0,.13); overflow-wrap: anywhere; }
.in { align-self: flex-start; background: #fff; }
.out { align-self: flex-end; background: #d9fdd3; }
.button { display: block; margin-top: 8px; padding-top: 8px; border-top: 1px solid #e9edef;
          text-align: center; color: #027eb5; font-weight: 500; }
"""


@dataclass(frozen=True)
class Bubble:
    """One message as the phone shows it."""

    from_resident: bool
    text: str
    buttons: tuple[str, ...] = ()


def conversation(index: ReplyIndex) -> Iterator[Bubble]:
    """Run the engine over CONVERSATION; yield what each side sees."""
    state = State()
    titles = _row_titles(index)
    for step, (kind, sent) in enumerate(CONVERSATION):
        yield Bubble(True, titles.get(sent, sent))
        outcome = respond(index, state, Incoming(kind, sent, timestamp=START + 30 * step))
        state = outcome.state
        yield from (_bubble(reply) for reply in outcome.replies)


def chat_page(index: ReplyIndex) -> str:
    """The conversation as an HTML page in WhatsApp's look."""
    office = index.office
    bubbles = "\n".join(
        f'<div class="bubble {"out" if b.from_resident else "in"}">{whatsapp_html(b.text)}'
        + "".join(f'<span class="button">{html.escape(label)}</span>' for label in b.buttons)
        + "</div>"
        for b in conversation(index)
    )
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<style>{CHAT_STYLE}</style></head><body>"
        f"<header>{html.escape(office['name'])}<small>+{office['whatsapp']}</small></header>"
        f"<main>{bubbles}</main></body></html>"
    )


def take(site: Path, index: ReplyIndex, target: Path, chromium: str) -> list[Path]:
    """Write the three pictures into `target`; return their paths."""
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    pictures = [target / name for name in ("portal-ponsel.png", "portal-desktop.png")]
    chat = target / "percakapan-whatsapp.png"
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for picture, viewport in zip(pictures, (PHONE, DESKTOP), strict=True):
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            page.goto(f"{base}/", wait_until="networkidle")
            page.screenshot(path=str(picture))
            page.close()
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        page.set_content(chat_page(index))
        page.screenshot(path=str(chat), full_page=True)
        browser.close()
    return [*pictures, chat]


def main(argv: list[str] | None = None) -> int:
    """Take the pictures of the built portal and reply index."""
    parser = argparse.ArgumentParser(prog="screenshots", description=__doc__)
    parser.add_argument("--site", type=Path, default=paths.DIST / "site")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is needed: `make screenshots` installs it.")
        return 1
    for path in take(args.site, load_index(), args.out, chromium):
        print(path)
    return 0


def _bubble(reply: Reply) -> Bubble:
    """A reply as the phone shows it: a list message is its body and its button."""
    interactive = reply.interactive
    if interactive and interactive["type"] == "list":
        return Bubble(False, interactive["body"]["text"], (interactive["action"]["button"],))
    if interactive and interactive["type"] == "button":
        titles = tuple(b["reply"]["title"] for b in interactive["action"]["buttons"])
        return Bubble(False, interactive["body"]["text"], titles)
    return Bubble(False, reply.text)


def _row_titles(index: ReplyIndex) -> dict[str, str]:
    """The title shown for each list row id the resident can tap."""
    return {
        row["id"]: row["title"]
        for menu in index.menus.values()
        for page in menu["pages"]
        for section in page["action"]["sections"]
        for row in section["rows"]
    }


if __name__ == "__main__":
    sys.exit(main())
