"""Render one service as ONE WhatsApp text message (WhatsApp formatting: *bold*, _italic_).

The first time a glossary term appears in an answer, its short explanation follows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from puspa_bot import whatsapp_limits as limits

from .content import Content
from .glossary import explain_first
from .texts import fill, is_missing, service_url

# Components shown as a short "*Label:* text" line rather than a block.
_INLINE = ("jangka_waktu", "biaya", "produk", "penyelenggara", "pengaduan")
# What a case's short answer shares with every case: time, fee, where.
_CASE_INLINE = ("jangka_waktu", "biaya", "penyelenggara")


def render_reply(content: Content, service_id: str) -> str:
    """Return the full reply for one service, including the portal link and the way back."""
    service = content.service(service_id)
    pesan = content.pesan
    blocks = [f"*{service['nama']}*"]
    if "perhatian" in service:
        blocks.append(f"⚠️ {service['perhatian']}")
    if service["jenis"] == "layanan":
        blocks.append(_block(content, service, "persyaratan", _requirements))
        steps = {**service, "prosedur": procedure_groups(service)}
        blocks.append(_block(content, steps, "prosedur", _requirements))
        blocks.append("\n".join(_inline(content, service, key) for key in _INLINE))
    else:
        blocks.extend(_section(content, part) for part in service["bagian"])
        blocks.append(_inline(content, service, "penyelenggara"))
    url = service_url(content, service_id)
    closing = [fill(pesan["selengkapnya"], content, url=url)] if url else []
    closing.append(fill(pesan["petunjuk_kembali"], content))
    blocks.append("\n".join(closing))
    return explain_first(content, "\n\n".join(blocks), limits.TEXT_BODY)


def cases(service: dict[str, Any]) -> list[dict[str, Any]]:
    """The requirement groups of a service that are cases of their own (they have `kasus`)."""
    groups = service.get("persyaratan")
    return [group for group in groups if "kasus" in group] if isinstance(groups, list) else []


def procedure_groups(service: dict[str, Any]) -> Any:
    """The procedure as groups: the service's steps, then each case's own steps under its
    name (rujuk at the KUA is not a wedding); the honest 'not yet known' marker as it is."""
    if is_missing(service["prosedur"]):
        return service["prosedur"]
    own: dict[tuple[str, ...], list[str]] = {}  # cases with the same steps share one heading
    for case in cases(service):
        if "prosedur" in case:
            own.setdefault(tuple(case["prosedur"]), []).append(case["untuk"])
    groups = [{"untuk": "; ".join(names), "butir": list(steps)} for steps, names in own.items()]
    return [{"butir": service["prosedur"]}, *groups]


def case_anchor(case_id: str) -> str:
    """The id of a case's place on the portal page (the WhatsApp answer links to it)."""
    return f"kasus-{case_id}"


def case_url(content: Content, service_id: str, case_id: str) -> str | None:
    """The portal address of one case of a service, or None without a portal address."""
    url = service_url(content, service_id)
    return f"{url}#{case_anchor(case_id)}" if url else None


def render_case_reply(content: Content, service_id: str, case_id: str) -> str:
    """The short answer for one case: its requirements and those every case shares, the
    procedure (the case's own steps if it has them), time, fee and where; then how to see
    everything, the portal link, the way back."""
    service = content.service(service_id)
    pesan = content.pesan
    case = next(group for group in cases(service) if group["kasus"] == case_id)
    blocks = [f"*{service['nama']}*\n_{case['untuk']}_"]
    if "perhatian" in service:
        blocks.append(f"⚠️ {service['perhatian']}")
    shown = [group for group in service["persyaratan"] if "kasus" not in group or group is case]
    if shown == [case]:  # the title already names the case: no second heading
        shown = [{"butir": case["butir"]}]
    blocks.append(_block(content, {**service, "persyaratan": shown}, "persyaratan", _requirements))
    steps = {**service, "prosedur": case.get("prosedur", service["prosedur"])}
    blocks.append(_block(content, steps, "prosedur", _numbered))
    blocks.append("\n".join(_inline(content, service, key) for key in _CASE_INLINE))
    url = case_url(content, service_id, case_id)
    closing = [fill(pesan["kasus_semua"], content)]
    if url:
        closing.append(fill(pesan["selengkapnya"], content, url=url))
    closing.append(fill(pesan["petunjuk_kembali"], content))
    blocks.append("\n".join(closing))
    return explain_first(content, "\n\n".join(blocks), limits.INTERACTIVE_BODY)


def _block(
    content: Content, service: dict[str, Any], key: str, render: Callable[[Any], str]
) -> str:
    """A titled block: '*Persyaratan*' then its lines, with the honesty notes."""
    lines = [f"*{content.pesan['label'][key]}*"]
    if is_missing(service[key]):
        lines.append(content.pesan["belum_ada"])
    else:
        lines.append(render(service[key]))
        if key in service.get("konfirmasi", {}):
            lines.append(f"_({content.pesan['konfirmasi']})_")
    return "\n".join(lines)


def _inline(content: Content, service: dict[str, Any], key: str) -> str:
    """A one-line component: '*Biaya:* Gratis ...'."""
    value = service[key]
    text = content.pesan["belum_ada"] if is_missing(value) else value
    if key in service.get("konfirmasi", {}) and not is_missing(value):
        text += f" _({content.pesan['konfirmasi']})_"
    return f"*{content.pesan['label'][key]}:* {text}"


def _requirements(groups: list[dict[str, Any]]) -> str:
    """Requirement groups: an italic heading per group, then its numbered items."""
    parts = []
    for group in groups:
        heading = f"_{group['untuk']}:_\n" if "untuk" in group else ""
        parts.append(heading + _numbered(group["butir"]))
    return "\n".join(parts)


def _numbered(items: list[str]) -> str:
    """A numbered list, one item a line."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))


def _section(content: Content, part: dict[str, Any]) -> str:
    """One part of an informational entry, with its own 'to be confirmed' note."""
    lines = [f"*{part['judul']}*"]
    if "teks" in part:
        lines.append(part["teks"])
    if "butir" in part:
        lines.extend(f"• {item}" for item in part["butir"])
    if "konfirmasi" in part:
        lines.append(f"_({content.pesan['konfirmasi']})_")
    return "\n".join(lines)
