"""`make screenshots`: the pictured conversation is the real engine's, and the pictures exist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from puspa_bot.reply_index import ReplyIndex
from puspa_portal.screenshots import chat_page, conversation, take


def test_the_pictured_conversation_is_what_the_engine_answers(index: ReplyIndex) -> None:
    bubbles = list(conversation(index))
    sent = [b.text for b in bubbles if b.from_resident]
    assert sent == ["halo", "info", "Kependudukan", "Kartu Keluarga (KK)"]
    answers = [b for b in bubbles if not b.from_resident]
    assert answers[0].text == index.texts["greeting"]
    assert answers[1].buttons == ("Lihat pilihan",)
    assert answers[3].text == index.services["kartu-keluarga"]["reply"]
    page = chat_page(index)
    assert "<b>PUSPA</b>" in page and "<i>syarat bikin KK</i>" in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_three_pictures_are_taken(built, index: ReplyIndex, tmp_path: Path) -> None:
    paths = take(built[0] / "site", index, tmp_path, shutil.which("chromium") or "")
    sizes = {path.name: Image.open(path).size for path in paths}
    assert sizes["portal-ponsel.png"] == (360, 740)
    assert sizes["portal-desktop.png"] == (1280, 800)
    width, height = sizes["percakapan-whatsapp.png"]
    assert width == 360 and height > 740  # the whole conversation, not one screen
