"""Fault and fuzz tests over HTTP against `make dev`'s program (dynalite + the real webhook).

Thousands of signed, broken payloads must each get 200 or 4xx (never 5xx, never a dropped
connection) and leave no traceback in the stack's output; attacks on the signature, methods,
paths and Meta's verification get 4xx. Concurrent duplicate and conflicting messages of one
resident must give exactly one effect each: what the residents receive is compared with the
real responder answering the same messages one after the other (in memory, in some order).
Only a Graph API outage, or a copy of a message that another invocation is still answering,
may get the deliberate 500 "retry later"; redelivering it, as Meta does, then answers each
message exactly once. The requests come from a seeded generator (tests/webhook_fuzz.py), go to
127.0.0.1 only, and the whole module shares one stack.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from puspa_bot.conversation import Incoming, Kind
from puspa_bot.graph_api import GraphApi
from puspa_bot.reply_index import ReplyIndex
from puspa_bot.responder import Responder
from puspa_bot.store import MemoryStore
from puspa_bot.whatsapp_payload import Delivery
from puspa_office.connect import LOCAL_PEPPER
from puspa_release.dist import BuildResult

from ..fake_graph_api import FakeGraphApi
from ..local_stack import (
    SECRET,
    STAFF,
    LocalStack,
    form_messages,
    signups,
    stack_env,
    text_payload,
)
from ..webhook_fuzz import (
    PHONE_NUMBER_ID,
    Answer,
    Case,
    attacks,
    delivered,
    exchange,
    mutated_cases,
    odd_body_cases,
    realistic_message_id,
    signed_post,
)

SEED = 11
MUTATED = 2200
WORKERS = 4
"""Requests in flight at once: `make dev`'s warm workers (PUSPA_DEV_WORKERS), so no cold starts."""
WHATSAPP_TEXT_LIMIT = 4096
RETRY_LATER = (500, b"retry later")
RESIDENT_NUMBER = re.compile(r"(?<![0-9A-Fa-f])6285\d{7,9}(?![0-9A-Fa-f])")
"""Every number these tests write from (6285...), standing alone (not inside a hex digest)."""


@pytest.fixture(scope="module")
def graph() -> Iterator[FakeGraphApi]:
    """The fake Graph API, also remembering the status it answered each request with."""
    fake = FakeGraphApi().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, graph: FakeGraphApi, built: tuple[Path, BuildResult]
) -> Iterator[LocalStack]:
    """conftest's `stack` (`make dev`'s program on free ports), one for the whole module.

    A start takes seconds (dynalite and the warm worker processes) and the tests here never
    share a resident's number, so one stack serves them all; each test checks only what
    the stack printed while it ran (`since`).
    """
    folder = tmp_path_factory.mktemp("fuzz-stack")
    local = LocalStack(stack_env(folder, graph.url, built[0] / "replies.json"), folder / "dev.log")
    local.start()
    yield local
    local.stop()


@pytest.fixture
def since(stack: LocalStack) -> int:
    """Where this test's part of the stack's output starts."""
    return len(stack.output())


# Helpers -------------------------------------------------------------------------------------


def send_all(stack: LocalStack, cases: Sequence[Case]) -> list[tuple[Case, Answer]]:
    """POST every case signed, from a small thread pool."""
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = pool.map(lambda case: signed_post(stack.port, case.body, SECRET), cases)
        return list(zip(cases, answers, strict=True))


def status_counts(answers: Sequence[Answer]) -> dict[str, int]:
    """How many answers had each status ('dropped' for no answer)."""
    counts = Counter(str(a.status) if a.status else f"dropped ({a.error})" for a in answers)
    return dict(sorted(counts.items()))


def failures(
    results: Sequence[tuple[Case, Answer]], allowed: Callable[[Answer], bool]
) -> list[str]:
    """One line per case whose answer is not allowed: status, answer and what was sent."""
    lines = []
    for case, answer in results:
        if not allowed(answer):
            status = answer.status or f"dropped ({answer.error})"
            lines.append(f"{status} {answer.body[:30]!r}: {case.label[:150]}")
    return lines


def ok_or_client_error(answer: Answer) -> bool:
    """200 or 4xx: the webhook understood the request, or refused it cleanly."""
    return answer.status is not None and (answer.status == 200 or 400 <= answer.status < 500)


def client_error(answer: Answer) -> bool:
    """A 4xx answer."""
    return answer.status is not None and 400 <= answer.status < 500


def unknown_method(answer: Answer) -> bool:
    """4xx, or 501: RFC 9110's answer to a method the server does not know."""
    return client_error(answer) or answer.status == 501


def tracebacks(output: str) -> list[str]:
    """The last line of every traceback the stack printed (the exception), with its place."""
    found = []
    lines = output.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            tail = next((n for n in range(number + 1, len(lines)) if not lines[n][:1].isspace()), 0)
            where = [x.strip() for x in lines[number:tail] if x.strip().startswith("File")][-1:]
            found.append(f"{lines[tail][:200] if tail else '?'} at {where}")
    return found


def assert_clean_output(stack: LocalStack, since: int) -> None:
    """Since `since`, the stack printed no traceback (Python's or logging's) and no resident's
    data: none of the numbers these tests write from, in clear or inside a WhatsApp message id
    (base64), no NIK and no name from the sign-up form."""
    output = stack.output()[since:]
    assert "Traceback" not in output, "\n".join(Counter(tracebacks(output)))
    form = form_messages()
    leaks = RESIDENT_NUMBER.findall(output) + [
        secret for secret in ("wamid.", form[2], form[3]) if secret in output
    ]
    assert not leaks, f"personal data in the stack's output: {sorted(set(leaks))[:10]}"


def summary(name: str, results: Sequence[tuple[Case, Answer]], started: float) -> None:
    """Print what was sent and answered (shown by pytest -s, and in the report)."""
    counts = status_counts([answer for _, answer in results])
    print(f"\n{name}: {len(results)} requests in {time.monotonic() - started:.1f} s: {counts}")


@dataclass(frozen=True)
class Said:
    """One message a resident sends: who, its id, the text, and its time."""

    wa_id: str
    message_id: str
    text: str
    at: int

    def body(self) -> bytes:
        """The webhook payload carrying it."""
        return text_payload(self.wa_id, self.message_id, self.text, self.at)


class Resident:
    """A resident with a number of their own, writing messages with realistic ids."""

    def __init__(self, wa_id: str, rng: random.Random, start: int) -> None:
        """Remember the number; messages are one second apart from `start`."""
        self.wa_id, self.rng, self.at = wa_id, rng, start

    def says(self, text: str, later: int = 1) -> Said:
        """A new message."""
        self.at += later
        return Said(self.wa_id, realistic_message_id(self.rng, self.wa_id), text, self.at)


def residents(count: int, prefix: str, seed: int = SEED) -> list[Resident]:
    """`count` residents with distinct numbers, their clocks a little in the past."""
    rng = random.Random(seed)
    start = int(time.time()) - 120
    return [Resident(f"{prefix}{n:04d}", rng, start) for n in range(count)]


def deliver(stack: LocalStack, said: Said) -> Answer:
    """Deliver one message as Meta does."""
    return signed_post(stack.port, said.body(), SECRET)


def together(stack: LocalStack, messages: Sequence[Said]) -> list[Answer]:
    """Deliver messages at the same moment (one thread each, released by a barrier)."""
    barrier = threading.Barrier(len(messages))

    def send(said: Said) -> Answer:
        barrier.wait()
        return deliver(stack, said)

    with ThreadPoolExecutor(len(messages)) as pool:
        return list(pool.map(send, messages))


def in_pairs(stack: LocalStack, messages: Sequence[Said]) -> list[Answer]:
    """Deliver each resident's two messages at the same moment, two residents at a time."""
    return [
        answer
        for start in range(0, len(messages), WORKERS)
        for answer in together(stack, messages[start : start + WORKERS])
    ]


def in_turn(stack: LocalStack, conversations: Sequence[Sequence[Said]]) -> list[list[Answer]]:
    """Each conversation's messages one after the other, the conversations side by side."""
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda said: [deliver(stack, m) for m in said], conversations))


def one_after_another(
    index: ReplyIndex, stack: LocalStack, steps: Sequence[Sequence[Said]]
) -> list[list[dict[str, Any]]]:
    """What the real responder sends for each step when every message is answered in turn
    (in memory, through the real Graph API client, to a fake Graph API of its own)."""
    fake = FakeGraphApi().start()
    responder = Responder(
        index,
        MemoryStore(),
        GraphApi(fake.url, "v23.0", "token"),
        frozenset(STAFF),
        pepper=stack.env.get("PUSPA_NIK_PEPPER", LOCAL_PEPPER),
    )
    sent: list[list[dict[str, Any]]] = []
    try:
        for step in steps:
            before = len(fake.messages())
            for said in step:
                incoming = Incoming(Kind.TEXT, said.text, said.at)
                delivery = Delivery(said.message_id, said.wa_id, PHONE_NUMBER_ID, incoming)
                responder.handle(delivery, time.monotonic() + 30)
            sent.append(fake.messages()[before:])
    finally:
        fake.stop()
    return sent


def about(wa_id: str, messages: Sequence[dict[str, Any]]) -> Counter[str]:
    """The messages to a resident or naming them (staff notices), as comparable text."""
    return Counter(
        json.dumps(m, sort_keys=True, ensure_ascii=False)
        for m in messages
        if m.get("to") == wa_id or f"+{wa_id}" in json.dumps(m, ensure_ascii=False)
    )


def readable(messages: Counter[str]) -> list[str]:
    """Messages shortened for an assertion message."""
    texts = []
    for text, times in sorted(messages.items()):
        message = json.loads(text)
        body = message.get("text", {}).get("body") or json.dumps(message.get("interactive"))
        texts.append(f"{times} x to {message['to']}: {body[:90]!r}")
    return texts


def assert_sequential(
    index: ReplyIndex,
    stack: LocalStack,
    graph: FakeGraphApi,
    before: Sequence[Said],
    race: Sequence[Said],
    after: Sequence[Said] = (),
    seen: int = 0,
) -> None:
    """What one resident got since the first `seen` deliveries equals the responder's answers
    to `race` in some order, then `after`: the messages took effect one at a time.

    `before` (one resident's earlier messages, answered within the first `seen` deliveries)
    is replayed first, and its answers must match too, which checks the comparison itself.
    """
    wa_id = race[0].wa_id
    options = [
        (order, one_after_another(index, stack, [before, *([m] for m in order), after]))
        for order in permutations(race)
    ]
    assert about(wa_id, delivered(graph)[:seen]) == about(wa_id, options[0][1][0]), (
        f"{wa_id}: the stack answered the earlier messages unlike the responder in memory"
    )
    got = about(wa_id, delivered(graph)[seen:])
    expected = [about(wa_id, [m for step in steps[1:] for m in step]) for _, steps in options]
    assert got in expected, (
        f"{wa_id}: delivered\n  "
        + "\n  ".join(readable(got))
        + "\nbut one message at a time gives one of\n"
        + "\n".join(
            f"  order {[m.text for m in order]}:\n    " + "\n    ".join(readable(one))
            for (order, _), one in zip(options, expected, strict=True)
        )
    )


def settle(stack: LocalStack, messages: Sequence[Said], answers: list[Answer]) -> list[Answer]:
    """Redeliver, as Meta does, every message answered 500 'retry later' (up to 3 times)."""
    final = list(answers)
    for _ in range(3):
        again = [n for n, a in enumerate(final) if (a.status, a.body) == RETRY_LATER]
        if not again:
            break
        time.sleep(0.5)
        for n in again:
            final[n] = deliver(stack, messages[n])
    return final


# Thousands of broken payloads ----------------------------------------------------------------


def test_thousands_of_signed_mutated_payloads_get_200_or_4xx_and_no_traceback(
    stack: LocalStack, graph: FakeGraphApi, since: int
) -> None:
    cases = mutated_cases(SEED, MUTATED, int(time.time()))
    seen = len(delivered(graph))
    started = time.monotonic()
    results = send_all(stack, cases)
    summary("mutated payloads", results, started)
    replies = delivered(graph)[seen:]
    print(f"  replies sent: {len(replies)}")
    bad = failures(results, ok_or_client_error)
    assert not bad, f"{len(bad)} of {len(cases)} not 200/4xx:\n" + "\n".join(bad[:40])
    assert_clean_output(stack, since)
    too_long = [
        m["text"]["body"][:60]
        for m in replies
        if len(m.get("text", {}).get("body", "")) > WHATSAPP_TEXT_LIMIT
    ]
    assert not too_long, f"replies over WhatsApp's {WHATSAPP_TEXT_LIMIT} characters: {too_long}"
    assert len(replies) > 200  # enough of them still reached the conversation


def test_signed_bodies_that_are_not_webhooks_get_200_or_4xx_and_no_traceback(
    stack: LocalStack, graph: FakeGraphApi, since: int
) -> None:
    cases = odd_body_cases(SEED, int(time.time()))
    started = time.monotonic()
    results = send_all(stack, cases)
    summary("odd bodies", results, started)
    bad = failures(results, ok_or_client_error)
    assert not bad, f"{len(bad)} of {len(cases)} not 200/4xx:\n" + "\n".join(bad)
    assert_clean_output(stack, since)


def test_bad_signatures_methods_paths_and_verify_tokens_get_4xx_and_no_traceback(
    stack: LocalStack, graph: FakeGraphApi, since: int
) -> None:
    people = iter(residents(200, "6285800"))

    def message() -> tuple[str, bytes]:
        said = next(people).says("info")
        return said.wa_id, said.body()

    cases = attacks(message, SECRET, stack.env["WHATSAPP_VERIFY_TOKEN"])
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(lambda attack: exchange(stack.port, attack.request), cases))
    results = [(Case(a.label, b""), answer) for a, answer in zip(cases, answers, strict=True)]
    summary("signature, method, path and token attacks", results, started)
    allowed = {
        "refused": client_error,
        "unknown method": unknown_method,
        "clean": ok_or_client_error,
    }
    bad = [
        line
        for attack, answer in zip(cases, answers, strict=True)
        for line in failures([(Case(attack.label, b""), answer)], allowed[attack.expect])
    ]
    assert not bad, f"{len(bad)} of {len(cases)} attacks not answered cleanly:\n" + "\n".join(bad)
    answered_anyway = [
        a.label for a in cases if a.expect == "refused" and a.wa_id and delivered(graph, a.wa_id)
    ]
    assert not answered_anyway, f"refused but answered: {answered_anyway}"
    assert_clean_output(stack, since)


# Duplicates and conflicts of one resident ------------------------------------------------------


def test_one_message_delivered_ten_times_at_once_is_answered_once(
    stack: LocalStack, graph: FakeGraphApi, index: ReplyIndex, since: int
) -> None:
    people = residents(4, "6285900")
    forms = [[], [], *([p.says(t) for t in form_messages()[:-1]] for p in people[2:])]
    in_turn(stack, forms)
    seen = len(delivered(graph))
    last = [p.says("info") for p in people[:2]] + [p.says("YA") for p in people[2:]]
    copies = [said for said in last for _ in range(10)]
    first = [a for n in range(0, len(copies), 10) for a in together(stack, copies[n : n + 10])]
    print(f"\n10 copies at once of {len(last)} messages: {status_counts(first)}")
    answers = settle(stack, copies, first)
    assert all(a.status == 200 for a in answers), status_counts(answers)
    assert [deliver(stack, said).status for said in last] == [200] * len(last)  # and later
    for form, said in zip(forms, last, strict=True):
        assert_sequential(index, stack, graph, form, [said], seen=seen)
    numbers = {p.wa_id for p in people}
    stored = sorted(r["resident"] for r in signups(stack) if r["resident"] in numbers)
    assert stored == [p.wa_id for p in people[2:]]
    assert_clean_output(stack, since)


def test_two_yes_at_the_summary_at_once_make_one_signup_and_both_are_answered(
    stack: LocalStack, graph: FakeGraphApi, index: ReplyIndex, since: int
) -> None:
    people = residents(4, "6285910")
    forms = [[p.says(text) for text in form_messages()[:-1]] for p in people]
    assert all(
        s == [200] * len(forms[0])
        for s in ([a.status for a in answers] for answers in in_turn(stack, forms))
    )
    seen = len(delivered(graph))
    race = [said for p in people for said in (p.says("YA"), p.says("YA", later=0))]
    answers = in_pairs(stack, race)
    print(f"\ntwo YA at once for {len(people)} residents: {status_counts(answers)}")
    assert all(a.status == 200 for a in answers), status_counts(answers)
    numbers = {p.wa_id for p in people}
    per_resident = Counter(r["resident"] for r in signups(stack) if r["resident"] in numbers)
    doubled = {wa_id: n for wa_id, n in per_resident.items() if n != 1}
    assert not doubled and len(per_resident) == len(people), f"sign-ups per resident: {doubled}"
    for form in forms:
        mine = [m for m in race if m.wa_id == form[0].wa_id]
        assert_sequential(index, stack, graph, form, mine, seen=seen)
    assert_clean_output(stack, since)


def test_two_menu_choices_at_once_take_effect_one_after_the_other(
    stack: LocalStack, graph: FakeGraphApi, index: ReplyIndex, since: int
) -> None:
    people = residents(4, "6285920")
    opened = [[p.says("info")] for p in people]
    in_turn(stack, opened)
    seen = len(delivered(graph))
    race = [said for p in people for said in (p.says("1"), p.says("2", later=0))]
    answers = in_pairs(stack, race)
    print(f"\n'1' and '2' at once for {len(people)} residents: {status_counts(answers)}")
    assert all(a.status == 200 for a in answers), status_counts(answers)
    back = [p.says("0") for p in people]  # the stored conversation decides what '0' shows
    assert [a.status for answers in in_turn(stack, [[m] for m in back]) for a in answers] == [
        200
    ] * len(back)
    for before, then in zip(opened, back, strict=True):
        mine = [m for m in race if m.wa_id == then.wa_id]
        assert_sequential(index, stack, graph, before, mine, [then], seen=seen)
    assert_clean_output(stack, since)


# Graph API faults ----------------------------------------------------------------------------


def test_a_short_graph_api_outage_is_ridden_out_and_each_message_answered_once(
    stack: LocalStack, graph: FakeGraphApi, index: ReplyIndex, since: int
) -> None:
    people = residents(4, "6285930")
    texts = ["info", "syarat kk", "halo", "1"]
    messages = [p.says(text) for p, text in zip(people, texts, strict=True)]
    for status, code in [(503, None), (500, None), (429, 130429), (502, None)] * 2:
        graph.fail_next(status, code)
    try:
        answers = settle(stack, messages, together(stack, messages))
    finally:
        graph.failures.clear()
    print(f"\nshort outage, {len(messages)} residents: {status_counts(answers)}")
    assert all(a.status == 200 for a in answers), status_counts(answers)
    again = [deliver(stack, said) for said in messages]
    assert [a.status for a in again] == [200] * len(messages)
    for said in messages:
        assert_sequential(index, stack, graph, [], [said])
    assert_clean_output(stack, since)


def test_a_long_graph_api_outage_asks_meta_to_retry_and_redelivery_answers_once(
    stack: LocalStack, graph: FakeGraphApi, index: ReplyIndex, since: int
) -> None:
    people = residents(5, "6285940")
    forms = [[p.says(text) for text in form_messages()[:-1]] for p in people[3:]]
    in_turn(stack, forms)
    messages = [p.says(t) for p, t in zip(people[:3], ["info", "syarat kk", "1"], strict=True)]
    messages += [p.says("YA") for p in people[3:]]
    seen = len(delivered(graph))
    graph.fail_next(500, times=100_000)  # Meta's API down for good
    started = time.monotonic()
    try:
        during = together(stack, [*messages, messages[0]])  # and one redelivered meanwhile
    finally:
        graph.failures.clear()
    elapsed = time.monotonic() - started
    print(f"\nlong outage, {len(during)} deliveries in {elapsed:.1f} s: {status_counts(during)}")
    assert all((a.status, a.body) == RETRY_LATER for a in during), status_counts(during)
    assert len(delivered(graph)) == seen  # nothing got through
    mine = {said.wa_id for said in messages}
    assert len([r for r in signups(stack) if r["resident"] in mine]) == 2  # stored before telling
    after = settle(stack, messages, [deliver(stack, said) for said in messages])
    assert [a.status for a in after] == [200] * len(messages)
    assert [deliver(stack, said).status for said in messages] == [200] * len(messages)
    for before, said in zip([[]] * 3 + forms, messages, strict=True):
        assert_sequential(index, stack, graph, before, [said], seen=seen)
    assert_clean_output(stack, since)


# Last, on purpose: if matching ever turns slow again, a text that pins a worker's CPU must not
# slow the tests above, which share the stack.


def test_long_texts_are_answered_once_within_seconds(
    stack: LocalStack, graph: FakeGraphApi, since: int
) -> None:
    rng = random.Random(SEED)
    vocabulary = "saya mau tanya syarat buat kk baru dan ktp hilang gimana caranya pak".split()
    words = " ".join(rng.choice(vocabulary) for _ in range(30_000))
    texts = {
        "4096 chars of words": words[:4096],
        "2048 one-letter words": " ".join("abcdefghij"[n % 10] for n in range(2048)),
        "4097 chars of words": words[:4097],
        "100,000 chars of words": (words * 2)[:100_000],
        "100,000 chars, one word": "a" * 100_000,
        "5000 newlines": "\n" * 5000,
        "5000 spaces then info": " " * 5000 + "info",
        "4096 emoji with spaces": "😀 " * 2048,
    }
    people = residents(len(texts), "6285700")
    messages = [person.says(text) for person, text in zip(people, texts.values(), strict=True)]

    def timed(said: Said) -> tuple[Answer, float]:
        started = time.monotonic()
        answer = signed_post(stack.port, said.body(), SECRET, timeout=12)
        return answer, time.monotonic() - started

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(timed, messages))
    problems = []
    for name, said, (answer, seconds) in zip(texts, messages, results, strict=True):
        sent = delivered(graph, said.wa_id)
        # The answer, then no more text: a later button message is a follow-up (the helpful
        # question, a second service, a case's "all requirements"); a case's short answer may
        # itself be a button message.
        replies = sent[:1] + [
            m for m in sent[1:] if m.get("interactive", {}).get("type") != "button"
        ]
        longest = max(
            (
                len(
                    m.get("text", {}).get("body", "")
                    or m.get("interactive", {}).get("body", {}).get("text", "")
                )
                for m in replies
            ),
            default=0,
        )
        if (
            answer.status != 200
            or seconds > 10
            or len(replies) != 1
            or longest > WHATSAPP_TEXT_LIMIT
        ):
            status = answer.status or answer.error
            problems.append(
                f"{name}: {status} {answer.body[:20]!r} after {seconds:.1f} s, "
                f"{len(replies)} replies (longest {longest} characters)"
            )
    assert not problems, "\n".join(problems)
    assert_clean_output(stack, since)
