"""Turn content/menu.yaml into WhatsApp menus: numbered text and paged interactive lists."""

from __future__ import annotations

from typing import Any

from puspa_bot import contract
from puspa_bot import whatsapp_limits as limits

from .content import Content
from .texts import fill


def build_menus(content: Content) -> dict[str, Any]:
    """Build every menu: its numbered text, its targets by number, and its list pages."""
    return {name: _build_menu(content, name, menu) for name, menu in content.menu.items()}


def _build_menu(content: Content, name: str, menu: dict[str, Any]) -> dict[str, Any]:
    """Build one menu."""
    rows = [_row(content, choice) for choice in menu["pilihan"]]
    hint = fill(content.pesan["petunjuk_menu"], content)
    numbered = "\n".join(f"{n}. {row['title']}" for n, row in enumerate(rows, start=1))
    text = f"*{menu['judul']}*\n{fill(menu['pengantar'], content)}\n\n{numbered}\n\n{hint}"
    return {
        "title": menu["judul"],
        "text": text,
        "options": [row["id"] for row in rows],
        "pages": _pages(content, name, menu, rows),
    }


def _row(content: Content, choice: dict[str, str]) -> dict[str, str]:
    """One list row for a menu choice: a service, the form, a petugas, or a submenu."""
    if "layanan" in choice:
        service = content.service(choice["layanan"])
        return {
            "id": contract.service_row(service["id"]),
            "title": service["judul_menu"],
            "description": service["ringkasan"],
        }
    if "formulir" in choice:
        form = content.resepsi
        return {
            "id": contract.row_id(contract.FORM_ROW, choice["formulir"]),
            "title": form["judul_menu"],
            "description": form["ringkasan_menu"],
        }
    if "petugas" in choice:
        handover = content.petugas
        return {
            "id": contract.row_id(contract.STAFF_ROW, choice["petugas"]),
            "title": handover["judul_menu"],
            "description": handover["ringkasan_menu"],
        }
    submenu = content.menu[choice["menu"]]
    row = {"id": contract.menu_row(choice["menu"]), "title": submenu["judul"]}
    if submenu.get("ringkasan"):
        row["description"] = submenu["ringkasan"]
    return row


def _pages(
    content: Content, name: str, menu: dict[str, Any], rows: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """Split rows into interactive list messages of at most 10 rows, chained by a 'more' row."""
    per_page = limits.LIST_ROWS if len(rows) <= limits.LIST_ROWS else limits.LIST_ROWS - 1
    chunks = [rows[start : start + per_page] for start in range(0, len(rows), per_page)]
    more = content.pesan["baris_lainnya"]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page_rows = list(chunk)
        if number < len(chunks):
            page_rows.append(
                {"id": contract.menu_row(name, number + 1), "title": more["judul"], **_desc(more)}
            )
        pages.append(
            {
                "type": "list",
                "body": {"text": fill(menu["pengantar"], content)},
                "action": {
                    "button": content.pesan["tombol_menu"],
                    "sections": [{"title": menu["judul"], "rows": page_rows}],
                },
            }
        )
    return pages


def _desc(more: dict[str, str]) -> dict[str, str]:
    """The description of the 'more' row, when it has one."""
    return {"description": more["ringkasan"]} if more.get("ringkasan") else {}
