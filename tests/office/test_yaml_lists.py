"""Appending to a list in a YAML file's text: only the new lines change."""

from __future__ import annotations

import pytest
import yaml
from puspa_office.yaml_lists import ListNotEditable, append_items

TEXT = """\
# yaml-language-server: $schema=../schemas/percakapan.schema.json
# A comment that must stay.
menu:
  contoh:
    - "menu"
    - "bantuan"   # a note on the last item
# the comment before the next section belongs to it
salam:
  contoh:
  - 'halo'
  - 'punten'
topik:
  - id: sim
    contoh:
      - sim c
      - perpanjang sim
  - id: paspor
    contoh:
      - "bikin paspor"
kosong: []
"""


def test_items_go_after_the_last_item_with_its_indentation_and_quotes() -> None:
    updated = append_items(TEXT, ("menu", "contoh"), ['tampilkan "menu"', "a\\b"], "x.yaml")
    assert updated == TEXT.replace(
        '    - "bantuan"   # a note on the last item\n',
        '    - "bantuan"   # a note on the last item\n'
        '    - "tampilkan \\"menu\\""\n'
        '    - "a\\\\b"\n',
    )
    assert yaml.safe_load(updated)["menu"]["contoh"][-2:] == ['tampilkan "menu"', "a\\b"]


def test_single_quotes_and_a_list_at_its_keys_indentation() -> None:
    updated = append_items(TEXT, ("salam", "contoh"), ["it's me"], "x.yaml")
    assert updated == TEXT.replace("  - 'punten'\n", "  - 'punten'\n  - 'it''s me'\n")


def test_plain_items_stay_plain_unless_they_would_read_back_differently() -> None:
    added = ["sim nembak", "yes", "a: b", "x # y", "123"]
    updated = append_items(TEXT, ("topik", 0, "contoh"), added, "x.yaml")
    assert updated == TEXT.replace(
        "      - perpanjang sim\n",
        '      - perpanjang sim\n      - sim nembak\n      - "yes"\n      - "a: b"\n'
        '      - "x # y"\n      - "123"\n',
    )
    assert yaml.safe_load(updated)["topik"][0]["contoh"][-5:] == added


def test_the_last_list_of_a_file_without_a_final_newline_and_crlf_endings() -> None:
    assert append_items("a:\n  - x\n  - y", ("a",), ["z"], "x.yaml") == "a:\n  - x\n  - y\n  - z\n"
    windows = 'a:\r\n  - "x"\r\nb: 1\r\n'
    assert append_items(windows, ("a",), ["y"], "x.yaml") == 'a:\r\n  - "x"\r\n  - "y"\r\nb: 1\r\n'


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("kosong",), "x.yaml: kosong ditulis dalam satu baris"),
        (("topik", 5, "contoh"), "x.yaml: topik.6 tidak ditemukan"),
        (("menu",), "x.yaml: menu bukan daftar"),
    ],
)
def test_what_cannot_be_extended_by_lines_is_an_error(
    path: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(ListNotEditable, match=message.replace(".", r"\.")):
        append_items(TEXT, path, ["baru"], "x.yaml")


def test_nothing_to_add_changes_nothing() -> None:
    assert append_items(TEXT, ("menu", "contoh"), [], "x.yaml") is TEXT
