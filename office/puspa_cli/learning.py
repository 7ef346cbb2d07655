"""`puspa belum-dipahami` and `puspa contoh import`: the bot learns from what it missed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .answers import built_index
from .arguments import month, relative
from .office_table import WHERE, table, write


def register(commands: argparse._SubParsersAction) -> None:
    """Add `belum-dipahami` and `contoh`."""
    unmatched = commands.add_parser(
        "belum-dipahami",
        help="pertanyaan warga yang belum dipahami bot sebulan, dengan tebakan bot (TSV)",
        description=(
            "Tulis pertanyaan yang belum bisa dijawab bot dalam satu bulan, yang paling sering "
            "lebih dulu, sebagai TSV untuk spreadsheet: pertanyaan, jumlah, tiga tebakan bot "
            "dengan persennya, dan kolom label yang diisi editor. Perlu `make build` dulu. "
            f"{WHERE} Contoh: puspa belum-dipahami --month 2026-11 > saran.tsv"
        ),
    )
    unmatched.add_argument(
        "--month",
        required=True,
        type=month,
        metavar="YYYY-MM",
        help="bulan pertanyaan, misalnya 2026-11",
    )
    unmatched.set_defaults(run=run_unmatched)
    examples = commands.add_parser(
        "contoh",
        help="contoh pesan warga untuk melatih bot: impor TSV berlabel ke konten",
        description=(
            "Contoh pesan warga di konten (contoh_pertanyaan layanan, percakapan.yaml, "
            "rujukan.yaml). Contoh: puspa contoh import saran.tsv"
        ),
    )
    actions = examples.add_subparsers(dest="action", required=True, metavar="TINDAKAN")
    importing = actions.add_parser(
        "import",
        help="tambahkan pertanyaan berlabel ke berkas konten yang sesuai",
        description=(
            "Baca TSV dari `puspa belum-dipahami` yang kolom labelnya sudah diisi, lalu "
            "tambahkan setiap pertanyaan berlabel ke akhir daftar contoh yang sesuai. Label: "
            "kode layanan (kartu-keluarga), percakapan:menu, percakapan:salam, "
            "percakapan:terima_kasih, percakapan:pamit, percakapan:formulir, "
            "percakapan:bukan_layanan, atau rujukan:<kode topik> (rujukan:paspor). Baris tanpa "
            "label dilewati; label yang tidak dikenal menggagalkan semuanya (tidak ada yang "
            "ditulis). Contoh: puspa contoh import saran.tsv"
        ),
    )
    importing.add_argument(
        "file", type=Path, metavar="BERKAS", help="berkas TSV dengan kolom pertanyaan dan label"
    )
    importing.set_defaults(run=run_examples_import)


def run_unmatched(args: argparse.Namespace) -> int:
    """Write the month's unanswered questions as TSV on standard output."""
    from puspa_office.connect import stats
    from puspa_office.unmatched import as_tsv, unanswered

    with table() as office:
        questions = unanswered(stats(office.store), args.month, built_index())
    sys.stdout.write(as_tsv(questions))
    asked = sum(question.count for question in questions)
    write(
        f"{len(questions)} pertanyaan belum dipahami pada {args.month} ({asked} kali ditanyakan). "
        "Isi kolom label, simpan sebagai TSV, lalu: puspa contoh import BERKAS",
        error=True,
    )
    return 0


def run_examples_import(args: argparse.Namespace) -> int:
    """Add the labelled questions to content and say what was added and skipped."""
    from puspa_office.examples import import_examples

    done = import_examples(args.content, args.file)
    lines = []
    added = sum(done.added.values())
    if added:
        lines.append(f"Ditambahkan {added} contoh:")
        lines += [f"  {relative(file)}: {count}" for file, count in sorted(done.added.items())]
    else:
        lines.append("Tidak ada contoh baru; konten tidak diubah.")
    if done.unlabelled:
        lines.append(f"Dilewati {done.unlabelled} baris tanpa label.")
    reasons: dict[str, list[int]] = {}
    for skipped in done.skipped:
        reasons.setdefault(skipped.reason, []).append(skipped.line)
    for reason, rows in reasons.items():
        numbers = ", ".join(str(row) for row in rows)
        lines.append(f"Dilewati {len(rows)} baris ({reason}): baris {numbers}.")
    if added:
        lines.append("Berikutnya: jalankan `make check`, lalu ajukan pull request.")
    write("\n".join(lines))
    return 0
