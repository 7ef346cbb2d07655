"""The `puspa` command: check content, build the outputs, preview the portal."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .problems import BuildError, ContentError, Problem

PROJECT = Path(__file__).resolve().parents[2]
ASK_WA_ID = "puspa-ask"
"""The conversation key `puspa ask` answers under (not a phone number)."""


def main(argv: list[str] | None = None) -> int:
    """Run the `puspa` command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="puspa", description="PUSPA: periksa dan bangun konten layanan Kecamatan Jonggol."
    )
    parser.add_argument(
        "--content", type=Path, default=PROJECT / "content", help="folder konten (content/)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check",
        help="periksa semua konten tanpa membangun apa pun",
        description="Periksa semua konten. Contoh: puspa check",
    )
    build_cmd = commands.add_parser(
        "build",
        help="periksa konten lalu tulis dist/site/ dan dist/replies.json",
        description="Bangun portal dan indeks balasan. Contoh: puspa build --dist dist",
    )
    build_cmd.add_argument("--dist", type=Path, default=PROJECT / "dist", help="folder hasil")
    serve_cmd = commands.add_parser(
        "serve",
        help="pratinjau portal di http://127.0.0.1:8000/ (diperbarui saat konten berubah)",
        description="Pratinjau portal. Contoh: puspa serve --port 8000",
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="port lokal (bawaan 8000)")
    ask_cmd = commands.add_parser(
        "ask",
        help="jawab pesan seperti bot WhatsApp (percakapan baru untuk setiap pesan)",
        description=(
            "Jawab setiap TEKS seperti percakapan baru. Tanpa TEKS, baca satu pesan per baris "
            "dari masukan standar. Contoh: puspa ask 'syarat bikin kk'"
        ),
    )
    ask_cmd.add_argument("text", nargs="*", metavar="TEKS", help="pesan warga")
    ask_cmd.add_argument(
        "--json", action="store_true", help="satu objek JSON per pesan: intent, service, reply"
    )
    eval_cmd = commands.add_parser(
        "eval",
        help="ukur ketepatan bot pada kumpulan pesan warga (tests/eval/)",
        description="Ukur ketepatan bot. Contoh: puspa eval tests/eval/pesan-warga.tsv",
    )
    eval_cmd.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="BERKAS",
        help="berkas TSV (bawaan: tests/eval/*.tsv)",
    )
    resepsi = commands.add_parser(
        "resepsi",
        help="pendaftaran izin resepsi: daftar, rincian, keputusan (lokal atau AWS)",
        description=(
            "Pendaftaran izin resepsi untuk komputer kantor. Tanpa konfigurasi AWS memakai "
            "tumpukan lokal `make dev` (127.0.0.1:4567). Contoh: puspa resepsi list --status baru"
        ),
    )
    actions = resepsi.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="daftar pendaftaran (NIK disamarkan)")
    listing.add_argument("--status", choices=["baru", "disetujui", "ditolak"])
    formats = listing.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_const", dest="output", const="json")
    formats.add_argument("--csv", action="store_const", dest="output", const="csv")
    show = actions.add_parser("show", help="rincian satu pendaftaran")
    show.add_argument("kode")
    show.add_argument("--json", action="store_true")
    decide = actions.add_parser("set-status", help="setujui atau tolak satu pendaftaran")
    decide.add_argument("kode")
    decide.add_argument("status", choices=["disetujui", "ditolak"])
    decide.add_argument("--alasan", default="", help="alasan (wajib untuk ditolak)")
    petugas = commands.add_parser(
        "petugas",
        help="permintaan warga untuk dihubungi petugas (PETUGAS): daftar, tandai selesai",
        description=(
            "Permintaan PETUGAS dari warga, dicatat baik nomor petugas diatur maupun tidak. "
            "Contoh: puspa petugas list"
        ),
    )
    petugas_actions = petugas.add_subparsers(dest="action", required=True)
    calls = petugas_actions.add_parser("list", help="permintaan yang menunggu jawaban")
    calls.add_argument("--semua", action="store_true", help="termasuk yang sudah selesai")
    calls.add_argument("--json", action="store_true", help="keluaran JSON")
    done = petugas_actions.add_parser("selesai", help="tandai satu permintaan sudah dijawab")
    done.add_argument("kode", help="kode permintaan (kolom KODE di daftar)")
    ektp = commands.add_parser(
        "ektp",
        help="daftar e-KTP yang sudah jadi: impor CSV, catat yang sudah diambil",
        description=(
            "Daftar e-KTP jadi untuk CEK KTP di WhatsApp. CSV dengan baris judul; kolom nik "
            "wajib, tanggal_jadi dan tempat_ambil boleh ada; pemisah koma atau titik koma. "
            "Contoh: puspa ektp import daftar-ektp.csv"
        ),
    )
    ektp_actions = ektp.add_subparsers(dest="action", required=True)
    ektp_import = ektp_actions.add_parser("import", help="impor daftar e-KTP yang sudah jadi")
    ektp_import.add_argument("file", type=Path, metavar="BERKAS")
    ektp_collected = ektp_actions.add_parser(
        "collected", help="catat e-KTP yang sudah diambil (berkas CSV atau satu NIK)"
    )
    ektp_collected.add_argument("what", metavar="BERKAS|NIK")
    report = commands.add_parser(
        "report",
        help="laporan bulanan untuk Camat: HTML dengan grafik (dan PDF bila ada chromium)",
        description=(
            "Laporan bulanan dari penghitung PUSPA (lokal atau AWS). "
            "Contoh: puspa report --month 2026-11"
        ),
    )
    report.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    report.add_argument(
        "--out", type=Path, default=PROJECT / "dist" / "laporan", help="folder hasil"
    )
    report.add_argument("--no-pdf", action="store_true", help="tulis HTML saja")
    report.add_argument(
        "--publish",
        action="store_true",
        help="tulis juga content/statistik/YYYY-MM.yaml (angka gabungan untuk halaman Statistik)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.content)
        if args.command == "build":
            return _build(args.content, args.dist)
        if args.command == "ask":
            return _ask(args.text, as_json=args.json)
        if args.command == "resepsi":
            return _resepsi(args)
        if args.command == "petugas":
            return _petugas(args)
        if args.command == "ektp":
            return _ektp(args)
        if args.command == "report":
            return _report_month(args)
        if args.command == "eval":
            return _eval(args.files or sorted((PROJECT / "tests" / "eval").glob("*.tsv")))
        return _serve(args.content, args.port)
    except ContentError as exc:
        _report(exc.problems)
        print(f"\nGAGAL: {len(exc.problems)} galat. Tidak ada yang ditulis.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"GAGAL: {exc}. Tidak ada yang ditulis.", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        return 1


def _serve(content_dir: Path, port: int) -> int:
    """`puspa serve`: the live preview; a busy port is one line and a non-zero status."""
    from .preview import PreviewError, serve

    try:
        serve(content_dir, port)
    except PreviewError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        return 1
    return 0


def _check(content_dir: Path) -> int:
    """`puspa check`: report warnings, or errors and a non-zero status."""
    from .compiler import check

    checked = check(content_dir)
    _report(checked.warnings)
    services = len(checked.content.services)
    print(f"OK: {services} layanan valid, {len(checked.warnings)} peringatan.")
    return 0


def _build(content_dir: Path, dist_dir: Path) -> int:
    """`puspa build`: check, build, and print a short summary."""
    from .compiler import build

    result = build(content_dir, dist_dir)
    _report(result.checked.warnings)
    print(
        f"OK: {len(result.checked.content.services)} layanan, "
        f"{len(result.checked.warnings)} peringatan (isi yang menunggu kantor), "
        f"{result.seconds:.1f} detik.\n"
        f"  {dist_dir / 'replies.json'}: {result.replies_bytes / 1024:.1f} KB\n"
        f"  {dist_dir / 'site'}/: {result.site_files} berkas, {result.site_bytes / 1024:.0f} KB"
    )
    return 0


def _ask(texts: list[str], *, as_json: bool) -> int:
    """`puspa ask`: answer each text as the first message of a new conversation.

    The whole responder answers, in memory with no staff numbers and no NIK key, so effects'
    answers (PETUGAS, STATUS, CEK KTP) read as a resident would get them from such a setup.
    """
    from puspa_bot.conversation import Incoming, Kind
    from puspa_bot.graph_api import PrintingSender
    from puspa_bot.reply_index import load_index
    from puspa_bot.responder import Responder
    from puspa_bot.store import MemoryStore
    from puspa_bot.whatsapp_payload import Delivery

    index = load_index()
    messages = texts or (line.rstrip("\n") for line in sys.stdin)
    for number, text in enumerate(messages):
        sender = PrintingSender(write=lambda _: None)
        incoming = Incoming(Kind.TEXT, text, timestamp=int(time.time()))
        delivery = Delivery(f"ask-{number}", ASK_WA_ID, "ask", incoming)
        outcome = Responder(index, MemoryStore(), sender).handle(delivery, time.monotonic() + 30)
        assert outcome is not None  # a new store has answered nothing before
        reply = "\n\n".join(sent["text"] for sent in sender.sent)
        if as_json:
            record = {"intent": outcome.intent.value, "service": outcome.service, "reply": reply}
            print(json.dumps(record, ensure_ascii=False))
        else:
            one_line = " / ".join(line for line in reply.splitlines() if line.strip())
            print(reply if texts else one_line)
            if texts and len(texts) > 1:
                print()
    return 0


def _eval(files: list[Path]) -> int:
    """`puspa eval`: the matcher's accuracy on the evaluation sets."""
    from puspa_bot.reply_index import load_index

    from .evaluation import evaluate, format_report, read_cases

    index = load_index()
    cases = [case for path in files for case in read_cases(path)]
    print(f"{len(cases)} pesan dari {', '.join(str(p) for p in files)}")
    print(format_report(evaluate(index, cases)))
    return 0


def _resepsi(args: argparse.Namespace) -> int:
    """`puspa resepsi list|show|set-status`."""
    from puspa_office.connect import open_table

    from . import resepsi_cli

    store, where = open_table()
    print(f"({where})", file=sys.stderr)
    if args.action == "list":
        resepsi_cli.write(resepsi_cli.list_signups(store, args.status, args.output or "table"))
        return 0
    if args.action == "show":
        text = resepsi_cli.show_signup(store, args.kode, args.json)
        if text is None:
            print(f"GAGAL: kode {args.kode.upper()} tidak ditemukan.", file=sys.stderr)
            return 1
        resepsi_cli.write(text)
        return 0
    done, message = resepsi_cli.set_status(store, args.kode, args.status, args.alasan)
    print(message, file=sys.stdout if done else sys.stderr)
    return 0 if done else 1


def _petugas(args: argparse.Namespace) -> int:
    """`puspa petugas list|selesai`."""
    from puspa_office.connect import open_table

    from . import petugas_cli, resepsi_cli

    store, where = open_table()
    print(f"({where})", file=sys.stderr)
    if args.action == "list":
        resepsi_cli.write(petugas_cli.list_calls(store, args.semua, args.json))
        return 0
    done, message = petugas_cli.close_call(store, args.kode)
    print(message, file=sys.stdout if done else sys.stderr)
    return 0 if done else 1


def _ektp(args: argparse.Namespace) -> int:
    """`puspa ektp import|collected`."""
    from puspa_office.connect import ektp_list, nik_pepper, open_table

    from . import ektp_cli
    from .compiler import check

    store, where = open_table()
    print(f"({where})", file=sys.stderr)
    pepper = nik_pepper(where)
    if not pepper:
        print(
            "GAGAL: PUSPA_NIK_PEPPER_PARAMETER (atau PUSPA_NIK_PEPPER) belum diatur.",
            file=sys.stderr,
        )
        return 1
    if args.action == "import":
        keep_days = check(args.content).content.ektp["simpan_hari"]
        status, text = ektp_cli.import_file(args.file, ektp_list(store), pepper, keep_days)
    else:
        status, text = ektp_cli.collected(args.what, ektp_list(store), pepper)
    print(text, file=sys.stdout if status == 0 else sys.stderr)
    return status


def _month(text: str) -> str:
    """A YYYY-MM argument."""
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: tulis bulan sebagai YYYY-MM, misalnya 2026-11")
    if not 1 <= int(text[5:]) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r}: bulan harus 01 sampai 12")
    return text


def _report_month(args: argparse.Namespace) -> int:
    """`puspa report --month YYYY-MM`."""
    from puspa_office.connect import open_table, stats

    from .compiler import check
    from .monthly import gather, public_figures
    from .report_html import ikm_summary, render, write_report
    from .statistics_page import write_statistics

    content = check(args.content).content
    store, where = open_table()
    print(f"({where})", file=sys.stderr)
    figures = gather(stats(store), store, content, args.month)
    html = render(figures, content)
    page, pdf = write_report(html, args.out, args.month, pdf=not args.no_pdf)
    if args.publish:
        published = write_statistics(public_figures(figures), args.content, args.month)
        print(f"Angka untuk portal: {published} (ajukan lewat pull request).")
    ikm = ikm_summary(figures, content.laporan["teks"])
    print(
        f"Laporan {args.month}: {figures.count('messages')} pesan, {figures.residents} warga, "
        f"{figures.answers} jawaban layanan, IKM {ikm}.\n  {page}" + (f"\n  {pdf}" if pdf else "")
    )
    return 0


def _report(problems: list[Problem]) -> None:
    """Print problems, one a line, to standard error."""
    for problem in problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
