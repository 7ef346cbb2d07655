"""The glossary (content/istilah.yaml): finding its terms in a text, and explaining them inline.

A term is found as written (case matters: PATEN, not "paten"), as a whole word only: never
inside another word ("NIB" in "NIB-nya" or "KIAT"), a compound written with "-" or "/", a web
address ("oss.go.id") or an e-mail address. Both outputs use the same search: WhatsApp answers
get the short explanation after a term's first occurrence (`explain_first`), portal pages list
the terms they contain (`terms_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import Content

# A term stands alone when no letter, digit, "-", "/", "." or "@" touches it; a closing "." is
# only the end of a sentence when no letter or digit follows it.
_BEFORE = r"(?<![^\W_])(?<![-/.@])"
_AFTER = r"(?![^\W_])(?![-/@][^\W_]|\.[^\W_])"


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    name: str
    """The term as written in content, e.g. 'SKPWNI'."""
    spellings: tuple[str, ...]
    """Every way content writes it: the name first, then `ejaan_lain`."""
    meaning: str
    """The portal's explanation, one or two sentences."""
    short: str
    """The explanation WhatsApp shows in parentheses after the first occurrence."""
    basis: str
    """The regulation or official source of the explanation."""
    expansion: str | None = None
    """What the abbreviation stands for, if it is one."""

    @property
    def anchor(self) -> str:
        """The id of the term's entry on the glossary page."""
        return "istilah-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Occurrence:
    """Where one spelling of a term stands in a text."""

    term: Term
    start: int
    end: int


def glossary(content: Content) -> list[Term]:
    """The glossary's terms, in content order."""
    return [
        Term(
            name=entry["istilah"],
            spellings=(entry["istilah"], *entry.get("ejaan_lain", [])),
            meaning=" ".join(entry["arti"].split()),
            short=entry["singkat"],
            basis=" ".join(entry["dasar"].split()),
            expansion=entry.get("kepanjangan"),
        )
        for entry in content.istilah["istilah"]
    ]


def occurrences(terms: list[Term], text: str) -> list[Occurrence]:
    """Every whole-word occurrence of the terms in `text`, in reading order. Where spellings
    overlap ("Sertifikat Standar" and "Standar"), the longest one wins."""
    spellings = sorted(
        ((spelling, term) for term in terms for spelling in term.spellings),
        key=lambda pair: -len(pair[0]),
    )
    if not spellings:
        return []
    pattern = re.compile(
        _BEFORE + "(" + "|".join(re.escape(spelling) for spelling, _ in spellings) + ")" + _AFTER
    )
    owner = {spelling: term for spelling, term in spellings}
    return [Occurrence(owner[m.group(1)], m.start(1), m.end(1)) for m in pattern.finditer(text)]


def terms_in(content: Content, text: str) -> list[Term]:
    """The glossary terms that occur in `text`, each once, in the order they first occur."""
    found: list[Term] = []
    for occurrence in occurrences(glossary(content), text):
        if occurrence.term not in found:
            found.append(occurrence.term)
    return found


def explain_first(content: Content, text: str, limit: int | None = None) -> str:
    """Put each term's short explanation after its first occurrence in a WhatsApp answer.

    The answer's first block (its bold title) is left as it is. A term the text writes out,
    "Nomor Induk Berusaha (NIB)", is explained already: it gets no explanation. A term that a
    parenthesis follows already, "OSS (oss.go.id)", is explained at its next occurrence instead.
    Inside parentheses the explanation follows after a comma, "(loket PATEN, layanan terpadu
    ...)", so that brackets are never nested. With a `limit` (WhatsApp's, for this message),
    an explanation that would make the answer longer than it is left out, and so are the
    ones after it: explanations never make an answer too long to send.
    """
    heading_end = text.find("\n\n")
    heading_end = len(text) if heading_end < 0 else heading_end
    room = len(text) if limit is None else limit
    explained: set[str] = set()
    parts: list[str] = []
    done = length = 0
    for found in occurrences(glossary(content), text):
        term = found.term
        if term.name in explained:
            continue
        if _written_out(text, found):
            explained.add(term.name)
            continue
        if found.start < heading_end or text.startswith(" (", found.end):
            continue
        explanation = _explanation(text, found)
        if limit is not None and len(text) + length + len(explanation) > room:
            break
        explained.add(term.name)
        parts += [text[done : found.end], explanation]
        length += len(explanation)
        done = found.end
    return "".join(parts) + text[done:]


def _written_out(text: str, found: Occurrence) -> bool:
    """Whether the text writes the term out itself: 'Kartu Identitas Anak (KIA)'."""
    return text[found.start - 1 : found.start] == "(" and text[found.end : found.end + 1] == ")"


def _explanation(text: str, found: Occurrence) -> str:
    """' (short)' after the term; within parentheses ', short' (and ',' when words follow)."""
    line_start = text.rfind("\n", 0, found.start) + 1
    before = text[line_start : found.start]
    if before.count("(") <= before.count(")"):
        return f" ({found.term.short})"
    following = text[found.end : found.end + 1]
    return f", {found.term.short}" + ("," if following == " " else "")
