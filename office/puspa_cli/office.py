"""`puspa resepsi`, `puspa petugas`, `puspa ektp`: the office computer's work on the table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from puspa_bot.signup import APPROVED, REJECTED, STATUSES

if TYPE_CHECKING:
    from puspa_office.connect import OfficeTable

WHERE = (
    "Tanpa konfigurasi AWS memakai tumpukan lokal `make dev` (127.0.0.1:4567); "
    "DYNAMODB_ENDPOINT menunjuk server lain."
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add `resepsi`, `petugas` and `ektp`."""
    resepsi = commands.add_parser(
        "resepsi",
        help="pendaftaran izin resepsi: daftar, rincian, keputusan (lokal atau AWS)",
        description=f"Pendaftaran izin resepsi untuk komputer kantor. {WHERE} "
        "Contoh: puspa resepsi list --status baru",
    )
    actions = resepsi.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    listing = actions.add_parser("list", help="daftar pendaftaran (NIK disamarkan)")
    listing.add_argument("--status", choices=STATUSES, help="hanya pendaftaran dengan status ini")
    formats = listing.add_mutually_exclusive_group()
    formats.add_argument(
        "--json", action="store_const", dest="output", const="json", help="keluaran JSON"
    )
    formats.add_argument(
        "--csv", action="store_const", dest="output", const="csv", help="keluaran CSV (Excel)"
    )
    listing.set_defaults(run=run_resepsi_list)
    show = actions.add_parser("show", help="rincian satu pendaftaran (NIK lengkap)")
    show.add_argument("kode", help="kode pendaftaran, misalnya ACDEFGH (huruf besar/kecil sama)")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    show.set_defaults(run=run_resepsi_show)
    decide = actions.add_parser("set-status", help="setujui atau tolak satu pendaftaran")
    decide.add_argument("kode", help="kode pendaftaran")
    decide.add_argument("status", choices=[APPROVED, REJECTED], help="keputusan")
    decide.add_argument("--alasan", default="", help="alasan (wajib untuk ditolak)")
    decide.set_defaults(run=run_resepsi_decide)

    petugas = commands.add_parser(
        "petugas",
        help="permintaan warga untuk dihubungi petugas (PETUGAS): daftar, tandai selesai",
        description=(
            "Permintaan PETUGAS dari warga, dicatat baik nomor petugas diatur maupun tidak. "
            f"{WHERE} Contoh: puspa petugas list"
        ),
    )
    calls = petugas.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    waiting = calls.add_parser("list", help="permintaan yang menunggu jawaban")
    waiting.add_argument("--semua", action="store_true", help="termasuk yang sudah selesai")
    waiting.add_argument("--json", action="store_true", help="keluaran JSON")
    waiting.set_defaults(run=run_petugas_list)
    done = calls.add_parser("selesai", help="tandai satu permintaan sudah dijawab")
    done.add_argument("kode", help="kode permintaan (kolom KODE di daftar)")
    done.set_defaults(run=run_petugas_done)

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


def run_resepsi_list(args: argparse.Namespace) -> int:
    """Sign-ups as a table, JSON or CSV."""
    from puspa_office.signups import list_signups

    with table() as office:
        write(list_signups(office.store, args.status, args.output or "table"))
    return 0


def run_resepsi_show(args: argparse.Namespace) -> int:
    """One sign-up in full."""
    from puspa_office.signups import show_signup

    with table() as office:
        write(show_signup(office.store, args.kode, args.json))
    return 0


def run_resepsi_decide(args: argparse.Namespace) -> int:
    """Approve or reject one sign-up."""
    from puspa_office.signups import set_status

    with table() as office:
        write(set_status(office.store, args.kode, args.status, args.alasan))
    return 0


def run_petugas_list(args: argparse.Namespace) -> int:
    """Requests for a person."""
    from puspa_office.staff_calls import list_calls

    with table() as office:
        write(list_calls(office.store, args.semua, args.json))
    return 0


def run_petugas_done(args: argparse.Namespace) -> int:
    """Close one request."""
    from puspa_office.staff_calls import close_call

    with table() as office:
        write(close_call(office.store, args.kode))
    return 0


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


@contextmanager
def table() -> Iterator[OfficeTable]:
    """The office table (AWS errors become Indonesian ones), saying where on standard error."""
    from puspa_office.connect import office_table

    with office_table() as table:
        print(f"({table.where})", file=sys.stderr)
        yield table


def write(text: str, *, error: bool = False) -> None:
    """Print a command's text, ending in one newline."""
    stream = sys.stderr if error else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
