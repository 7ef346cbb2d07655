"""The portal's pages as Markdown, generated from content (MkDocs Material syntax)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from puspa_build.content import Content
from puspa_build.texts import fill, indonesian_date, is_missing
from puspa_build.whatsapp_reply import case_anchor, cases, procedure_groups

_WA_BOLD = re.compile(r"\*([^*\n]+)\*")


def whatsapp_link(content: Content, text: str) -> str:
    """Return a wa.me link to PUSPA, pre-filled with a message."""
    return f"https://wa.me/{content.kantor['whatsapp']}?text={quote(text)}"


def start_link(content: Content) -> str:
    """The home page's WhatsApp link (button and QR code): a chat pre-filled with INFO."""
    return whatsapp_link(content, content.bahasa["perintah"]["menu"][0].upper())


def home_page(content: Content, version: str = "") -> str:
    """The home page: call to action, office details, PATEN and non-PATEN lists."""
    portal = content.pesan["portal"]
    kantor = content.kantor
    lines = [
        "---",
        "hide:\n  - navigation",
        "---",
        f"# {_md(fill(portal['judul'], content))}",
        "",
        _md(fill(portal["pengantar"], content)),
        "",
        '<div class="puspa-cta" markdown>',
        f"[{_md(fill(portal['tombol_wa'], content))}]({start_link(content)})"
        "{ .md-button .md-button--primary }",
        "",
        f"![{_attr(fill(portal['petunjuk_qr'], content))}](assets/whatsapp-qr.svg)",
        "</div>",
        "",
        f'<p class="puspa-muted puspa-qr">{html.escape(fill(portal["petunjuk_qr"], content))}</p>',
        "",
        f"**{portal['alamat']}:** {_value(content, kantor['alamat'])}  ",
        f"**{portal['jam_layanan']}:** {_value(content, kantor['jam_layanan'])}",
        "",
    ]
    for group, title in (
        ("paten", portal["judul_paten"]),
        ("non-paten", portal["judul_non_paten"]),
    ):
        lines += [f"## {_md(title)}", ""]
        for service_id, source in content.services.items():
            if source.data["kelompok"] == group:
                data = source.data
                lines.append(
                    f"- [{_md(data['nama'])}](layanan/{service_id}.md) — {_md(data['ringkasan'])}"
                )
        lines.append("")
    lines += [f'<p class="puspa-muted">{_md(fill(portal["tentang_isi"], content))}</p>', ""]
    if version:
        lines += [f'<p class="puspa-muted">{portal["versi_isi"]}: <code>{version}</code></p>', ""]
    return "\n".join(lines)


def service_page(content: Content, service_id: str) -> str:
    """One service page showing every component of its service standard."""
    service = content.service(service_id)
    pesan = content.pesan
    label = pesan["label"]
    names = other_names(service)
    lines = [
        "---",
        f"title: {_yaml_str(service['nama'])}",
        f"description: {_yaml_str(service['ringkasan'])}",
        # Material's search ranks tags above titles and text. No tags plugin, so they are not
        # shown on the page (the line below shows the same words); nor, by puspa.css, in results.
        f"tags: {_yaml_list(names)}",
        "---",
        f"# {_md(service['nama'])}",
        "",
        _md(service["ringkasan"]),
        "",
    ]
    if names:
        lines += [f"**{label['kata_kunci']}:** {', '.join(_md(name) for name in names)}", ""]
    if "perhatian" in service:
        title = pesan["portal"]["perhatian"]
        lines += [f'!!! warning "{title}"', f"    {_md(service['perhatian'])}", ""]
    ask = whatsapp_link(content, service["kata_kunci"][0])
    lines += [
        f"[{_md(pesan['portal']['tanya_wa'])}]({ask}){{ .md-button .md-button--primary }}",
        "",
    ]
    lines += _examples(content, service)
    if service["jenis"] == "layanan":
        lines += _component(content, service, "persyaratan", _requirements_md)
        steps = {**service, "prosedur": procedure_groups(service)}
        lines += _component(content, steps, "prosedur", _requirements_md)
        for key in ("jangka_waktu", "biaya", "produk"):
            lines += _component(content, service, key, _md)
    else:
        for part in service["bagian"]:
            lines += [f"## {_md(part['judul'])}", ""]
            if "teks" in part:
                lines += [_md(part["teks"]), ""]
            if "butir" in part:
                lines += [f"- {_md(item)}" for item in part["butir"]] + [""]
            if "konfirmasi" in part:
                lines += _note(content, part["konfirmasi"])
    lines += [f"## {label['penyelenggara']}", "", _md(service["penyelenggara"]), ""]
    if service["jenis"] == "layanan":
        lines += _component(content, service, "pengaduan", _md)
    lines += [f"## {label['dasar_hukum']}", ""]
    lines += [f"- {_md(law)}" for law in service["dasar_hukum"]] + [""]
    if service.get("terkait"):
        lines += [f"## {label['terkait']}", ""]
        for other in service["terkait"]:
            lines.append(f"- [{_md(content.service(other)['nama'])}]({other}.md)")
        lines.append("")
    reviewed = indonesian_date(service["ditinjau"], content)
    lines += [f'<p class="puspa-muted">{label["ditinjau"]}: {reviewed}</p>', ""]
    return "\n".join(lines)


def other_names(service: dict[str, Any]) -> list[str]:
    """The service's keywords in content order, each once (ignoring case), none equal to its
    title: the words residents also call it by."""
    seen = {service["nama"].casefold()}
    names = []
    for keyword in service["kata_kunci"]:
        if keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            names.append(keyword)
    return names


def _examples(content: Content, service: dict[str, Any]) -> list[str]:
    """The residents' example questions, folded away: read on request, found by the search.

    They sit before the first heading, in the part of the page that Material's search ranks
    highest, and each is its own paragraph, so a search result quotes only the questions that
    match. Raw HTML, so that no question is read as Markdown (a leading "1." or "#").
    """
    title = content.pesan["label"]["contoh_pertanyaan"]
    asked = [
        *service["contoh_pertanyaan"],
        *(text for case in cases(service) for text in case["contoh"]),
    ]
    questions = [f"<p>{html.escape(question)}</p>" for question in asked]
    summary = f"<summary>{html.escape(title)}</summary>"
    return ['<details class="note puspa-contoh">', summary, *questions, "</details>", ""]


def _component(
    content: Content, service: dict[str, Any], key: str, render: Callable[[Any], str]
) -> list[str]:
    """A titled component with the honest 'not yet known' or 'to be confirmed' note."""
    lines = [f"## {content.pesan['label'][key]}", ""]
    if is_missing(service[key]):
        lines += ['!!! info ""', f"    {_md(content.pesan['belum_ada'])}", ""]
        return lines
    lines += [render(service[key]), ""]
    note = service.get("konfirmasi", {}).get(key)
    if note:
        lines += _note(content, note)
    return lines


def _note(content: Content, note: str) -> list[str]:
    """The 'to be confirmed by the office' note under a component."""
    title = content.pesan["portal"]["perlu_dipastikan"]
    return [f'!!! note "{title}"', f"    {_md(content.pesan['konfirmasi'])}: {_md(note)}", ""]


def _requirements_md(groups: list[dict[str, Any]]) -> str:
    """Requirement groups as bold headings with numbered lists."""
    parts = []
    for group in groups:
        heading = f"**{_md(group['untuk'])}**\n\n" if "untuk" in group else ""
        if "kasus" in group:  # the place the case's WhatsApp answer links to
            heading = heading.replace("\n\n", f"\n{{: #{case_anchor(group['kasus'])} }}\n\n", 1)
        parts.append(heading + _numbered_md(group["butir"]))
    return "\n\n".join(parts)


def _numbered_md(items: list[str]) -> str:
    """A Markdown numbered list."""
    return "\n".join(f"{n}. {_md(item)}" for n, item in enumerate(items, start=1))


def _value(content: Content, value: Any) -> str:
    """An office value, or the honest 'not yet available' text."""
    return _md(content.pesan["belum_ada"] if is_missing(value) else value)


def _md(text: str) -> str:
    """Make content text safe Markdown; WhatsApp *bold* becomes Markdown **bold**."""
    escaped = html.escape(text.strip(), quote=False).replace("\n", " ")
    return _WA_BOLD.sub(r"**\1**", escaped)


def _attr(text: str) -> str:
    """Text safe inside Markdown image alt text."""
    return text.replace("[", "(").replace("]", ")")


def _yaml_str(text: str) -> str:
    """A value safe in YAML front matter."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).strip().removesuffix("\n...")


def _yaml_list(items: list[str]) -> str:
    """A list of texts on one line, safe in YAML front matter."""
    return yaml.safe_dump(items, allow_unicode=True, default_flow_style=True, width=10_000).strip()


def page_title(path: Path) -> str:
    """The first heading of a Markdown page, for the navigation."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()
