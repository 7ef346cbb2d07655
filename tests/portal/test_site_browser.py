"""The built portal in a real browser, Debian chromium driven by Playwright, as residents see it."""

from __future__ import annotations

import gzip
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, Response, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from puspa_portal.server import serve
from puspa_release.dist import BuildResult
from pypdf import PdfReader

from ..conftest import PROJECT, SERVICE_IDS
from .test_site import WA, service

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from npm (package.json), injected into the page as a script."""
PAGE_WEIGHT_BUDGET = 150 * 1024
"""Bytes, gzip-compressed, of everything a first visit to one page loads."""
SMALLEST_TARGET = 24
"""CSS pixels: the minimum size of a tap target (WCAG 2.2, success criterion 2.5.8)."""

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
    """Serve the built portal on 127.0.0.1 (gzipped, as CloudFront) for this module."""
    with serve(built[0] / "site") as address:
        yield address


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


RESIDENTS_WORDS = {
    "akte lahir": "akta-kelahiran",
    "bikin kk": "kartu-keluarga",
    "hajatan": "izin-resepsi",
    "penggilingan padi": "izin-huller",
    "ktp anak": "kia",
    # Slang, Sundanese and everyday words: keywords of the service or words of its examples.
    "ngambil ktp": "cek-ektp",
    "daftar poktan": "data-pertanian",
    "jualan online": "izin-usaha",
    "rarabi": "kua",
    "pajeg": "pbb",
    "ganti nisan": "izin-bangun-makam",
    "mayit": "izin-angkut-jenazah",
    "daycare": "izin-paud",
    "pajak reklame": "izin-spanduk",
    "nomor ambulans": "telepon-penting",
    "akte": "akta-kelahiran",
    "ngariung": "izin-resepsi",
    "heler": "izin-huller",
    "damkar": "telepon-penting",
}
"""What a resident types into the search box, and the service page that must come first."""


def first_result(page: Page, words: str) -> str:
    """Type `words` into the open search box as a person does; return the first result's path.

    Each keystroke is a query of its own, and Material shows their results one after another.
    The results of the whole of `words` are the ones whose links highlight its last word
    (`?h=`, the search.highlight feature): no shorter query has that word whole.
    """
    box = page.locator("input.md-search__input")
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.press_sequentially(words, delay=20)
    try:
        page.wait_for_function(
            """last => [...document.querySelectorAll('.md-search-result__item > a')].some(
              a => (new URL(a.href).searchParams.get('h') || '').split(' ').includes(last))""",
            arg=words.split()[-1],
            timeout=10_000,
        )
    except PlaywrightTimeoutError:
        return "(nothing found)"
    return urlsplit(page.locator(".md-search-result__item > a").first.get_attribute("href")).path


def test_search_puts_the_service_residents_mean_first(phone: Page, portal_url: str) -> None:
    phone.goto(f"{portal_url}/")
    phone.click("label.md-header__button[for=__search]")
    found = {words: first_result(phone, words) for words in RESIDENTS_WORDS}
    assert found == {words: f"/layanan/{id_}/" for words, id_ in RESIDENTS_WORDS.items()}


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


def requirement_items(service_id: str) -> list[str]:
    """Every requirement of a service as authored, whitespace collapsed."""
    requirements = service(service_id).get("persyaratan", [])
    if isinstance(requirements, dict):
        return []
    return [" ".join(item.split()) for group in requirements for item in group["butir"]]


def test_every_service_page_opens_and_shows_its_requirements(phone: Page, portal_url: str) -> None:
    for service_id in SERVICE_IDS:
        response = phone.goto(f"{portal_url}/layanan/{service_id}/")
        assert response is not None and response.ok, service_id
        data = service(service_id)
        assert phone.locator("article h1").inner_text() == data["nama"]
        shown = " ".join(phone.locator("article").inner_text().split())
        for item in requirement_items(service_id):
            assert item in shown, (service_id, item)
        if data["jenis"] == "layanan" and not requirement_items(service_id):
            assert "Belum tersedia. Silakan tanyakan ke Kantor Kecamatan Jonggol." in shown


def test_every_whatsapp_link_opens_puspa_with_the_right_text(
    browser: Browser, phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/")
    start = phone.locator(".puspa-cta a.md-button").get_attribute("href")
    assert start == f"{WA}?text=INFO"
    assert not phone.locator("img[src$='whatsapp-qr.svg']").is_visible()  # no QR on a phone
    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.goto(f"{portal_url}/")
    qr = Image.open(io.BytesIO(desktop.locator("img[src$='whatsapp-qr.svg']").screenshot()))
    desktop.close()
    assert [code.text for code in zxingcpp.read_barcodes(qr)] == [start]
    for service_id in SERVICE_IDS:
        phone.goto(f"{portal_url}/layanan/{service_id}/")
        links = phone.get_by_role("link", name="Tanya lewat WhatsApp")
        keyword = service(service_id)["kata_kunci"][0]
        expected = f"{WA}?text={keyword.replace(' ', '%20')}"
        assert [links.nth(n).get_attribute("href") for n in range(links.count())] == [expected]


@pytest.mark.parametrize("path", ["/", "/layanan/kartu-keluarga/", "/statistik/"])
def test_tap_targets_are_large_enough_on_a_small_phone(
    phone: Page, portal_url: str, path: str
) -> None:
    phone.goto(f"{portal_url}{path}")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    targets = phone.locator(".md-header__button, .md-button, .md-search__input, article li > a")
    small = []
    for n in range(targets.count()):
        target = targets.nth(n)
        box = target.bounding_box()
        if box and target.is_visible() and min(box["width"], box["height"]) < SMALLEST_TARGET:
            small.append((target.inner_text() or "(ikon)", box))
    assert small == []


def test_the_printed_page_holds_the_whole_requirement_list(phone: Page, portal_url: str) -> None:
    for service_id in ("kartu-keluarga", "kua"):
        phone.goto(f"{portal_url}/layanan/{service_id}/")
        phone.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(phone.pdf(format="A4")))
        printed = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
        for item in requirement_items(service_id):
            assert re.sub(r"\s+", "", item) in printed, (service_id, item)
        phone.emulate_media(media="screen")


@pytest.mark.parametrize(
    "path", ["/", "/statistik/", "/layanan/kartu-keluarga/", "/layanan/izin-bangun-makam/"]
)
def test_no_serious_or_critical_accessibility_violations(
    phone: Page, portal_url: str, path: str
) -> None:
    phone.goto(f"{portal_url}{path}")
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate(
        "axe.run().then(r => r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
    assert violations == []


@pytest.mark.parametrize("path", ["/", "/layanan/kartu-keluarga/"])
def test_first_load_stays_within_the_page_weight_budget(
    browser: Browser, portal_url: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    loaded: list[Response] = []
    page.on("response", lambda response: loaded.append(response))
    page.goto(f"{portal_url}{path}", wait_until="networkidle")
    compressed = sum(len(gzip.compress(response.body(), 6)) for response in loaded)
    context.close()
    print(f"\n{path}: {len(loaded)} requests, {compressed / 1024:.0f} KB compressed")
    assert compressed <= PAGE_WEIGHT_BUDGET
