"""`make bench`: cold start and per-message latency, next to baselines run alongside.

Cold start: fresh interpreters importing the handler (module-level setup and reply index
included) next to fresh interpreters running `import boto3`, which every Python Lambda that
uses DynamoDB pays anyway. Warm latency: the engine answering the evaluation messages, with the
real index (21 services) and with a synthetic index of 10,000 services; and the longest text
WhatsApp allows. The figures are also written to dist/bench.json.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from typing import Any

from puspa_bot import paths
from puspa_bot.conversation import Incoming, Kind, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex, default_index_path, load_index

EVAL_SET = paths.EVAL / "warga-baru.tsv"
COLD_RUNS = 15
WARM_ROUNDS = 20
SYNTHETIC_SERVICES = 10_000
LONGEST_CHARACTERS = 4096
"""WhatsApp's longest text message."""
BENCH_FILE = paths.DIST / "bench.json"


def main() -> int:
    """Run every benchmark and print one table."""
    messages = _messages()
    index = load_index()
    print(f"reply index {default_index_path()} (version {index.version})\n")
    baseline = _cold("import boto3")
    with_client = _cold("import boto3; boto3.client('dynamodb', region_name='ap-southeast-3')")
    handler = _cold("import puspa_bot.entry")
    print(f"cold start (import, module setup, reply index), median of {COLD_RUNS} interpreters:")
    print(f"  import boto3                          {baseline * 1000:7.1f} ms  (baseline)")
    print(
        f"  import boto3 + DynamoDB client        {with_client * 1000:7.1f} ms  "
        f"x{with_client / baseline:.2f}, +{(with_client - baseline) * 1000:.1f} ms"
    )
    print(
        f"  import puspa_bot.entry                {handler * 1000:7.1f} ms  "
        f"x{handler / baseline:.2f}, +{(handler - baseline) * 1000:.1f} ms over boto3, "
        f"+{(handler - with_client) * 1000:.1f} ms over boto3 with its client"
    )
    print(f"\nwarm latency per message through the engine ({len(messages)} messages):")
    p50, p99 = _warm_row("21 services", index, messages)
    synthetic = synthetic_index(index, SYNTHETIC_SERVICES)
    _, p99_large = _warm_row(f"{SYNTHETIC_SERVICES:,} services", synthetic, messages)
    longest = _longest(index)
    print(f"\na {LONGEST_CHARACTERS}-character message of short words: {longest:.1f} ms (median)")
    index_bytes = default_index_path().stat().st_size
    figures = {
        "cold_start_ms": round(handler * 1000, 1),
        "boto3_ms": round(baseline * 1000, 1),
        "boto3_client_ms": round(with_client * 1000, 1),
        "cold_start_over_boto3_client_ms": round((handler - with_client) * 1000, 1),
        "warm_p50_ms": round(p50, 3),
        "warm_p99_ms": round(p99, 3),
        "warm_p99_ms_10000_services": round(p99_large, 3),
        "longest_message_ms": round(longest, 2),
        "index_bytes": index_bytes,
    }
    BENCH_FILE.parent.mkdir(parents=True, exist_ok=True)
    BENCH_FILE.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"index {index_bytes / 1024:.0f} KB; figures written to {BENCH_FILE}")
    return 0


def _longest(index: ReplyIndex) -> float:
    """Median milliseconds to answer a WhatsApp text of the greatest length, 2048 short words."""
    text = ("ab " * (LONGEST_CHARACTERS // 3 + 1))[:LONGEST_CHARACTERS]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        respond(index, State(), Incoming(Kind.TEXT, text, timestamp=1))
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _cold(statement: str) -> float:
    """Median time a fresh interpreter spends running `statement` (measured inside it)."""
    env = {
        **os.environ,
        "AWS_REGION": "ap-southeast-3",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "PUSPA_TABLE": "puspa-bench",
        # puspa_bot straight from its folder, as in the Lambda bundle (not via the editable install)
        "PYTHONPATH": str(paths.LAMBDA),
    }
    env.pop("WHATSAPP_ACCESS_TOKEN", None)
    timed = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(COLD_RUNS):
        run = subprocess.run(
            [sys.executable, "-c", timed], env=env, check=True, capture_output=True, text=True
        )
        times.append(float(run.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _warm_row(label: str, index: ReplyIndex, messages: list[str]) -> tuple[float, float]:
    """Print and return p50/p99 (ms) of answering each message as a new conversation."""
    for text in messages:  # warm up: stemmer dictionary, rapidfuzz
        respond(index, State(), Incoming(Kind.TEXT, text, timestamp=1))
    samples = []
    for _ in range(WARM_ROUNDS):
        for text in messages:
            started = time.perf_counter()
            respond(index, State(), Incoming(Kind.TEXT, text, timestamp=1))
            samples.append(time.perf_counter() - started)
    samples.sort()
    p50 = samples[len(samples) // 2] * 1000
    p99 = samples[int(len(samples) * 0.99)] * 1000
    print(f"  {label:<16} p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   ({len(samples)} samples)")
    return p50, p99


def synthetic_index(index: ReplyIndex, services: int) -> ReplyIndex:
    """The real index plus `services` made-up services with keywords of made-up words."""
    data: dict[str, Any] = {
        "version": index.version,
        "texts": index.texts,
        "menus": index.menus,
        "services": copy.copy(index.services),
        "keywords": dict(index.keywords),
        "stems": dict(index.stems),
        "words": {word: list(ids) for word, ids in index.words.items()},
        "office": index.office,
        "form": index.form.to_json() if index.form else {},
        "language": {
            "abbreviations": index.abbreviations,
            "common_words": sorted(index.common_words),
            "commands": index.commands,
            "months": [list(names) for names in index.months],
            "date_words": sorted(index.date_words),
        },
    }
    template = next(iter(index.services.values()))
    for number in range(services):
        service_id = f"sintetis-{number:05d}"
        data["services"][service_id] = {**template, "title": f"Layanan {number}"}
        first, second = _word(number), _word(number * 7 + 3)
        for phrase in (f"{first}", f"izin {first} {second}", f"{second} {first}an"):
            data["keywords"].setdefault(phrase, service_id)
            for word in phrase.split():
                data["words"].setdefault(word, []).append(service_id)
    return replace(ReplyIndex.from_dict(data), model=index.model, referrals=index.referrals)


def _word(number: int) -> str:
    """A pronounceable made-up word for a number (ka, kabi, ...)."""
    syllables = "ka ki ku ke ko ba bi bu be bo ta ti tu te to ma mi mu me mo".split()
    parts = []
    number += 20
    while number:
        number, digit = divmod(number, len(syllables))
        parts.append(syllables[digit])
    return "".join(parts) + "r"


def _messages() -> list[str]:
    """The evaluation messages."""
    lines = EVAL_SET.read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if "\t" in line and not line.startswith("#")]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        sys.exit(main())
