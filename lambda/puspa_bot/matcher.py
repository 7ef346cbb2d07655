"""Find the service a resident means, from the keywords the build indexed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .normalise import keyword_key, stem
from .reply_index import TYPO_MIN_LENGTH, ReplyIndex

MAX_SUGGESTIONS = 3
"""At most this many 'maksud Anda' suggestions."""
TYPO_CUTOFF = 85
"""How alike (rapidfuzz ratio, 0-100) a misspelt word must be to a keyword word."""
TYPO_CONFIDENT = 90
"""A correction at least this alike may answer directly; below it PUSPA only suggests."""
SPECIFIC_WORD = 2
"""A single keyword word names a candidate only if at most this many services use it."""
MATCHED_CHARACTERS = 1000
"""Only the start of a longer message is matched (residents' questions are far shorter)."""


@dataclass(frozen=True)
class Match:
    """What a message seems to ask about."""

    service: str | None = None
    """The service to answer with, when PUSPA is confident."""
    suggestions: tuple[str, ...] = ()
    """Close candidates to offer when it is not."""
    words: str = ""
    """The message's content words (common words removed), for counting unmatched questions."""


def match(index: ReplyIndex, text: str, typos: bool = True) -> Match:
    """Match free text to a service: exact keyword, keyword inside, stems, typos, then words.

    The work grows linearly with the message: at most MATCHED_CHARACTERS are read, and no
    phrase longer than the index's longest keyword is tried. `typos=False` skips correcting
    misspelt words, the one step whose work grows with the index (every keyword word is
    compared): the classifier already reads typos from character n-grams.
    """
    key = keyword_key(_start_of(text), index.abbreviations, index.common_words)
    if not key:
        return Match()
    if key in index.keywords:
        return Match(service=index.keywords[key], words=key)
    words = key.split()
    found = _best_phrases(index, words)
    if found:
        return _decide(_rivals(index, words, found), key)
    if not typos:
        return Match(words=key)
    corrected, confidence = _correct_typos(index, words)
    if corrected != words:
        found = _best_phrases(index, corrected)
        if found:
            if confidence >= TYPO_CONFIDENT:
                return _decide(_rivals(index, corrected, found), key)
            return Match(suggestions=tuple(found[:MAX_SUGGESTIONS]), words=key)
    return Match(suggestions=_specific_words(index, corrected), words=key)


def _start_of(text: str) -> str:
    """The first MATCHED_CHARACTERS of a message, without a word cut in two."""
    if len(text) <= MATCHED_CHARACTERS:
        return text
    words = text[:MATCHED_CHARACTERS].split()
    if len(words) > 1 and not text[MATCHED_CHARACTERS].isspace():
        words = words[:-1]  # the last word goes on past the cut
    return " ".join(words)


def _best_phrases(index: ReplyIndex, words: list[str]) -> list[str]:
    """Services of the best keywords found inside `words`: longest first, as written first."""
    best = 0
    services: list[str] = []
    stemmed = [stem(word) for word in words]
    for score, service_ids in _phrases_inside(index, words, stemmed):
        if score > best:
            best, services = score, []
        if score == best:
            services += [s for s in service_ids if s not in services]
    return services


def _phrases_inside(
    index: ReplyIndex, words: list[str], stemmed: list[str]
) -> Iterable[tuple[int, list[str]]]:
    """Yield (score, services) for every keyword phrase in the message.

    A longer phrase scores higher; at equal length, a keyword as written ('nikahan') beats
    one that only shares its stem ('menikah'), so stems never blur a precise keyword.
    """
    for _, size, as_written, service_ids in _phrase_spans(index, words, stemmed):
        yield 2 * size + as_written, service_ids


def named_services(index: ReplyIndex, text: str) -> list[tuple[int, int, str]]:
    """Where a message names a service by a keyword: (first word, word count, service id)."""
    words = keyword_key(_start_of(text), index.abbreviations, index.common_words).split()
    stemmed = [stem(word) for word in words]
    return [
        (start, size, service_id)
        for start, size, _, service_ids in _phrase_spans(index, words, stemmed)
        for service_id in service_ids
    ]


def _phrase_spans(
    index: ReplyIndex, words: list[str], stemmed: list[str]
) -> Iterable[tuple[int, int, int, list[str]]]:
    """Yield (start, size, as written (1) or by stem (0), services) per keyword phrase found.

    Longest phrases first; no phrase longer than the index's longest keyword is tried, so the
    work grows linearly with the message.
    """
    for size in range(min(len(words), index.longest_phrase), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in index.keywords:
                yield start, size, 1, [index.keywords[phrase]]
            stemmed_phrase = " ".join(stemmed[start : start + size])
            if size == 1 and len(index.words.get(stemmed_phrase, ())) > SPECIFIC_WORD:
                continue  # one stem shared by many services ('usaha') names none of them
            if stemmed_phrase in index.stems:
                yield start, size, 0, index.stems[stemmed_phrase]
            elif stemmed_phrase in index.keywords:
                yield start, size, 0, [index.keywords[stemmed_phrase]]


def _rivals(index: ReplyIndex, words: list[str], found: list[str]) -> list[str]:
    """Put first any service whose keywords share more of the message's words than the winners.

    'cek status e-ktp' contains the e-KTP keyword 'e ktp', but 'cek' and 'status' belong to
    the e-KTP-ready service: both are then offered instead of a confident guess.
    """
    shared: dict[str, int] = {}
    for word in set(words):
        for service_id in index.words.get(word, ()):
            shared[service_id] = shared.get(service_id, 0) + 1
    best_found = max(shared.get(service_id, 0) for service_id in found)
    rivals = sorted(
        (s for s, count in shared.items() if count > best_found and s not in found),
        key=lambda s: -shared[s],
    )
    return [*rivals, *found]


def _decide(services: list[str], words: str) -> Match:
    """One service is an answer; several equally good ones are suggestions."""
    if len(services) == 1:
        return Match(service=services[0], words=words)
    return Match(suggestions=tuple(services[:MAX_SUGGESTIONS]), words=words)


def _correct_typos(index: ReplyIndex, words: list[str]) -> tuple[list[str], float]:
    """Replace misspelt words by the keyword word they resemble; return the weakest score."""
    from rapidfuzz import fuzz, process  # deferred: most messages need no typo correction

    corrected: list[str] = []
    weakest = 100.0
    for word in words:
        if len(word) < TYPO_MIN_LENGTH or word in index.words:
            corrected.append(word)
            continue
        found = process.extractOne(
            word, index.typo_targets, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
        )
        if found is None:
            corrected.append(word)
        else:
            corrected.append(found[0])
            weakest = min(weakest, found[1])
    return corrected, weakest


def _specific_words(index: ReplyIndex, words: list[str]) -> tuple[str, ...]:
    """Services named by a word specific enough to suggest them (used by few services)."""
    suggestions: list[str] = []
    for word in words:
        service_ids = index.words.get(word) or index.words.get(stem(word), [])
        if len(service_ids) <= SPECIFIC_WORD:
            suggestions += [s for s in service_ids if s not in suggestions]
    return tuple(suggestions[:MAX_SUGGESTIONS])
