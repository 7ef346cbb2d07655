"""`puspa report`: a month's figures from the table, written as the Camat's report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from puspa_build.content import STATISTICS_DIR, Content

from .connect import OfficeTable, stats
from .monthly import MonthFigures, gather, public_figures
from .report_html import ikm_summary, render, write_report


@dataclass(frozen=True)
class Written:
    """What `monthly_report` wrote, for the summary line."""

    figures: MonthFigures
    ikm: str
    page: Path
    pdf: Path | None
    published: Path | None


def monthly_report(
    table: OfficeTable,
    content: Content,
    content_dir: Path,
    month: str,
    out: Path,
    *,
    pdf: bool = True,
    publish: bool = False,
) -> Written:
    """Gather the month's figures, write the HTML (and PDF), and optionally the public figures."""
    figures = gather(stats(table.store), table.store, content, month)
    page, printed = write_report(render(figures, content), out, month, pdf=pdf)
    published = write_statistics(public_figures(figures), content_dir, month) if publish else None
    return Written(figures, ikm_summary(figures, content.laporan["teks"]), page, printed, published)


def write_statistics(published: dict[str, Any], content_dir: Path, month: str) -> Path:
    """Write a month's public figures as content/statistik/<month>.yaml for the portal."""
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
