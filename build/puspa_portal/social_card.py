"""The picture a shared portal link shows in WhatsApp and other apps (Open Graph image)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from puspa_build.content import Content
from puspa_build.texts import fill

SIZE = (1200, 630)
"""The size WhatsApp and Facebook show without cropping."""
BACKGROUND = "#1b5e20"
"""The portal's primary colour."""


def write_social_card(content: Content, target: Path) -> None:
    """Draw the service name, the office and the WhatsApp number on the portal's green."""
    kantor = content.kantor
    card = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(card)
    lines = [
        (kantor["nama_layanan"], 120),
        (fill(content.pesan["portal"]["judul"], content), 52),
        (f"WhatsApp {kantor['whatsapp_tampil']}", 44),
    ]
    top = 150
    for text, size in lines:
        draw.text((80, top), text, font=ImageFont.load_default(size=size), fill="white")
        top += size + 50
    card.save(target, format="PNG", optimize=True)
