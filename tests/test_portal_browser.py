"""The built portal in a real browser, Debian chromium driven by Playwright, as residents see it."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from puspa_build.compiler import BuildResult

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def portal_url(built: tuple[Path, BuildResult]) -> Iterator[str]:
    """Serve the built portal on 127.0.0.1 for the length of this module."""
    handler = functools.partial(QuietHandler, directory=str(built[0] / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that keeps the test output clean."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium; `make test` installs it when it is missing."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page the size of a small phone screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    yield context.new_page()
    context.close()


def search(page: Page, portal_url: str, words: str) -> list[str]:
    """Type `words` into the portal's search box as a person does; return the result titles."""
    page.goto(f"{portal_url}/")
    page.click("label.md-header__button[for=__search]")
    box = page.locator("input.md-search__input")
    # The search index loads in a web worker; words typed before it is ready find nothing
    # until the next keystroke, so type again (as a person would) if no result shows.
    for _ in range(5):
        box.fill("")
        box.press_sequentially(words, delay=50)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=3_000)
            break
        except PlaywrightTimeoutError:
            continue
    return page.locator(".md-search-result__item > a h1").all_inner_texts()


@pytest.mark.parametrize(
    ("typed", "service"),
    [
        ("akte", "Akta Kelahiran"),
        ("ngariung", "Rekomendasi Izin Resepsi (Hajatan dan Keramaian)"),
        ("heler", "Izin Usaha Penggilingan Padi (Huller)"),
        ("damkar", "Nomor Telepon Penting"),
    ],
)
def test_search_finds_a_service_by_the_words_residents_type(
    phone: Page, portal_url: str, typed: str, service: str
) -> None:
    assert search(phone, portal_url, typed)[0] == service


def test_service_page_fits_a_small_phone_without_sideways_scrolling(
    phone: Page, portal_url: str
) -> None:
    for service_id in ("kartu-keluarga", "kua", "telepon-penting"):
        phone.goto(f"{portal_url}/layanan/{service_id}/")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, service_id


def test_ask_on_whatsapp_button_opens_a_prefilled_chat(phone: Page, portal_url: str) -> None:
    phone.goto(f"{portal_url}/layanan/kartu-keluarga/")
    button = phone.get_by_role("link", name="Tanya lewat WhatsApp")
    assert button.is_visible()
    assert button.get_attribute("href") == "https://wa.me/62895425781500?text=KK"


def test_printed_page_shows_the_requirements_without_screen_furniture(
    phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/layanan/kartu-keluarga/")
    phone.emulate_media(media="print")
    assert not phone.locator("header.md-header").is_visible()
    assert not phone.get_by_role("link", name="Tanya lewat WhatsApp").is_visible()
    assert phone.get_by_text("Surat keterangan kehilangan dari kepolisian").is_visible()
