"""The built portal: one page per service showing every component, found by residents' words."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from puspa_build.content import Content, load_content
from puspa_portal.pages import other_names, service_page
from puspa_release.dist import BuildResult

from ..conftest import CONTENT, SERVICE_IDS

WA = "https://wa.me/62895425781500"


def page_text(path: Path) -> str:
    """The visible text of a page's article (no navigation), whitespace collapsed."""
    raw = path.read_text(encoding="utf-8")
    raw = raw[raw.index("<article") : raw.index("</article>")]
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def service(service_id: str) -> dict:
    """A service's content as authored."""
    return yaml.safe_load((CONTENT / "layanan" / f"{service_id}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(built: tuple[Path, BuildResult]) -> Path:
    """The built portal folder."""
    return built[0] / "site"


MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()


@pytest.mark.parametrize("service_id", SERVICE_IDS)
def test_every_service_page_shows_its_requirements(site: Path, service_id: str) -> None:
    page = site / "layanan" / service_id / "index.html"
    text = page_text(page)
    data = service(service_id)
    assert data["nama"] in text
    if data["jenis"] == "layanan":
        assert "Persyaratan" in text
        requirements = data["persyaratan"]
        if isinstance(requirements, dict):
            assert "Belum tersedia. Silakan tanyakan ke Kantor Kecamatan Jonggol." in text
        else:
            for group in requirements:
                for item in group["butir"]:
                    assert " ".join(item.split()) in text
        for label in ("Prosedur", "Jangka waktu", "Biaya", "Hasil layanan", "Pengaduan"):
            assert label in text
    else:
        for part in data["bagian"]:
            assert part["judul"] in text
    for law in data["dasar_hukum"]:
        assert law in text
    year, month, day = (int(part) for part in data["ditinjau"].split("-"))
    assert f"Isi terakhir diperiksa: {day} {MONTHS[month - 1]} {year}" in text


def test_service_page_links_to_whatsapp_with_its_keyword(site: Path) -> None:
    raw = (site / "layanan/kartu-keluarga/index.html").read_text(encoding="utf-8")
    assert f'href="{WA}?text=KK"' in raw
    raw = (site / "layanan/izin-resepsi/index.html").read_text(encoding="utf-8")
    assert f'href="{WA}?text=izin%20resepsi"' in raw


def test_unconfirmed_content_is_marked_on_the_page(site: Path) -> None:
    text = page_text(site / "layanan/kartu-keluarga/index.html")
    assert "Perlu dipastikan ke Kantor Kecamatan Jonggol: Lama proses di Kecamatan Jonggol" in text


def test_home_page_has_whatsapp_call_to_action_and_both_lists(site: Path) -> None:
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{WA}?text=INFO"' in raw
    assert 'src="assets/whatsapp-qr.svg"' in raw
    assert (site / "assets/whatsapp-qr.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    text = page_text(site / "index.html")
    paten = text.index("Layanan PATEN")
    others = text.index("Layanan dan informasi lainnya")
    for service_id in SERVICE_IDS:
        data = service(service_id)
        position = text.index(data["nama"], paten)
        assert (position < others) == (data["kelompok"] == "paten"), service_id


def test_portal_is_in_indonesian_and_prints_cleanly(site: Path) -> None:
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in raw
    assert "fonts.googleapis.com" not in raw
    css = (site / "assets/puspa.css").read_text(encoding="utf-8")
    assert "@media print" in css


def test_search_finds_services_by_residents_words(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        by_page[page] = by_page.get(page, "") + " " + doc["text"] + " " + doc["title"]
    assert "kartu kluarga" in by_page["layanan/kartu-keluarga/"]
    assert "akte" in by_page["layanan/akta-kelahiran/"]
    assert "ngariung" in by_page["layanan/izin-resepsi/"]


@pytest.fixture(scope="module")
def content() -> Content:
    """The real content, read (not built): enough to render a page's Markdown."""
    return load_content(CONTENT)[0]


def test_service_page_says_what_else_residents_call_the_service(content: Content) -> None:
    page = service_page(content, "kartu-keluarga")
    keywords = service("kartu-keluarga")["kata_kunci"]
    assert f"**Disebut juga:** {', '.join(keywords)}" in page.splitlines()
    assert yaml.safe_load(page.split("---\n")[1])["tags"] == keywords  # what search ranks first
    akta = service("akta-kelahiran")
    assert akta["kata_kunci"][0].casefold() == akta["nama"].casefold()  # the title: left out
    line = f"**Disebut juga:** {', '.join(akta['kata_kunci'][1:])}"
    assert line in service_page(content, "akta-kelahiran").splitlines()


def test_other_names_are_the_keywords_once_each_without_the_title() -> None:
    data = {
        "nama": "Akta Kelahiran",
        "kata_kunci": ["akta kelahiran", "akte", "Akte", "surat lahir"],
    }
    assert other_names(data) == ["akte", "surat lahir"]


def test_example_questions_are_folded_away_each_its_own_paragraph(content: Content) -> None:
    page = service_page(content, "kia")
    start = page.index('<details class="note puspa-contoh">')
    block = page[start : page.index("</details>", start)].splitlines()
    assert block[1] == "<summary>Contoh pertanyaan warga</summary>"
    kia = service("kia")
    cases = [text for group in kia["persyaratan"] for text in group.get("contoh", [])]
    questions = [*kia["contoh_pertanyaan"], *cases]  # the general ones, then each case's
    assert block[2:] == [f"<p>{html.escape(question)}</p>" for question in questions]
    assert start < page.index("## Persyaratan")  # in the part of the page search ranks first


def test_editors_guide_is_published(site: Path) -> None:
    text = page_text(site / "panduan-editor/index.html")
    assert "pull request" in text
    assert "make check" in text


def test_home_page_shows_the_same_content_version_as_the_bot(
    built: tuple[Path, BuildResult], site: Path
) -> None:
    version = json.loads((built[0] / "replies.json").read_text(encoding="utf-8"))["version"]
    assert f"Versi isi: {version}" in page_text(site / "index.html")


def meta(raw: str, attribute: str, name: str) -> str | None:
    """The content of one <meta> tag of a page."""
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', raw)
    return html.unescape(found.group(1)) if found else None


def test_pages_carry_indonesian_metadata_and_link_previews(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in home
    assert meta(home, "property", "og:title") == "PUSPA Jonggol"
    assert meta(home, "property", "og:locale") == "id_ID"
    for service_id in ("kartu-keluarga", "izin-resepsi"):
        raw = (site / "layanan" / service_id / "index.html").read_text(encoding="utf-8")
        data = service(service_id)
        assert meta(raw, "name", "description") == data["ringkasan"]
        assert meta(raw, "property", "og:description") == data["ringkasan"]
        assert meta(raw, "property", "og:title") == f"{data['nama']} · PUSPA Jonggol"
    # Without the portal's address nothing can be absolute: no picture, no sitemap entries.
    assert meta(home, "property", "og:image") is None
    assert not (site / "robots.txt").exists()
    assert (site / "assets/social.png").read_bytes().startswith(b"\x89PNG")


def test_with_its_address_the_portal_has_a_sitemap_and_preview_picture(
    content_dir: Path, tmp_path: Path
) -> None:
    from puspa_release.dist import build

    from ..conftest import edit

    edit(
        content_dir / "kantor.yaml",
        "portal_url:\n  belum_ada: Alamat portal PUSPA setelah dipasang (domain kecamatan atau "
        "alamat CloudFront).",
        "portal_url: https://puspa.jonggol.example",
    )
    build(content_dir, tmp_path / "dist")
    site = tmp_path / "dist" / "site"
    raw = (site / "layanan/kartu-keluarga/index.html").read_text(encoding="utf-8")
    assert meta(raw, "property", "og:image") == "https://puspa.jonggol.example/assets/social.png"
    assert (
        meta(raw, "property", "og:url") == "https://puspa.jonggol.example/layanan/kartu-keluarga/"
    )
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for service_id in SERVICE_IDS:
        assert f"<loc>https://puspa.jonggol.example/layanan/{service_id}/</loc>" in sitemap
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://puspa.jonggol.example/sitemap.xml" in robots


def test_each_case_has_the_anchor_its_whatsapp_answer_links_to(site: Path) -> None:
    html_text = (site / "layanan/e-ktp/index.html").read_text(encoding="utf-8")
    for case in ("rekam", "pindah", "ubah-data", "rusak", "hilang"):
        assert f'id="kasus-{case}"' in html_text


@pytest.mark.parametrize("service_id", ["telepon-penting", "pbb", "data-pertanian"])
def test_an_information_pages_confirm_note_sits_under_its_own_section(service_id: str) -> None:
    content, _ = load_content(CONTENT)
    page = service_page(content, service_id)
    parts = content.service(service_id)["bagian"]
    for part in parts:
        start = page.index(f"## {part['judul']}")
        end = page.index("\n## ", start + 1)
        section = page[start:end]
        assert ('!!! note "Perlu dipastikan"' in section) == ("konfirmasi" in part), part["judul"]
        if "konfirmasi" in part:
            assert " ".join(part["konfirmasi"].split()) in " ".join(section.split())
