"""Issue 14's answers fitted to the case, in the real content: e-KTP, KK and KIA.

A resident whose message names one case gets that case's requirements (and those every case
shares) in one button message; a message naming no case gets the whole answer, which still
holds every requirement. The messages asked here are new ones, not content's examples.
"""

from __future__ import annotations

import pytest
from puspa_bot import whatsapp_limits as limits
from puspa_bot.normalise import normalise
from puspa_bot.reply_index import ReplyIndex
from puspa_build.content import Content
from puspa_build.glossary import glossary

from ..conftest import ask

WITH_CASES = {
    "e-ktp": {"rekam", "pindah", "ubah-data", "rusak", "hilang"},
    "kartu-keluarga": {"baru", "tanpa-buku-nikah", "pindah", "pisah", "ubah-data", "hilang-rusak"},
    "kia": {"balita", "usia-5-17", "bayi"},
}
OWNED = (*WITH_CASES, "akta-kelahiran", "kua", "izin-spanduk", "izin-bangun-makam")


def plain(content: Content, reply: str) -> str:
    """A reply without the glossary's short explanations, as content wrote it."""
    for term in glossary(content):
        for explanation in (f" ({term.short})", f", {term.short},", f", {term.short}"):
            reply = reply.replace(explanation, "")
    return reply


@pytest.mark.parametrize("service_id", sorted(WITH_CASES))
def test_each_case_has_its_own_short_answer_that_fits_one_button_message(
    index: ReplyIndex, service_id: str
) -> None:
    service = index.services[service_id]
    assert set(service["cases"]) == WITH_CASES[service_id]
    for case_id, case in service["cases"].items():
        assert len(case["reply"]) <= limits.INTERACTIVE_BODY, case_id
        assert len(case["reply"]) < len(service["reply"]), case_id


@pytest.mark.parametrize("service_id", sorted(WITH_CASES))
def test_a_case_answer_holds_its_requirements_and_no_other_cases(
    index: ReplyIndex, content: Content, service_id: str
) -> None:
    groups = content.service(service_id)["persyaratan"]
    for group in groups:
        short = plain(content, index.services[service_id]["cases"][group["kasus"]]["reply"])
        assert short.startswith(f"*{content.service(service_id)['nama']}*\n_{group['untuk']}_\n")
        assert all(item in short for item in group["butir"]), group["kasus"]
        others = [other for other in groups if other is not group]
        assert not any(f"_{other['untuk']}:_" in short for other in others), group["kasus"]


@pytest.mark.parametrize("service_id", OWNED)
def test_the_whole_answer_still_holds_every_requirement(
    index: ReplyIndex, content: Content, service_id: str
) -> None:
    whole = plain(content, index.services[service_id]["reply"])
    for group in content.service(service_id)["persyaratan"]:
        assert all(item in whole for item in group["butir"]), group["untuk"]


@pytest.mark.parametrize(
    ("text", "service_id", "case_id"),
    [
        ("rekam ktp perdana bawa apa aja", "e-ktp", "rekam"),
        ("abdi can kantos rekam ktp, yuswa 25", "e-ktp", "rekam"),
        ("pindah ke desa sukajaya dari luar kota ganti ktp syaratnya", "e-ktp", "pindah"),
        ("pekerjaan di ktp salah mau diganti", "e-ktp", "ubah-data"),
        ("ktp abdi leungit di jalan", "e-ktp", "hilang"),
        ("baru menikah bikin kk gimana", "kartu-keluarga", "baru"),
        ("nikah belum resmi mau satu kk", "kartu-keluarga", "tanpa-buku-nikah"),
        ("pindahan dari bogor kota bikin kk jonggol", "kartu-keluarga", "pindah"),
        ("pisah kk masih satu rumah", "kartu-keluarga", "pisah"),
        ("keluarkan nama yang meninggal dari kk", "kartu-keluarga", "ubah-data"),
        ("kk rusak kena air", "kartu-keluarga", "hilang-rusak"),
        ("kia untuk bayi baru lahir", "kia", "bayi"),
    ],
)
def test_a_message_naming_a_case_gets_that_cases_short_answer(
    index: ReplyIndex, text: str, service_id: str, case_id: str
) -> None:
    outcome = ask(index, text)
    assert (outcome.service, outcome.case) == (service_id, case_id)
    assert outcome.replies[0].text == index.services[service_id]["cases"][case_id]["reply"]


@pytest.mark.parametrize(
    ("text", "service_id"),
    [
        ("syarat ktp", "e-ktp"),
        ("ktp saya sudah kadaluarsa", "e-ktp"),
        ("syarat bikin kk", "kartu-keluarga"),
        ("ngurus kk gratis ga", "kartu-keluarga"),
        ("syarat bikin kia", "kia"),
    ],
)
def test_a_message_naming_no_case_gets_the_whole_answer(
    index: ReplyIndex, text: str, service_id: str
) -> None:
    outcome = ask(index, text)
    assert (outcome.service, outcome.case) == (service_id, None)
    assert outcome.replies[0].text == index.services[service_id]["reply"]


def test_cases_have_enough_examples_and_the_service_keeps_its_general_ones(
    content: Content,
) -> None:
    for service_id in WITH_CASES:
        service = content.service(service_id)
        assert len(service["contoh_pertanyaan"]) >= 15, service_id
        for group in service["persyaratan"]:
            assert len(group["contoh"]) >= 8, (service_id, group["kasus"])


def test_no_example_is_written_twice(content: Content) -> None:
    abbreviations = content.bahasa["singkatan"]
    seen: dict[str, str] = {}
    for service_id in OWNED:
        service = content.service(service_id)
        lists = [service["contoh_pertanyaan"]]
        lists += [group.get("contoh", []) for group in service["persyaratan"]]
        for text in (text for examples in lists for text in examples):
            key = normalise(text, abbreviations)
            assert key not in seen, f"{text!r} and {seen.get(key)!r}"
            seen[key] = text


def test_birth_certificate_additions_say_what_they_replace(
    index: ReplyIndex, content: Content
) -> None:
    common, no_letter, no_book = content.service("akta-kelahiran")["persyaratan"]
    assert common["untuk"] == "Persyaratan umum" and "kasus" not in common
    assert common["butir"][0].startswith("Surat keterangan lahir")
    assert common["butir"][1].startswith("Buku nikah")
    assert no_letter["untuk"] == "Tidak punya surat keterangan lahir, sebagai gantinya"
    assert no_book["untuk"].startswith("Tidak punya buku nikah, tetapi di KK tercatat kawin")
    assert no_book["untuk"].endswith(", sebagai gantinya")
    whole = index.services["akta-kelahiran"]["reply"]
    assert whole.index("_Persyaratan umum:_") < whole.index("sebagai gantinya:_")


@pytest.mark.parametrize("case_id", ["rujuk", "duplikat-hilang", "duplikat-rusak"])
def test_rujuk_and_a_duplicate_marriage_book_are_not_told_the_wedding_steps(
    index: ReplyIndex, case_id: str
) -> None:
    kua = index.services["kua"]
    steps = kua["cases"][case_id]["reply"].split("*Prosedur*", 1)[1].split("\n\n", 1)[0]
    assert "Datang ke KUA dengan membawa persyaratannya." in steps
    assert "Daftar nikah" not in steps and "bimbingan perkawinan" not in steps
    assert "Daftar nikah" in kua["cases"]["nikah"]["reply"]
    assert kua["reply"].count("Datang ke KUA dengan membawa persyaratannya.") == 1
