"""What a free-text message asks for: a service, an intent, a referral topic, or nothing known.

Exact keywords (content's `kata_kunci`, normalised) answer at once. Everything else goes
through the trained classifier's probabilities: one clear winner answers; otherwise a keyword
found inside the message (as written or by its stem; typos are the classifier's job) answers
if the classifier has that service among its three best; otherwise close services are offered
as 'maksud Anda' (at most three); nothing close is the fallback. A message that names two
services by their keywords is answered with the one the classifier reads as asked about, and
the other is offered. A service with cases (content's `kasus`) is answered with the case the
classifier reads, when it reads one. Without a model in the index (an index built before it
had one), the keyword matcher decides as it used to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .classifier import case_of, probabilities, rank, strongest
from .matcher import MATCHED_CHARACTERS, MAX_SUGGESTIONS, match, named_services
from .normalise import keyword_key
from .reply_index import ReplyIndex

INTENT = "intent:"
REFERRAL = "referral:"


@dataclass(frozen=True)
class Understood:
    """The reading of one message."""

    service: str | None = None
    """Answer with this service."""
    intent: str | None = None
    """menu, greeting, thanks, goodbye or form (start the izin resepsi sign-up)."""
    topic: str | None = None
    """A referral topic (something PUSPA does not serve)."""
    suggestions: tuple[str, ...] = ()
    """Close services to offer."""
    also: str | None = None
    """A second service the message names, to offer after the answer."""
    case: str | None = None
    """The case of the service asked about (its short answer), if the service has cases."""
    words: str = ""
    """The message's content words, for counting unmatched questions ('' if none)."""


def understand(index: ReplyIndex, text: str) -> Understood:
    """Read a free-text message."""
    start = text[:MATCHED_CHARACTERS]
    key = keyword_key(start, index.abbreviations, index.common_words)
    if index.model is None:
        if key in index.keywords:
            return Understood(service=index.keywords[key], words=key)
        if not key:
            return Understood()
        found = match(index, start)
        return Understood(service=found.service, suggestions=found.suggestions, words=key)
    by_label = probabilities(index.model, start, index.abbreviations)
    if key in index.keywords:
        return _with_case(index, by_label, Understood(service=index.keywords[key], words=key))
    chances = rank(index.model, by_label)
    if not chances:  # no words at all (only punctuation or emoji)
        return Understood(words=key)
    sure = _sure(index, chances, key)
    if sure is not None:
        return _with_case(index, by_label, _with_also(index, start, by_label, sure))
    close = tuple(
        label
        for label, chance in chances[:MAX_SUGGESTIONS]
        if chance >= index.model.suggest and label in index.services
    )
    if key:
        found = match(index, start, typos=False)
        named = [found.service] if found.service else found.suggestions
        agreeing = [service_id for service_id in close if service_id in named]
        if agreeing:  # keywords in the message agree: answer the likeliest, offer another
            answer = Understood(service=agreeing[0], words=key)
            return _with_case(index, by_label, _with_also(index, start, by_label, answer))
    return Understood(suggestions=close, words=key)


def _sure(index: ReplyIndex, chances: list[tuple[str, float]], key: str) -> Understood | None:
    """The answer when one label clearly wins, else None."""
    assert index.model is not None
    (first, p_first), (_, p_second) = chances[0], chances[1]
    if p_first < index.model.answer or p_first < index.model.lead * p_second:
        return None
    if first in index.services:
        return Understood(service=first, words=key)
    if first.startswith(INTENT):
        return Understood(intent=first.removeprefix(INTENT), words=key)
    if first.startswith(REFERRAL) and first.removeprefix(REFERRAL) in index.referrals:
        return Understood(topic=first.removeprefix(REFERRAL), words=key)
    return Understood(words=key)  # a negative: looks like a service, is not


def _with_also(
    index: ReplyIndex, text: str, by_label: list[float], found: Understood
) -> Understood:
    """Add the other service when the message names two by keywords at different places.

    The other must not share words with a keyword of the answer ('ktp' inside 'ktp sudah
    jadi') and must be probable enough to be offered at all ('kk' as kakak is not): judged by
    its strongest single label, since a service with many cases gathers a floor of softmax
    mass from every case label.
    """
    if found.service is None or index.model is None:
        return found
    spans = named_services(index, text)
    taken = {
        position
        for start, size, service_id in spans
        if service_id == found.service
        for position in range(start, start + size)
    }
    if not taken:
        return found  # the answer was read from the whole message, not named by a keyword
    chance = strongest(index.model, by_label)
    others = {
        service_id
        for start, size, service_id in spans
        if service_id != found.service
        and service_id in index.services
        and taken.isdisjoint(range(start, start + size))
        and chance.get(service_id, 0.0) >= index.model.suggest
    }
    if not others:
        return found
    return replace(found, also=max(sorted(others), key=lambda service_id: chance[service_id]))


def _with_case(index: ReplyIndex, by_label: list[float], found: Understood) -> Understood:
    """Add the case of the answered service the message asks about, when it has cases."""
    if found.service is None or index.model is None or not by_label:
        return found
    if not index.services[found.service].get("cases"):
        return found
    return replace(found, case=case_of(index.model, by_label, found.service))
