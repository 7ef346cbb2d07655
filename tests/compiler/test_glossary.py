"""The glossary (content/istilah.yaml): terms found as whole words, explained once an answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_build.content import Content, load_content
from puspa_build.glossary import explain_first, glossary, occurrences, terms_in
from puspa_build.yaml_source import Source

from ..conftest import CONTENT

REAL = load_content(CONTENT)[0]

# The jargon issue 14 names: each must be in the glossary.
NAMED = (
    *"SIAK SKPWNI SKPLN PRR KBLI SPPL e-RDKK NIB OSS PATEN IKD KIA SPTJM TPU".split(),
    *("Bappenda", "Sertifikat Standar"),
)


def small_glossary() -> Content:
    """Content holding only a glossary of three terms."""
    entries = [
        {"istilah": "NIB", "arti": "Nomor usaha.", "singkat": "nomor usaha", "dasar": "PP"},
        {"istilah": "OSS", "arti": "Sistem izin.", "singkat": "sistem izin", "dasar": "PP"},
        {
            "istilah": "e-RDKK",
            "ejaan_lain": ["RDKK"],
            "arti": "Daftar pupuk.",
            "singkat": "daftar pupuk",
            "dasar": "Permentan",
        },
    ]
    data = {"istilah": entries}
    return Content(root=Path("."), settings={"istilah": Source("content/istilah.yaml", data)})


def test_every_term_the_issue_names_is_explained_with_its_basis() -> None:
    terms = {term.name: term for term in glossary(REAL)}
    assert sorted(terms) == sorted(NAMED)
    for term in terms.values():
        assert term.basis and term.meaning.endswith(".")
        assert len([s for s in term.meaning.split(". ") if s]) <= 3, term.name
        assert term.short == term.short.strip() and "(" not in term.short


def test_the_revenue_agency_is_spelled_as_kabupaten_bogor_writes_it() -> None:
    agency = next(term for term in glossary(REAL) if term.name == "Bappenda")
    assert agency.spellings == ("Bappenda", "Bapenda")  # the other spelling is explained too
    assert agency.expansion == "Badan Pengelolaan Pendapatan Daerah"


def test_a_spelling_belongs_to_one_term_only() -> None:
    spellings = [spelling for term in glossary(REAL) for spelling in term.spellings]
    assert len(spellings) == len(set(spellings))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Daftar NIB di OSS.", ["NIB", "OSS"]),
        ("NIB-nya sudah ada", []),  # inside a word written with a hyphen
        ("kode NIBX dan XNIB", []),
        ("buka oss.go.id atau OSS.", ["OSS"]),  # the end of a sentence is no address
        ("buka OSS.go.id", []),  # a web address
        ("surel NIB@contoh.id", []),
        ("NIB/TDP lama", []),  # a compound written with a slash
        ("*NIB* dan _OSS_", ["NIB", "OSS"]),  # WhatsApp's bold and italic are not letters
        ("daftar e-RDKK, lalu RDKK desa", ["e-RDKK", "e-RDKK"]),
        ("cek nib dan oss", []),  # case matters: "paten" is not PATEN
    ],
)
def test_terms_are_found_as_whole_words_only(text: str, found: list[str]) -> None:
    assert [o.term.name for o in occurrences(glossary(small_glossary()), text)] == found


def test_only_the_first_occurrence_is_explained_and_never_the_title() -> None:
    content = small_glossary()
    text = "*Izin (NIB lewat OSS)*\n\nUrus NIB di OSS.\nNIB terbit di OSS."
    assert explain_first(content, text) == (
        "*Izin (NIB lewat OSS)*\n\nUrus NIB (nomor usaha) di OSS (sistem izin).\nNIB terbit di OSS."
    )


def test_a_term_the_text_writes_out_gets_no_explanation() -> None:
    content = small_glossary()
    text = "*Judul*\n\nNomor Induk Berusaha (NIB) dari OSS. Unduh NIB."
    assert explain_first(content, text) == (
        "*Judul*\n\nNomor Induk Berusaha (NIB) dari OSS (sistem izin). Unduh NIB."
    )


def test_a_term_followed_by_a_parenthesis_is_explained_at_its_next_occurrence() -> None:
    content = small_glossary()
    text = "*Judul*\n\nlewat OSS (oss.go.id).\nUnduh dari OSS."
    assert explain_first(content, text) == (
        "*Judul*\n\nlewat OSS (oss.go.id).\nUnduh dari OSS (sistem izin)."
    )


def test_inside_parentheses_the_explanation_follows_a_comma() -> None:
    content = small_glossary()
    text = "*Judul*\n\nKantor (loket NIB) dan (lewat OSS bila perlu)."
    assert explain_first(content, text) == (
        "*Judul*\n\nKantor (loket NIB, nomor usaha) dan (lewat OSS, sistem izin, bila perlu)."
    )


def test_another_spelling_is_explained_and_counts_for_the_term() -> None:
    content = small_glossary()
    text = "*Judul*\n\nCek RDKK desa. Lalu e-RDKK."
    assert explain_first(content, text) == "*Judul*\n\nCek RDKK (daftar pupuk) desa. Lalu e-RDKK."


def test_terms_in_lists_each_term_once_in_reading_order() -> None:
    names = [t.name for t in terms_in(small_glossary(), "OSS, NIB, OSS, RDKK")]
    assert names == ["OSS", "NIB", "e-RDKK"]


def test_explanations_never_make_an_answer_too_long_to_send() -> None:
    content = small_glossary()
    text = "*Judul*\n\nUrus NIB di OSS lalu RDKK."
    first_only = len(text) + len(" (nomor usaha)")
    assert explain_first(content, text, limit=first_only) == (
        "*Judul*\n\nUrus NIB (nomor usaha) di OSS lalu RDKK."
    )
    assert explain_first(content, text, limit=len(text)) == text
    assert explain_first(content, text, limit=len(text) - 1) == text  # too long already: as is
