"""The glossary on a phone, in Debian's chromium: the terms are explained in plain sight."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from puspa_build.content import load_content
from puspa_build.glossary import glossary
from puspa_portal.server import serve
from puspa_release.dist import BuildResult

from ..conftest import CONTENT, PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
SKPWNI = next(term for term in glossary(load_content(CONTENT)[0]) if term.name == "SKPWNI")


@pytest.fixture(scope="module")
def portal_url(built: tuple[Path, BuildResult]) -> Iterator[str]:
    """Serve the built portal on 127.0.0.1 for this module."""
    with serve(built[0] / "site") as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium; `make test` installs it when it is missing."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A small touch-screen phone: no mouse to hover with."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", has_touch=True, is_mobile=True
    )
    yield context.new_page()
    context.close()


def test_the_terms_list_is_plain_text_and_leads_to_the_glossary(
    phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/layanan/kartu-keluarga/")
    heading = phone.get_by_role("heading", name="Istilah di halaman ini")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    entry = phone.locator("li", has=phone.locator(f'a[href$="#{SKPWNI.anchor}"]'))
    assert entry.is_visible() and SKPWNI.meaning in entry.inner_text()
    entry.locator("a").tap()
    phone.wait_for_url(f"**/istilah/#{SKPWNI.anchor}")
    assert phone.locator(f"#{SKPWNI.anchor}").is_visible()


def test_the_glossary_page_has_no_serious_accessibility_violations(
    phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/istilah/")
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate(
        "axe.run().then(r => r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
    assert violations == []
