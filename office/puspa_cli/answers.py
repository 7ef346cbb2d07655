"""`puspa ask` and `puspa eval`: how the bot answers, one message or a whole evaluation set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from puspa_bot import paths
from puspa_bot.reply_index import ReplyIndex, default_index_path, load_index
from puspa_build.errors import NotFound

from .arguments import relative


def register(commands: argparse._SubParsersAction) -> None:
    """Add `ask` and `eval`."""
    asking = commands.add_parser(
        "ask",
        help="jawab pesan seperti bot WhatsApp (percakapan baru untuk setiap pesan)",
        description=(
            "Jawab setiap TEKS seperti percakapan baru. Tanpa TEKS, baca satu pesan per baris "
            "dari masukan standar. Contoh: puspa ask 'syarat bikin kk'"
        ),
    )
    asking.add_argument("text", nargs="*", metavar="TEKS", help="pesan warga")
    asking.add_argument(
        "--json",
        action="store_true",
        help="satu objek JSON per pesan: intent, service, topic, reply",
    )
    asking.set_defaults(run=run_ask)
    evaluating = commands.add_parser(
        "eval",
        help="ukur ketepatan bot pada kumpulan pesan warga (tests/eval/)",
        description="Ukur ketepatan bot. Contoh: puspa eval tests/eval/warga-baru.tsv",
    )
    evaluating.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="BERKAS",
        help="berkas TSV (bawaan: tests/eval/*.tsv)",
    )
    evaluating.add_argument(
        "--ringkas", action="store_true", help="tanpa daftar pesan yang meleset"
    )
    evaluating.set_defaults(run=run_eval)


def built_index() -> ReplyIndex:
    """The reply index `make build` wrote; NotFound saying what to run when it is missing."""
    try:
        return load_index()
    except FileNotFoundError:
        where = relative(default_index_path())
        raise NotFound(f"{where} belum ada. Jalankan `make build` dulu.") from None


def run_ask(args: argparse.Namespace) -> int:
    """Answer each text; with no text, one message per line of standard input."""
    from puspa_release.ask import answer_each

    messages = args.text or (line.rstrip("\n") for line in sys.stdin)
    for answer in answer_each(built_index(), messages):
        if args.json:
            record = {
                "intent": answer.intent,
                "service": answer.service,
                "topic": answer.topic,
                "case": answer.case,
                "reply": answer.reply,
            }
            print(json.dumps(record, ensure_ascii=False))
        elif args.text:
            print(answer.reply)
            if len(args.text) > 1:
                print()
        else:
            print(" / ".join(line for line in answer.reply.splitlines() if line.strip()))
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Accuracy on the held-out sets, the bot against the keyword matcher, and the folds."""
    from puspa_build.compiler import check
    from puspa_release.evaluation import (
        baseline,
        cross_validation,
        evaluate,
        format_folds,
        format_report,
        read_cases,
    )

    files = args.files or sorted(paths.EVAL.glob("*.tsv"))
    index = built_index()
    for path in files:
        cases = read_cases(path)
        print(f"\n== {relative(path)}: {len(cases)} pesan")
        print("-- pencocok kata kunci (pembanding):")
        print(format_report(evaluate(baseline(index), cases), misses=False))
        print("-- bot (pengklasifikasi):")
        print(format_report(evaluate(index, cases), misses=not args.ringkas))
    print()
    print(format_folds(cross_validation(check(args.content).content)))
    return 0
