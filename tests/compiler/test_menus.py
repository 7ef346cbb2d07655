"""Menus from content/menu.yaml: numbered text, and interactive lists of at most ten rows."""

from __future__ import annotations

from pathlib import Path

from puspa_build.compiler import check

from ..conftest import CONTENT, SERVICE_IDS, edit


def test_numbered_text_menu_matches_its_options() -> None:
    menu = check(CONTENT).index["menus"]["kependudukan"]
    assert menu["options"][0] == "layanan:kartu-keluarga"
    assert "\n1. Kartu Keluarga (KK)\n" in menu["text"]
    assert menu["text"].endswith("Balas dengan angka pilihan. Ketik *0* untuk kembali.")


def test_long_menu_is_split_into_pages_of_ten_rows(content_dir: Path) -> None:
    menu_file = content_dir / "menu.yaml"
    every = "".join(f"      - layanan: {service_id}\n" for service_id in SERVICE_IDS)
    edit(menu_file, "      - menu: informasi\n", "      - menu: informasi\n" + every)
    menu = check(content_dir).index["menus"]["utama"]
    assert len(menu["options"]) == 6 + 21 + 1  # six submenus, the services, Tanya petugas
    rows = [[r["id"] for r in page["action"]["sections"][0]["rows"]] for page in menu["pages"]]
    assert [len(page) for page in rows] == [10, 10, 10, 1]
    assert [page[-1] for page in rows[:3]] == ["menu:utama:2", "menu:utama:3", "menu:utama:4"]
    assert rows[3] == ["petugas:tanya"]
    options = [row for page in rows for row in page if not row.startswith("menu:utama:")]
    assert options == menu["options"]
