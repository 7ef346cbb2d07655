"""`puspa lembar-kantor`: the office's fill-in sheet of everything `make check` warns about."""

from __future__ import annotations

import argparse
from pathlib import Path

from puspa_bot import paths

from .arguments import relative


def register(commands: argparse._SubParsersAction) -> None:
    """Add `lembar-kantor`."""
    sheet = commands.add_parser(
        "lembar-kantor",
        help="lembar isian kantor: semua yang belum ada atau perlu dipastikan, untuk dicetak",
        description=(
            "Tulis lembar isian kantor (HTML, dan PDF bila ada chromium): setiap peringatan "
            "`puspa check` dengan yang ditanyakan, alasannya, isi yang sekarang tampil, dan "
            "garis untuk menulis jawaban. Contoh: puspa lembar-kantor"
        ),
    )
    sheet.add_argument(
        "--out",
        type=Path,
        default=paths.DIST,
        metavar="FOLDER",
        help="folder hasil (dist/): lembar-isian-kantor.html dan .pdf",
    )
    sheet.add_argument("--no-pdf", action="store_true", help="tulis HTML saja")
    sheet.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the content, write the sheet, and say where it is."""
    from puspa_build.compiler import check
    from puspa_office.office_sheet import office_sheet

    checked = check(args.content)
    written = office_sheet(
        checked.content, checked.index.get("version", ""), args.out, pdf=not args.no_pdf
    )
    print(
        f"Lembar isian kantor: {written.items} butir dalam {len(written.groups)} bagian "
        f"(peringatan `puspa check`: {len(checked.warnings)}).\n  {relative(written.page)}"
        + (f"\n  {relative(written.pdf)}" if written.pdf else "")
    )
    if written.no_browser:
        print(
            "  PDF tidak dibuat: chromium tidak terpasang. Buka HTML-nya lalu cetak dari peramban."
        )
    return 0
