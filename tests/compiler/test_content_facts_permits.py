"""Issue 14's corrections to the permit and burial services, checked in the built answers.

Each test holds one corrected fact (its source is in the content file's `dasar_hukum` or
`konfirmasi`): the non-commercial spanduk case, the free NIB, the police permit's lead time,
air and sea transport of a body, what is known about building a grave, the misrouting that
content caused, and the residents' Sundanese and colloquial words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from puspa_bot.conversation import Outcome
from puspa_bot.reply_index import ReplyIndex
from puspa_build.compiler import check
from puspa_build.content import Content

from ..conftest import CONTENT, ask, reply
from ..conftest import labelled_line as line_of

NIB_SERVICES = ("izin-usaha", "iumk", "tdp-mikro", "izin-huller")
PERMIT_FILES = (
    "izin-spanduk izin-usaha iumk tdp-mikro izin-huller izin-resepsi izin-angkut-jenazah "
    "izin-bangun-makam izin-kubur-jenazah data-pertanian"
).split()


def mentions(outcome: Outcome, service_id: str) -> bool:
    """Whether an answer gives, suggests or offers a service in any way."""
    offered = (outcome.service, outcome.also, *outcome.state.options)
    shown = repr([(r.text, r.interactive) for r in outcome.replies])
    return any(service_id in str(item) for item in offered) or service_id in shown


def is_missing(value: Any) -> bool:
    """A part the office must still supply."""
    return isinstance(value, dict) and set(value) == {"belum_ada"}


# 1. izin-spanduk: non-commercial banners are not an object of pajak reklame.


def test_spanduk_answer_names_the_non_commercial_case_before_any_tax(index: ReplyIndex) -> None:
    text = reply(index, "izin-spanduk")
    assert "tanpa iklan komersial" in text
    for event in ("pengajian", "17 Agustus", "hajatan", "kampanye"):
        assert event in text
    # The resident reads that no tax is due before any line that sends them to Bappenda.
    assert text.index("tidak dikenai pajak reklame") < text.index("Bappenda")
    assert "tidak perlu ke Bappenda" in text


def test_spanduk_requirements_come_in_two_cases_and_only_commercial_pays_tax(
    content: Content,
) -> None:
    groups = content.service("izin-spanduk")["persyaratan"]
    assert len(groups) == 2
    social, commercial = groups
    assert "tanpa iklan komersial" in social["untuk"]
    assert "komersial" in commercial["untuk"]
    assert not any("pajak" in item or "Bappenda" in item for item in social["butir"])
    assert any("pajak reklame" in item for item in commercial["butir"])
    first_step = content.service("izin-spanduk")["prosedur"][0]
    assert first_step.startswith("Khusus reklame komersial")


def test_spanduk_cites_the_exemption_and_the_perda_status_and_keeps_the_borrowed_mark(
    content: Content,
) -> None:
    service = content.service("izin-spanduk")
    cited = " ".join(service["dasar_hukum"])
    assert "UU 1/2022" in cited and "Pasal 60" in cited and "ayat 3 huruf e" in cited
    assert "Perda Kabupaten Bogor 2/2016" in cited
    assert "diganti" in cited and "belum dipastikan" in cited
    assert "dipinjam" in service["konfirmasi"]["persyaratan"]
    assert "Indragiri Hilir" in service["konfirmasi"]["persyaratan"]


@pytest.mark.parametrize(
    "text",
    [
        "mau pasang spanduk pengajian di jalan perlu izin apa",
        "syarat pasang umbul umbul 17 agustus",
    ],
)
def test_a_non_commercial_spanduk_question_gets_the_spanduk_answer(
    index: ReplyIndex, text: str
) -> None:
    outcome = ask(index, text)
    assert outcome.service == "izin-spanduk"
    assert "tidak dikenai pajak reklame" in outcome.replies[0].text


# 2. NIB through OSS is free, valid while the business runs, and serves as TDP.


@pytest.mark.parametrize("service_id", NIB_SERVICES)
def test_each_nib_answer_says_free_without_a_doubt_on_the_fee(
    index: ReplyIndex, content: Content, service_id: str
) -> None:
    fee = line_of(reply(index, service_id), "*Biaya:*")
    assert fee.startswith("*Biaya:* Gratis (Rp0)")
    assert "Perlu dipastikan" not in fee
    service = content.service(service_id)
    assert not is_missing(service["biaya"])
    assert "biaya" not in service.get("konfirmasi", {})
    assert any("tidak dipungut biaya" in source for source in service["dasar_hukum"])


@pytest.mark.parametrize("service_id", ("izin-usaha", "iumk", "tdp-mikro"))
def test_nib_is_said_to_last_as_long_as_the_business(content: Content, service_id: str) -> None:
    assert "berlaku selama usaha berjalan" in content.service(service_id)["produk"]


def test_what_the_kecamatan_charges_for_help_stays_for_the_office_to_confirm(
    content: Content,
) -> None:
    for service_id in ("izin-usaha", "iumk"):
        note = content.service(service_id)["konfirmasi"]["prosedur"]
        assert "pendampingan" in note and "biaya" in note


# 5. Misrouting that content caused.


@pytest.mark.parametrize(
    "text",
    [
        "surat pindah",
        "pindah alamat",
        "bikin surat pindah ke bekasi",
        "mau pindah alamat ke jonggol",
        "pindah",
    ],
)
def test_moving_house_never_reaches_the_body_transport_permit(index: ReplyIndex, text: str) -> None:
    assert not mentions(ask(index, text), "izin-angkut-jenazah")
    keywords_only = replace(index, model=None)  # the keyword matcher alone, as before the model
    assert not mentions(ask(keywords_only, text), "izin-angkut-jenazah")


def test_no_keyword_of_the_body_transport_permit_says_pindah(content: Content) -> None:
    keywords = content.service("izin-angkut-jenazah")["kata_kunci"]
    assert not any("pindah" in word for word in keywords)


@pytest.mark.parametrize(
    "text", ["akta kematian", "akte kematian", "ngurus akta kematian bapak saya"]
)
def test_akta_kematian_is_the_referral_not_the_burial_permit(index: ReplyIndex, text: str) -> None:
    outcome = ask(index, text)
    assert outcome.topic == "akta-kematian"
    assert outcome.service != "izin-kubur-jenazah"


def test_the_burial_permit_has_no_akta_kematian_case(content: Content) -> None:
    groups = content.service("izin-kubur-jenazah")["persyaratan"]
    assert not any("kematian" in group.get("untuk", "").lower() for group in groups)
    last_step = content.service("izin-kubur-jenazah")["prosedur"][-1]
    assert "30 hari" in last_step and "gratis" in last_step


# 6. izin-resepsi: the lead time is the police permit's, a warning at the start.


def test_resepsi_procedure_starts_with_the_police_permits_lead_time(content: Content) -> None:
    steps = content.service("izin-resepsi")["prosedur"]
    assert "14 hari kerja" in steps[0]
    assert "kepolisian" in steps[0]
    assert "tetap ajukan" in steps[0]  # a warning, not a refusal
    assert not any("14 hari kerja" in step for step in steps[1:])


def test_resepsi_answer_shows_the_lead_time_as_the_first_step(index: ReplyIndex) -> None:
    text = reply(index, "izin-resepsi")
    procedure = text[text.index("*Prosedur*") :]
    first = procedure.splitlines()[1]
    assert first.startswith("1. ") and "14 hari kerja" in first


# 7. izin-angkut-jenazah: air and sea transport, and what a family does at night.


def test_body_transport_by_air_or_sea_lists_what_carriers_ask_marked_typical(
    content: Content,
) -> None:
    service = content.service("izin-angkut-jenazah")
    (by_air_or_sea,) = [g for g in service["persyaratan"] if "udara" in g.get("untuk", "")]
    assert "umumnya" in by_air_or_sea["untuk"]
    items = " ".join(by_air_or_sea["butir"])
    assert "rumah sakit" in items and "Balai Kekarantinaan Kesehatan" in items
    assert "Balai Kekarantinaan Kesehatan" in service["konfirmasi"]["persyaratan"]


def test_a_family_at_night_gets_the_national_numbers_and_what_to_prepare(
    index: ReplyIndex,
) -> None:
    text = reply(index, "izin-angkut-jenazah")
    warning = text.split("\n\n")[1]
    assert warning.startswith("⚠️ Malam hari")
    assert "112" in warning and "110" in warning
    assert "surat keterangan kematian" in warning


# 11. izin-bangun-makam: what is known nationally, and who decides locally.


def test_grave_building_answers_requirements_and_procedure(content: Content) -> None:
    service = content.service("izin-bangun-makam")
    assert not is_missing(service["persyaratan"])
    assert not is_missing(service["prosedur"])
    cases = " ".join(group["untuk"] for group in service["persyaratan"])
    assert "TPU" in cases and "desa" in cases and "tanah sendiri" in cases
    assert any("PP 9/1987" in source for source in service["dasar_hukum"])
    assert {"persyaratan", "prosedur", "produk"} <= set(service["konfirmasi"])


def test_grave_building_still_says_what_only_the_office_can_supply() -> None:
    missing = {(w.file, w.field) for w in check(CONTENT).warnings}
    for field in ("jangka_waktu", "biaya", "konfirmasi.persyaratan"):
        assert ("content/layanan/izin-bangun-makam.yaml", field) in missing


def test_grave_building_answer_names_who_decides(index: ReplyIndex) -> None:
    text = reply(index, "izin-bangun-makam")
    assert "pengelola TPU" in text and "pemerintah desa" in text
    assert "2,5 \u00d7 1,5 meter" in text  # the multiplication sign, as residents read it


# 12. One spelling of Kabupaten Bogor's revenue agency, as it writes its own name (Bappenda,
# bappenda.bogorkab.go.id; the province's is Bapenda Jabar); a free fee reads "Gratis (Rp0)".


@pytest.mark.parametrize("service_id", [*PERMIT_FILES, "pbb"])
def test_one_spelling_of_bappenda(index: ReplyIndex, service_id: str) -> None:
    assert "Bapenda Kabupaten" not in reply(index, service_id)


# 13. Residents' Sundanese and colloquial words reach their service.


@pytest.mark.parametrize(
    ("word", "service_id"),
    [
        ("kariaan", "izin-resepsi"),
        ("izin rame", "izin-resepsi"),
        ("nyunatan", "izin-resepsi"),
        ("layon", "izin-kubur-jenazah"),
        ("tilar dunya", "izin-kubur-jenazah"),
        ("ngurebkeun", "izin-kubur-jenazah"),
        ("astana", "izin-kubur-jenazah"),
        ("pasarean", "izin-kubur-jenazah"),
        ("mobil jenazah", "izin-angkut-jenazah"),
        ("mawa layon", "izin-angkut-jenazah"),  # carrying the body, not burying it
        ("pabrik beas", "izin-huller"),
        ("gilingan pare", "izin-huller"),
        ("pare", "data-pertanian"),
        ("tatanen", "data-pertanian"),
        ("izin jualan", "izin-usaha"),
    ],
)
def test_a_residents_word_is_a_keyword_of_its_service(
    index: ReplyIndex, content: Content, word: str, service_id: str
) -> None:
    assert word in content.service(service_id)["kata_kunci"]
    assert ask(index, word).service == service_id
