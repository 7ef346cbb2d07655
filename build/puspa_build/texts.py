"""Helpers shared by both outputs: placeholders, office values, 'not yet known' markers."""

from __future__ import annotations

import html
import re
from typing import Any

from puspa_bot import contract

from .content import Content


def is_missing(value: Any) -> bool:
    """Tell whether a value is the honest 'only the office can supply this' marker."""
    return isinstance(value, dict) and set(value) == {"belum_ada"}


def portal_url(content: Content) -> str | None:
    """Return the public portal address, or None while the office has not set one."""
    url = content.kantor["portal_url"]
    return None if is_missing(url) else url


def service_url(content: Content, service_id: str) -> str | None:
    """Return the public address of one service page, or None without a portal address."""
    base = portal_url(content)
    return f"{base}/layanan/{service_id}/" if base else None


def fill(text: str, content: Content, **extra: str) -> str:
    """Replace {placeholders} in a text from pesan.yaml with office values."""
    kantor = content.kantor
    values = {
        "nama_layanan": kantor["nama_layanan"],
        "kepanjangan": kantor["kepanjangan"],
        "kantor": kantor["kantor"],
        "kecamatan": kantor["kecamatan"],
        "kabupaten": kantor["kabupaten"],
        "whatsapp_tampil": kantor["whatsapp_tampil"],
        "url": portal_url(content) or "",
        "pada_jam_layanan": _when_open(content),
        **extra,
    }
    return contract.fill(text, values)


def _when_open(content: Content) -> str:
    """'pada jam layanan kantor: <hours>', or an honest 'pada hari dan jam kerja kantor' while
    the office has not set its hours (both phrases from pesan.yaml)."""
    hours = content.kantor["jam_layanan"]
    phrases = content.pesan["waktu_layanan"]
    return (
        phrases["belum_ada"]
        if is_missing(hours)
        else contract.fill(phrases["ada"], {contract.OFFICE_HOURS: hours})
    )


def indonesian_date(iso_date: str, content: Content) -> str:
    """Write 2026-11-29 as '29 November 2026', with the month names of bahasa.yaml."""
    return contract.date_in_words(iso_date, content.bahasa["bulan"])


def indonesian_number(value: float, decimals: int = 0) -> str:
    """Write a number the Indonesian way: 1.234 and 77,78."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


_BOLD = re.compile(r"\*([^*\n]+)\*")
_ITALIC = re.compile(r"(?<![\w/])_([^_\n]+)_(?![\w/])")


def whatsapp_html(text: str) -> str:
    """Escape a text written with WhatsApp's *bold* and _italic_, and show those as HTML."""
    return _ITALIC.sub(r"<i>\1</i>", _BOLD.sub(r"<b>\1</b>", html.escape(text)))
