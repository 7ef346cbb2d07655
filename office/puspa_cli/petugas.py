"""`puspa petugas`: residents' requests for a person (PETUGAS)."""

from __future__ import annotations

import argparse

from .office_table import WHERE, table, write


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `petugas` commands."""
    petugas = commands.add_parser(
        "petugas",
        help="permintaan warga untuk dihubungi petugas (PETUGAS): daftar, rincian, selesai",
        description=(
            "Permintaan PETUGAS dari warga: serah terima yang dijawab petugas lewat WhatsApp, "
            "dan permintaan yang dicatat saat nomor petugas belum diatur. "
            f"{WHERE} Contoh: puspa petugas list"
        ),
    )
    calls = petugas.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    waiting = calls.add_parser("list", help="permintaan yang menunggu jawaban")
    waiting.add_argument("--semua", action="store_true", help="termasuk yang sudah selesai")
    waiting.add_argument("--json", action="store_true", help="keluaran JSON")
    waiting.set_defaults(run=run_petugas_list)
    shown = calls.add_parser("show", help="satu serah terima dengan semua pesannya")
    shown.add_argument("kode", help="kode permintaan (kolom KODE di daftar)")
    shown.set_defaults(run=run_petugas_show)
    done = calls.add_parser("selesai", help="tandai satu permintaan sudah dijawab")
    done.add_argument("kode", help="kode permintaan (kolom KODE di daftar)")
    done.set_defaults(run=run_petugas_done)


def run_petugas_list(args: argparse.Namespace) -> int:
    """Requests for a person."""
    from puspa_office.staff_calls import list_calls

    with table() as office:
        write(list_calls(office.store, args.semua, args.json))
    return 0


def run_petugas_show(args: argparse.Namespace) -> int:
    """One handover with its messages."""
    from puspa_office.staff_calls import show_handover

    with table() as office:
        write(show_handover(office.store, args.kode))
    return 0


def run_petugas_done(args: argparse.Namespace) -> int:
    """Close one request."""
    from puspa_office.staff_calls import close_call

    with table() as office:
        write(close_call(office.store, args.kode))
    return 0
