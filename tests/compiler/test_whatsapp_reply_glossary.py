"""On WhatsApp a glossary term is explained, in parentheses, the first time an answer uses it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from puspa_bot import whatsapp_limits as limits
from puspa_bot.conversation import Incoming, Kind, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex
from puspa_build.compiler import check
from puspa_build.content import load_content
from puspa_build.glossary import Term, glossary

from ..conftest import CONTENT, edit

TERMS = glossary(load_content(CONTENT)[0])


def term(name: str) -> Term:
    """A glossary term of the real content."""
    return next(t for t in TERMS if t.name == name)


def explained(text: str, found: Term) -> int:
    """How many times `text` explains the term: 'TERM (short)' or 'TERM, short'."""
    spellings = "|".join(re.escape(s) for s in found.spellings)
    short = re.escape(found.short)
    return len(re.findall(rf"(?<![^\W_])(?:{spellings})(?: \({short}\)|, {short})", text))


def answers(index: ReplyIndex) -> Iterator[tuple[str, str, int]]:
    """Every service answer of the index: (name, text, WhatsApp's limit for it)."""
    for service_id, service in index.services.items():
        yield service_id, service["reply"], limits.TEXT_BODY
        for case_id, case in service.get("cases", {}).items():
            # one button message up to INTERACTIVE_BODY; a longer one goes as text + button
            yield f"{service_id}/{case_id}", case["reply"], limits.TEXT_BODY


def test_the_kk_answer_explains_the_moving_papers_and_siak(index: ReplyIndex) -> None:
    reply = index.services["kartu-keluarga"]["reply"]
    for name in ("SKPWNI", "SKPLN", "SIAK", "SPTJM"):
        assert f"{name} ({term(name).short})" in reply, name


def test_a_resident_asking_reads_the_explanation(index: ReplyIndex) -> None:
    outcome = respond(index, State(), Incoming(Kind.TEXT, "syarat bikin NIB apa aja", timestamp=0))
    assert outcome.service == "izin-usaha"
    text = outcome.replies[0].text
    assert f"KBLI, {term('KBLI').short})" in text  # "(kode KBLI, kode jenis usaha dari BPS)"
    assert f"OSS ({term('OSS').short})" in text


def test_every_term_is_explained_at_most_once_per_answer(index: ReplyIndex) -> None:
    for name, text, _ in answers(index):
        for found in TERMS:
            assert explained(text, found) <= 1, (name, found.name)


def test_the_title_is_never_explained_inside(index: ReplyIndex) -> None:
    for name, text, _ in answers(index):
        title = text.split("\n\n", 1)[0]
        for found in TERMS:
            assert not explained(title, found), (name, found.name)


def test_every_answer_with_its_explanations_stays_within_whatsapp_limits(
    index: ReplyIndex,
) -> None:
    for name, text, limit in answers(index):
        assert len(text) <= limit, name


def test_the_explanation_comes_from_the_glossary_file(content_dir: Path) -> None:
    edit(
        content_dir / "istilah.yaml",
        "singkat: sistem data kependudukan\n",
        "singkat: pangkalan data penduduk\n",
    )
    reply = check(content_dir).index["services"]["kartu-keluarga"]["reply"]
    assert "SIAK (pangkalan data penduduk)" in reply
    assert "sistem data kependudukan" not in reply
