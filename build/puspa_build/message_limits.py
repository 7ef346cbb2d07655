"""Check the rendered messages against WhatsApp's limits, naming the content that made them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from puspa_bot import whatsapp_limits as limits

from .content import Content
from .problems import Problem
from .yaml_source import Source, dotted

# (where it comes from, path in that file, what it is, the text, its limit)
Measured = tuple[Source, tuple[Any, ...], str, str, int]


def check_limits(content: Content, index: dict[str, Any]) -> list[Problem]:
    """Return a problem for every message or label in the index that WhatsApp would refuse."""
    problems = []
    for source, path, label, text, limit in _measured(content, index):
        if len(text) > limit:
            what = f"{label} terlalu panjang untuk WhatsApp ({len(text)} karakter, batas {limit})"
            where = source.line(path)
            problems.append(Problem(source.name, where, dotted(path), what, "persingkat isinya"))
    return problems


def _measured(content: Content, index: dict[str, Any]) -> Iterator[Measured]:
    """Yield every text of the index that has a WhatsApp limit, with its origin."""
    pesan = content.settings["pesan"]
    for key, field in (("greeting", "salam"), ("fallback", "fallback"), ("not_text", "bukan_teks")):
        yield pesan, (field,), "pesan", index["texts"][key], limits.TEXT_BODY
    for service_id, service in index["services"].items():
        source = content.services[service_id]
        yield source, (), "balasan layanan", service["reply"], limits.TEXT_BODY
        groups = source.data.get("persyaratan")
        for number, group in enumerate(groups if isinstance(groups, list) else []):
            if "kasus" in group:  # a longer one than a button message holds goes as text
                reply = service["cases"][group["kasus"]]["reply"]
                where = ("persyaratan", number, "kasus")
                yield source, where, "jawaban kasus", reply, limits.TEXT_BODY
    menus = content.settings["menu"]
    for name, menu in index["menus"].items():
        where = ("menu", name)
        yield menus, where, "menu teks", menu["text"], limits.TEXT_BODY
        for page in menu["pages"]:
            body = page["body"]["text"]
            yield menus, (*where, "pengantar"), "pengantar menu", body, limits.INTERACTIVE_BODY
            action = page["action"]
            yield pesan, ("tombol_menu",), "teks tombol", action["button"], limits.LIST_BUTTON
            for section in action["sections"]:
                title = section["title"]
                yield menus, where, "judul menu", title, limits.LIST_SECTION_TITLE
                for row in section["rows"]:
                    yield menus, where, "judul baris", row["title"], limits.LIST_ROW_TITLE
                    description = row.get("description", "")
                    yield menus, where, "keterangan baris", description, limits.LIST_ROW_DESCRIPTION
    survei = content.settings["survei"]
    for number, question in enumerate(index["survey"]["questions"]):
        body = question["interactive"]["body"]["text"]
        yield survei, ("unsur", number, "tanya"), "pertanyaan survei", body, limits.INTERACTIVE_BODY
