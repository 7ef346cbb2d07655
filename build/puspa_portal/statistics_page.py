"""The portal's statistics page: the monthly figures published in content/statistik/.

`puspa report --publish` writes those files (puspa_office.report); the build renders the page.
"""

from __future__ import annotations

from typing import Any

from puspa_bot.contract import fill
from puspa_build.content import Content
from puspa_build.texts import indonesian_date, indonesian_number

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
            fill(texts["kertas_isi"], lembar=indonesian_number(figures["kertas_dihemat"])),
        ),
    ]
    if answered:
        share = indonesian_number(100 * helpful["ya"] / answered)
        rows.append((texts["membantu"], fill(texts["membantu_isi"], persen=share, jumlah=answered)))
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
        summary = fill(
            texts["ikm"],
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
