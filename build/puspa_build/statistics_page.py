"""The portal's statistics page: the monthly figures published in content/statistik/."""

from __future__ import annotations

from typing import Any

from .content import Content
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
    title = indonesian_date(f"{figures['bulan']}-01", content).split(" ", 1)[1]
    helpful = figures["membantu"]
    answered = helpful["ya"] + helpful["tidak"]
    rows = [
        ("Pesan masuk", indonesian_number(figures["pesan"])),
        ("Warga dilayani (nomor berbeda)", indonesian_number(figures["warga"])),
        ("Jawaban layanan", indonesian_number(figures["jawaban_layanan"])),
        ("Lewat menu / diketik", f"{figures['lewat_menu']} / {figures['diketik']}"),
        ("Pendaftaran izin resepsi", indonesian_number(figures["pendaftaran_resepsi"])),
        ("Kertas dihemat (perkiraan)", f"{indonesian_number(figures['kertas_dihemat'])} lembar"),
    ]
    if answered:
        share = indonesian_number(100 * helpful["ya"] / answered)
        rows.append(("Menilai informasi membantu", f"{share}% dari {answered} jawaban"))
    lines = [f"## {title}", "", "| Angka | Jumlah |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    lines.append("")
    top = figures["layanan_teratas"][:TOP_SERVICES]
    if top:
        lines += ["**Layanan yang paling banyak ditanyakan**", ""]
        for number, entry in enumerate(top, start=1):
            service = content.services.get(entry["layanan"])
            name = service.data["nama"] if service else entry["layanan"]
            link = f"[{name}](layanan/{entry['layanan']}.md)" if service else name
            lines.append(f"{number}. {link}: {indonesian_number(entry['jumlah'])}")
        lines.append("")
    ikm = figures.get("ikm")
    if ikm:
        lines += [
            f"**Indeks Kepuasan Masyarakat (IKM): {indonesian_number(ikm['nilai'], 2)}**, "
            f"mutu {ikm['mutu']} ({ikm['kinerja']}), dari {ikm['responden']} responden "
            f"({content.survei['dasar_hukum'].split(' tentang')[0]}).",
            "",
            "| Unsur | Nilai |",
            "|---|---:|",
            *(
                f"| {unsur['kode']} {unsur['nama']} | {indonesian_number(unsur['nilai'], 2)} |"
                for unsur in ikm["unsur"]
            ),
            "",
        ]
    return lines
