"""Build the portal: write the generated pages, configure MkDocs Material, run it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import segno
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from puspa_bot import paths
from puspa_build.content import Content
from puspa_build.errors import BuildError
from puspa_build.glossary import terms_in
from puspa_build.texts import fill, portal_url

from .glossary_page import PAGE as GLOSSARY_PAGE
from .glossary_page import glossary_page, terms_section
from .pages import home_page, page_title, service_page, start_link
from .social_card import write_social_card
from .statistics_page import statistics_page

SITE_SOURCES = paths.SITE_SOURCES


def write_docs(content: Content, docs_dir: Path, version: str = "") -> None:
    """Write every portal page as Markdown (plus the QR code) into `docs_dir`."""
    shutil.copytree(SITE_SOURCES / "assets", docs_dir / "assets")
    _write_qr(content, docs_dir / "assets" / "whatsapp-qr.svg")
    write_social_card(content, docs_dir / "assets" / "social.png")
    url = portal_url(content)
    if url:
        robots = f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap.xml\n"
        (docs_dir / "robots.txt").write_text(robots, encoding="utf-8")
    (docs_dir / "index.md").write_text(home_page(content, version), encoding="utf-8")
    (docs_dir / "layanan").mkdir()
    used_on: dict[str, list[str]] = {}
    for service_id in content.services:
        page = service_page(content, service_id)
        terms = terms_in(content, page)
        for term in terms:
            used_on.setdefault(term.name, []).append(service_id)
        page += terms_section(content, terms, f"../{GLOSSARY_PAGE}")
        (docs_dir / "layanan" / f"{service_id}.md").write_text(page, encoding="utf-8")
    (docs_dir / GLOSSARY_PAGE).write_text(glossary_page(content, used_on), encoding="utf-8")
    for page_path in content.pages:
        shutil.copyfile(page_path, docs_dir / page_path.name)
    (docs_dir / "statistik.md").write_text(statistics_page(content), encoding="utf-8")


def mkdocs_config(content: Content, docs_dir: Path, site_dir: Path) -> Path:
    """Write the full MkDocs configuration beside `docs_dir` and return its path."""
    config = yaml.safe_load((SITE_SOURCES / "mkdocs.yml").read_text(encoding="utf-8"))
    kantor = content.kantor
    groups: dict[str, list[dict[str, str]]] = {"paten": [], "non-paten": []}
    for service_id in content.ids_in_menu_order():
        service = content.service(service_id)
        groups[service["kelompok"]].append({service["judul_menu"]: f"layanan/{service_id}.md"})
    portal = content.pesan["portal"]
    nav: list[Any] = [
        {portal["menu_beranda"]: "index.md"},
        {portal["menu_paten"]: groups["paten"]},
        {portal["menu_non_paten"]: groups["non-paten"]},
    ]
    nav.append({content.laporan["halaman_statistik"]["judul"]: "statistik.md"})
    nav.append({content.istilah["judul"]: GLOSSARY_PAGE})
    nav += [{page_title(page): page.name} for page in content.pages]
    config["theme"]["custom_dir"] = str(SITE_SOURCES / "overrides")
    config.update(
        {
            "site_name": f"{kantor['nama_layanan']} {kantor['kecamatan']}",
            "site_description": fill(portal["judul"], content),
            "docs_dir": str(docs_dir),
            "site_dir": str(site_dir),
            "nav": nav,
            "strict": True,
        }
    )
    url = portal_url(content)
    if url:
        config["site_url"] = url + "/"
    path = docs_dir.parent / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_site(content: Content, work_dir: Path, site_dir: Path, version: str = "") -> None:
    """Generate the pages in `work_dir` and build the portal into `site_dir`."""
    docs_dir = work_dir / "docs"
    docs_dir.mkdir(parents=True)
    write_docs(content, docs_dir, version)
    config_file = mkdocs_config(content, docs_dir, site_dir)
    try:
        config = load_config(config_file=str(config_file))
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(f"MkDocs gagal membangun portal: {exc}") from exc


def _write_qr(content: Content, target: Path) -> None:
    """Write a QR code of the PUSPA WhatsApp link as SVG."""
    qr = segno.make(start_link(content), error="m")
    qr.save(str(target), kind="svg", scale=4, border=2, title="WhatsApp PUSPA")
