"""The glossary on the portal: its own page, and on each service page the terms it uses.

A service page ends with the terms it uses, each explained in plain words and linked to its
entry on the glossary page. Plain text is what works on every phone: a tooltip (an <abbr>
title) needs a pointer to hover with, and a phone has none; the text is also read out by
screen readers, printed with the page and found by the search.
"""

from __future__ import annotations

import html

import yaml
from puspa_build.content import Content
from puspa_build.glossary import Term, glossary

PAGE = "istilah.md"
"""The glossary page's file in the portal's sources (its address is /istilah/)."""


def glossary_page(content: Content, used_on: dict[str, list[str]]) -> str:
    """The glossary page: every term in alphabetical order, its meaning, its basis, and the
    service pages it appears on (`used_on`: term name -> service ids)."""
    texts = content.istilah
    lines = [
        "---",
        f"title: {_yaml_str(texts['judul'])}",
        f"description: {_yaml_str(texts['pengantar'])}",
        "---",
        f"# {_md(texts['judul'])}",
        "",
        _md(texts["pengantar"]),
        "",
    ]
    for term in sorted(glossary(content), key=lambda t: t.name.casefold()):
        lines += [f"## {_md(term.name)} {{ #{term.anchor} }}", "", _meaning(term), ""]
        lines += [f"{_md(texts['label_dasar'])}: {_md(term.basis)}", "{ .puspa-muted }", ""]
        services = used_on.get(term.name, [])
        if services:
            links = ", ".join(
                f"[{_md(content.service(service_id)['nama'])}](layanan/{service_id}.md)"
                for service_id in services
            )
            lines += [f"{_md(texts['label_muncul'])}: {links}", ""]
    return "\n".join(lines)


def terms_section(content: Content, terms: list[Term], glossary_link: str) -> str:
    """The end of a service page: the terms it uses, explained and linked to the glossary
    (`glossary_link` is the glossary page's path from that page). Empty when it uses none."""
    if not terms:
        return ""
    texts = content.istilah
    lines = ["", f"## {_md(texts['judul_di_halaman'])}", ""]
    for term in terms:
        name = f"[{_md(term.name)}]({glossary_link}#{term.anchor})"
        lines.append(f"- **{name}**: {_meaning(term)}")
    lines += ["", f"[{_md(texts['tautan_daftar'])}]({glossary_link})", ""]
    return "\n".join(lines)


def _meaning(term: Term) -> str:
    """'**Expansion.** Meaning' (or the meaning alone), as Markdown."""
    meaning = _md(term.meaning)
    return f"**{_md(term.expansion)}.** {meaning}" if term.expansion else meaning


def _md(text: str) -> str:
    """Content text made safe as Markdown on one line."""
    return html.escape(" ".join(text.split()), quote=False).replace("*", r"\*")


def _yaml_str(text: str) -> str:
    """A value safe in YAML front matter, on one line."""
    one_line = " ".join(text.split())
    return yaml.safe_dump(one_line, allow_unicode=True, width=10_000).strip().removesuffix("\n...")
