"""`puspa ektp`: the list of printed e-KTP cards for CEK KTP."""

from __future__ import annotations

import argparse
from pathlib import Path

from .office_table import WHERE, table, write


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `ektp` commands."""
    ektp = commands.add_parser(
        "ektp",
        help="daftar e-KTP yang sudah jadi: impor CSV, catat yang sudah diambil",
        description=(
            "Daftar e-KTP jadi untuk CEK KTP di WhatsApp. CSV dengan baris judul; kolom nik "
            "wajib, tanggal_jadi dan tempat_ambil boleh ada; pemisah koma atau titik koma. "
            f"{WHERE} Contoh: puspa ektp import daftar-ektp.csv"
        ),
    )
    lists = ektp.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    importing = lists.add_parser("import", help="impor daftar e-KTP yang sudah jadi")
    importing.add_argument(
        "file", type=Path, metavar="BERKAS", help="berkas CSV dengan kolom nik (dari SIAK)"
    )
    importing.set_defaults(run=run_ektp_import)
    picked_up = lists.add_parser(
        "collected", help="catat e-KTP yang sudah diambil (berkas CSV atau satu NIK)"
    )
    picked_up.add_argument(
        "what", metavar="BERKAS|NIK", help="CSV dengan kolom nik (dan tanggal_ambil), atau satu NIK"
    )
    picked_up.set_defaults(run=run_ektp_collected)


def run_ektp_import(args: argparse.Namespace) -> int:
    """Import the list of printed cards (kept for the days content says)."""
    from puspa_build.compiler import check
    from puspa_office.connect import ektp_list
    from puspa_office.ektp import import_file

    keep_days = check(args.content).content.ektp["simpan_hari"]
    with table() as office:
        status, text = import_file(args.file, ektp_list(office.store), office.pepper(), keep_days)
    write(text, error=status != 0)
    return status


def run_ektp_collected(args: argparse.Namespace) -> int:
    """Mark pickups."""
    from puspa_office.connect import ektp_list
    from puspa_office.ektp import collected

    with table() as office:
        status, text = collected(args.what, ektp_list(office.store), office.pepper())
    write(text, error=status != 0)
    return status
