"""`puspa report`: the Camat's monthly report from the table's figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from puspa_bot import paths

from .arguments import month, relative
from .office_table import table


def register(commands: argparse._SubParsersAction) -> None:
    """Add `report`."""
    report = commands.add_parser(
        "report",
        help="laporan bulanan untuk Camat: HTML dengan grafik (dan PDF bila ada chromium)",
        description=(
            "Laporan bulanan dari penghitung PUSPA (lokal atau AWS). "
            "Contoh: puspa report --month 2026-11"
        ),
    )
    report.add_argument(
        "--month",
        required=True,
        type=month,
        metavar="YYYY-MM",
        help="bulan laporan, misalnya 2026-11",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=paths.DIST / "laporan",
        metavar="FOLDER",
        help="folder hasil (dist/laporan/)",
    )
    report.add_argument("--no-pdf", action="store_true", help="tulis HTML saja")
    report.add_argument(
        "--publish",
        action="store_true",
        help="tulis juga content/statistik/YYYY-MM.yaml (angka gabungan untuk halaman Statistik)",
    )
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the month's report and print its headline figures."""
    from puspa_build.compiler import check
    from puspa_office.report import monthly_report

    content = check(args.content).content
    with table() as office:
        written = monthly_report(
            office,
            content,
            args.content,
            args.month,
            args.out,
            pdf=not args.no_pdf,
            publish=args.publish,
        )
    if written.published:
        print(f"Angka untuk portal: {relative(written.published)} (ajukan lewat pull request).")
    figures = written.figures
    print(
        f"Laporan {args.month}: {figures.count('messages')} pesan, {figures.residents} warga, "
        f"{figures.answers} jawaban layanan, IKM {written.ikm}.\n  {relative(written.page)}"
        + (f"\n  {relative(written.pdf)}" if written.pdf else ""),
        file=sys.stdout,
    )
    return 0
