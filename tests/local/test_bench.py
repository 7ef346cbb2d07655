"""`make bench`'s synthetic index answers like the real one (so the benchmark measures PUSPA)."""

from __future__ import annotations

from puspa_bot.conversation import Incoming, Intent, Kind, State
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex
from puspa_local.bench import synthetic_index


def test_synthetic_index_keeps_every_real_answer(index: ReplyIndex) -> None:
    bigger = synthetic_index(index, 500)
    assert len(bigger.services) == len(index.services) + 500
    for text, intent in (
        ("syarat kk", Intent.SERVICE),
        ("resepsi", Intent.FORM),
        ("info", Intent.MENU),
    ):
        real = respond(index, State(), Incoming(Kind.TEXT, text, timestamp=1))
        synthetic = respond(bigger, State(), Incoming(Kind.TEXT, text, timestamp=1))
        assert real.intent is synthetic.intent is intent
        assert real.replies == synthetic.replies
