"""The portal's glossary: its own page in the navigation, and each service page's terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from puspa_build.content import load_content
from puspa_build.glossary import glossary, terms_in
from puspa_portal.glossary_page import glossary_page, terms_section
from puspa_portal.pages import service_page
from puspa_release.dist import BuildResult

from ..conftest import CONTENT
from .test_site import page_text

REAL = load_content(CONTENT)[0]
TERMS = glossary(REAL)


@pytest.fixture(scope="module")
def site(built: tuple[Path, BuildResult]) -> Path:
    """The built portal folder."""
    return built[0] / "site"


def test_the_glossary_page_explains_every_term_with_its_basis(site: Path) -> None:
    raw = (site / "istilah/index.html").read_text(encoding="utf-8")
    text = page_text(site / "istilah/index.html")
    assert text.startswith("Daftar istilah Singkatan dan istilah")
    for term in TERMS:
        assert f'id="{term.anchor}"' in raw, term.name
        assert term.meaning in text, term.name
        assert f"Dasar: {term.basis}" in text, term.name
    names = re.findall(r'<h2 id="istilah-[^"]+">([^<]+)</h2>', raw)
    assert names == sorted(names, key=str.casefold)


def test_the_glossary_page_is_in_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="istilah/"[^>]*>\s*<span class="md-ellipsis">\s*Daftar istilah', home)


def test_the_glossary_links_each_term_to_the_pages_that_use_it(site: Path) -> None:
    raw = (site / "istilah/index.html").read_text(encoding="utf-8")
    entry = raw[raw.index('id="istilah-skpwni"') :]
    entry = entry[: entry.index("<h2")]
    assert '<a href="../layanan/kartu-keluarga/">Kartu Keluarga (KK)</a>' in entry


def test_a_service_page_explains_the_terms_it_uses_in_plain_text(site: Path) -> None:
    page = site / "layanan/kartu-keluarga/index.html"
    raw = page.read_text(encoding="utf-8")
    text = page_text(page)
    section = text[text.index("Istilah di halaman ini") :].replace(" : ", ": ")  # tags were spaces
    for name in ("SKPWNI", "SKPLN", "SIAK", "SPTJM", "PATEN"):
        found = next(t for t in TERMS if t.name == name)
        assert f"{name}: {found.expansion}. {found.meaning}" in section
        assert f'href="../../istilah/#{found.anchor}"' in raw
    assert "NIB" not in section  # only the terms this page uses
    assert section.endswith("Semua istilah")


@pytest.mark.parametrize("service_id", sorted(REAL.services))
def test_every_service_page_lists_exactly_the_terms_it_uses(site: Path, service_id: str) -> None:
    used = terms_in(REAL, service_page(REAL, service_id))
    raw = (site / "layanan" / service_id / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><strong><a href="../../istilah/#(istilah-[^"]+)">', raw)
    assert listed == [term.anchor for term in used]
    assert ("Istilah di halaman ini" in raw) == bool(used)


def test_a_page_without_terms_gets_no_glossary_section() -> None:
    assert terms_section(REAL, [], "../istilah.md") == ""


def test_the_glossary_page_reads_from_content() -> None:
    page = glossary_page(REAL, {"SIAK": ["kartu-keluarga"]})
    assert page.startswith("---\ntitle: Daftar istilah\n")
    assert "## SIAK { #istilah-siak }" in page
    assert "Muncul di: [Kartu Keluarga (KK)](layanan/kartu-keluarga.md)" in page
