"""The portal's statistics page: the monthly figures published in content/statistik/.

`puspa report --publish` writes those files (`write_statistics`); the build renders the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .content import STATISTICS_DIR, Content
from .texts import indonesian_date, indonesian_number

TOP_SERVICES = 5
"""Services listed per month on the page."""


def statistics_page(content: Content) -> str:
    """The page as Markdown: newest month first."""
    texts = content.laporan["halaman_statistik"]
    lines = [f"# {texts['judul']}", "", texts["pengantar"], ""]
    if not content.statistics:
        lines += [texts["kosong"], ""]
    for month in sorted(content.statistics, reverse=True):
        lines += _month(content, content.statistics[month].data)
    return "\n".join(lines)


def _month(content: Content, figures: dict[str, Any]) -> list[str]:
    """One month's section."""
    texts = content.laporan["halaman_statistik"]
    title = indonesian_date(f"{figures['bulan']}-01", content).split(" ", 1)[1]
    helpful = figures["membantu"]
    answered = helpful["ya"] + helpful["tidak"]
    rows = [
        (texts["pesan"], indonesian_number(figures["pesan"])),
        (texts["warga"], indonesian_number(figures["warga"])),
        (texts["jawaban"], indonesian_number(figures["jawaban_layanan"])),
        (texts["menu_diketik"], f"{figures['lewat_menu']} / {figures['diketik']}"),
        (texts["resepsi"], indonesian_number(figures["pendaftaran_resepsi"])),
        (
            texts["kertas"],
            texts["kertas_isi"].format(lembar=indonesian_number(figures["kertas_dihemat"])),
        ),
    ]
    if answered:
        share = indonesian_number(100 * helpful["ya"] / answered)
        rows.append(
            (texts["membantu"], texts["membantu_isi"].format(persen=share, jumlah=answered))
        )
    lines = [
        f"## {title}",
        "",
        f"| {texts['kolom_angka']} | {texts['kolom_jumlah']} |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {value} |" for label, value in rows]
    lines.append("")
    top = figures["layanan_teratas"][:TOP_SERVICES]
    if top:
        lines += [texts["layanan_teratas"], ""]
        for number, entry in enumerate(top, start=1):
            service = content.services.get(entry["layanan"])
            name = service.data["nama"] if service else entry["layanan"]
            link = f"[{name}](layanan/{entry['layanan']}.md)" if service else name
            lines.append(f"{number}. {link}: {indonesian_number(entry['jumlah'])}")
        lines.append("")
    ikm = figures.get("ikm")
    if ikm:
        summary = texts["ikm"].format(
            nilai=indonesian_number(ikm["nilai"], 2),
            mutu=ikm["mutu"],
            kinerja=ikm["kinerja"],
            responden=ikm["responden"],
        )
        lines += [
            summary,
            "",
            f"| {texts['kolom_unsur']} | {texts['kolom_nilai']} |",
            "|---|---:|",
            *(
                f"| {unsur['kode']} {unsur['nama']} | {indonesian_number(unsur['nilai'], 2)} |"
                for unsur in ikm["unsur"]
            ),
            "",
        ]
    return lines


def write_statistics(published: dict[str, Any], content_dir: Path, month: str) -> Path:
    """Write a month's public figures as content/statistik/<month>.yaml for this page."""
    folder = content_dir / STATISTICS_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{month}.yaml"
    header = (
        "# yaml-language-server: $schema=../../schemas/statistik.schema.json\n"
        f"# Angka PUSPA bulan {month}, dibuat oleh `puspa report --month {month} --publish`.\n"
        "# Hanya angka gabungan, tanpa data pribadi. Tampil di halaman Statistik portal.\n"
    )
    body = yaml.safe_dump(published, allow_unicode=True, sort_keys=False)
    target.write_text(header + body, encoding="utf-8")
    return target
