"""`puspa resepsi`: izin resepsi sign-ups on the office computer."""

from __future__ import annotations

import argparse

from puspa_bot.signup import APPROVED, REJECTED, STATUSES

from .office_table import WHERE, table, write


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `resepsi` commands."""
    resepsi = commands.add_parser(
        "resepsi",
        help="pendaftaran izin resepsi: daftar, rincian, keputusan (lokal atau AWS)",
        description=f"Pendaftaran izin resepsi untuk komputer kantor. {WHERE} "
        "Contoh: puspa resepsi list --status baru",
    )
    actions = resepsi.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    listing = actions.add_parser(
        "list", help="daftar pendaftaran (NIK disamarkan; yang mendesak paling atas)"
    )
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


def run_resepsi_list(args: argparse.Namespace) -> int:
    """Sign-ups as a table, JSON or CSV, the urgent ones first."""
    from puspa_office.signups import list_signups, urgency

    rule = urgency(args.content)
    with table() as office:
        write(list_signups(office.store, args.status, args.output or "table", rule))
    return 0


def run_resepsi_show(args: argparse.Namespace) -> int:
    """One sign-up in full."""
    from puspa_office.signups import show_signup, urgency

    rule = urgency(args.content)
    with table() as office:
        write(show_signup(office.store, args.kode, args.json, rule))
    return 0


def run_resepsi_decide(args: argparse.Namespace) -> int:
    """Approve or reject one sign-up."""
    from puspa_office.signups import set_status

    with table() as office:
        write(set_status(office.store, args.kode, args.status, args.alasan))
    return 0
