"""Issue 14's corrections to the population services, referrals and information pages.

Each test holds one corrected fact in the built answer (its source is in the content file's
`dasar_hukum` or `konfirmasi`): KK's split-in-one-address and no-marriage-book cases, the
e-KTP valid for life, KUA's time, rujuk and duplicate marriage book, the referrals for isbat
nikah, death and moving, the e-KTP pick-up time, where the information pages' confirm notes
and complaints lines sit, "Gratis (Rp0)", and the residents' Sundanese and colloquial words.
"""

from __future__ import annotations

import pytest
from puspa_bot.normalise import normalise
from puspa_bot.reply_index import ReplyIndex
from puspa_build.content import Content

from ..conftest import ask, reply
from ..conftest import labelled_line as line_of

FREE_ADMINDUK = ("kartu-keluarga", "e-ktp", "cek-ektp", "akta-kelahiran", "kia", "legalisir-kk-ktp")
CONFIRM = "_(Perlu dipastikan ke Kantor Kecamatan Jonggol)_"


def group(content: Content, service_id: str, title: str) -> list[str]:
    """The requirement items of the group whose `untuk` starts with `title`."""
    (found,) = [
        g["butir"]
        for g in content.service(service_id)["persyaratan"]
        if g.get("untuk", "").startswith(title)
    ]
    return found


# Point 4: e-KTP is valid for life, said before anything else.


@pytest.mark.parametrize("text", ["perpanjang ktp", "ktp saya sudah kadaluarsa"])
def test_renewing_a_ktp_reads_first_that_it_is_valid_for_life(index: ReplyIndex, text: str) -> None:
    outcome = ask(index, text)
    assert outcome.service == "e-ktp"
    answer = outcome.replies[0].text
    assert "berlaku seumur hidup" in answer
    assert answer.index("berlaku seumur hidup") < answer.index("*Persyaratan*")


def test_valid_for_life_cites_its_article_and_a_lost_card_still_needs_the_police(
    content: Content,
) -> None:
    service = content.service("e-ktp")
    assert any("Pasal 64 ayat 7 huruf a" in law for law in service["dasar_hukum"])
    assert group(content, "e-ktp", "KTP-el hilang") == [
        "Surat keterangan kehilangan dari kepolisian."
    ]
    assert any("Pasal 15" in law for law in service["dasar_hukum"])


# Point 3: KK's cases.


def test_kk_answer_has_the_split_in_one_address_case(index: ReplyIndex, content: Content) -> None:
    assert "_Pisah KK dalam satu alamat:_" in reply(index, "kartu-keluarga")
    items = group(content, "kartu-keluarga", "Pisah KK dalam satu alamat")
    assert items[0] == "KK lama."
    assert "17 tahun" in items[1] and "pernah menikah" in items[1]
    laws = content.service("kartu-keluarga")["dasar_hukum"]
    assert any("Permendagri 108/2019" in law and "Pasal 10 ayat 4" in law for law in laws)


def test_kk_answer_has_the_couple_without_a_marriage_book(
    index: ReplyIndex, content: Content
) -> None:
    (item,) = group(content, "kartu-keluarga", "KK baru, tetapi belum punya buku nikah")
    assert item.startswith("SPTJM kebenaran sebagai pasangan suami istri") and "F-1.05" in item
    assert "F-1.05" in reply(index, "kartu-keluarga")
    laws = content.service("kartu-keluarga")["dasar_hukum"]
    assert any("470/13287/Dukcapil" in law for law in laws)


def test_no_letter_from_rt_rw_is_a_note_for_every_kk_case(
    index: ReplyIndex, content: Content
) -> None:
    answer = reply(index, "kartu-keluarga")
    note = "tidak perlu surat pengantar RT/RW dan tidak perlu fotokopi KTP"
    assert note in answer
    assert answer.index(note) < answer.index("*Persyaratan*")
    for requirements in content.service("kartu-keluarga")["persyaratan"]:
        assert not any("pengantar RT/RW" in item for item in requirements["butir"])


# Point 10: KUA.


def test_kua_time_is_the_products_and_the_deadline_is_in_the_procedure(
    index: ReplyIndex, content: Content
) -> None:
    answer = reply(index, "kua")
    time = line_of(answer, "*Jangka waktu:*")
    assert "10 hari kerja" not in time
    assert "Buku Nikah" in time and "setelah akad" in time
    first_step = content.service("kua")["prosedur"][0]
    assert "paling lambat 10 hari kerja sebelum akad" in first_step


def test_kua_answers_rujuk_and_the_duplicate_marriage_book(
    index: ReplyIndex, content: Content
) -> None:
    answer = reply(index, "kua")
    assert "_Rujuk:_" in answer
    assert "Akta cerai." in group(content, "kua", "Rujuk")
    lost = group(content, "kua", "Duplikat buku nikah yang hilang")
    assert "Surat keterangan kehilangan dari kepolisian." in lost
    assert "Buku nikah yang rusak." in group(content, "kua", "Duplikat buku nikah yang rusak")
    assert "Duplikat buku nikah: Gratis (Rp0)." in line_of(answer, "*Biaya:*")
    assert ask(index, "rujuk").service == "kua"
    assert ask(index, "duplikat buku nikah").service == "kua"


def test_kua_says_other_religions_marry_at_disdukcapil(index: ReplyIndex) -> None:
    answer = reply(index, "kua")
    warning = next(line for line in answer.splitlines() if line.startswith("⚠️"))
    assert "beragama lain dicatatkan di Disdukcapil" in warning
    assert "Pengadilan Agama" in warning


# Point 5: referrals.


@pytest.mark.parametrize("text", ["isbat nikah", "nikah siri", "nikah siri mau dicatat resmi"])
def test_isbat_and_nikah_siri_reach_the_referral_not_kua(index: ReplyIndex, text: str) -> None:
    outcome = ask(index, text)
    assert (outcome.topic, outcome.service) == ("isbat-nikah", None)


def test_isbat_referral_names_the_court_the_kua_and_disdukcapil(index: ReplyIndex) -> None:
    answer = index.referrals["isbat-nikah"]["reply"]
    assert "isbat nikah ke Pengadilan Agama" in answer
    assert "dicatat di KUA yang ditunjuk" in answer
    assert "bukan beragama Islam dicatatkan di Disdukcapil" in answer


def test_death_and_moving_referrals_match_the_facts(index: ReplyIndex) -> None:
    death = index.referrals["akta-kematian"]["reply"]
    assert "dilaporkan ke Disdukcapil paling lambat 30 hari" in death
    assert "gratis (Rp0)" in death
    moving = index.referrals["surat-pindah"]["reply"]
    assert "Disdukcapil daerah asal" in moving
    assert ask(index, "akta kematian").topic == "akta-kematian"
    assert ask(index, "surat pindah").topic == "surat-pindah"


# Point 8 (content): the pick-up time is a time.


def test_ektp_pick_up_time_describes_a_time_not_how_to_check(
    index: ReplyIndex, content: Content
) -> None:
    assert isinstance(content.service("cek-ektp")["jangka_waktu"], str)
    time = line_of(reply(index, "cek-ektp"), "*Jangka waktu:*")
    assert "hari yang sama" in time and "belum dapat dipastikan" in time
    assert "CEK KTP" not in time and "cara" not in time.lower()


# Point 9: the information pages.


INFORMATION_PAGES = ["telepon-penting", "pbb", "data-pertanian"]


@pytest.mark.parametrize("service_id", INFORMATION_PAGES)
def test_each_confirm_note_sits_under_the_section_it_is_about(
    index: ReplyIndex, content: Content, service_id: str
) -> None:
    parts = content.service(service_id)["bagian"]
    assert any("konfirmasi" in part for part in parts)
    assert "bagian" not in content.service(service_id).get("konfirmasi", {})
    answer = reply(index, service_id)
    for part in parts:
        section = answer[answer.index(f"*{part['judul']}*") :].split("\n\n", 1)[0]
        assert section.endswith(CONFIRM) == ("konfirmasi" in part), part["judul"]
    assert answer.count(CONFIRM) == sum("konfirmasi" in part for part in parts)


def test_the_emergency_numbers_carry_no_confirm_note(index: ReplyIndex) -> None:
    answer = reply(index, "telepon-penting")
    emergency = answer[answer.index("*Darurat*") : answer.index("*Layanan lain*")]
    assert "*112*" in emergency and "*110*" in emergency
    assert "dipastikan" not in emergency


@pytest.mark.parametrize("service_id", ["pbb", "telepon-penting"])
def test_information_pages_have_a_complaints_line(index: ReplyIndex, service_id: str) -> None:
    answer = reply(index, service_id)
    complaints = answer[answer.index("*Pengaduan dan pertanyaan*") :]
    assert "SP4N-LAPOR! (lapor.go.id)" in complaints.split("\n\n")[0]


# Point 12: wording.


@pytest.mark.parametrize("service_id", FREE_ADMINDUK)
def test_free_documents_say_gratis_rp0(index: ReplyIndex, service_id: str) -> None:
    assert line_of(reply(index, service_id), "*Biaya:*").startswith("*Biaya:* Gratis (Rp0).")


def test_procedures_are_written_plainly(index: ReplyIndex) -> None:
    akta = reply(index, "akta-kelahiran")
    assert "ber-tanda" not in akta
    assert "Kutipan akta kelahiran dengan tanda tangan elektronik dicetak" in akta
    ektp = reply(index, "e-ktp")
    assert "personalisasi" not in ektp and "memeriksakan" not in ektp
    assert "Bapak/Ibu menempelkan jari sekali lagi" in ektp


# Point 13: residents' words.


@pytest.mark.parametrize(
    ("text", "service_id"),
    [
        ("kartu budak", "kia"),
        ("ngalahirkeun", "akta-kelahiran"),
        ("surat kenal lahir", "akta-kelahiran"),
        ("ngawinkeun", "kua"),
        ("pajak lemah", "pbb"),
        ("nomer darurat", "telepon-penting"),
        ("ktp leungit", "e-ktp"),
        ("kk ruksak", "kartu-keluarga"),
        ("ktp anyar", "e-ktp"),
        ("pajak imah", "pbb"),
        ("ktp atos jadi", "cek-ektp"),
        ("ktp parantos", "cek-ektp"),
    ],
)
def test_residents_words_reach_their_service(index: ReplyIndex, text: str, service_id: str) -> None:
    assert ask(index, text).service == service_id


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ktp abdi leungit", "ktp abdi hilang"),
        ("kk ruksak", "kk rusak"),
        ("ktp anyar", "ktp baru"),
        ("kartu budak", "kartu anak"),
        ("akte orok", "akte bayi"),
        ("pajak imah", "pajak rumah"),
        ("teu acan", "teu belum"),
        ("atos jadi", "sudah jadi"),
        ("ktp ilang", "ktp hilang"),
        ("nomer ambulan", "nomor ambulan"),
    ],
)
def test_new_abbreviations_normalise(index: ReplyIndex, typed: str, read: str) -> None:
    assert normalise(typed, index.abbreviations) == read


def test_parantos_is_not_an_abbreviation_while_it_would_break_a_keyword(
    index: ReplyIndex,
) -> None:
    """'ktp parantos' (cek-ektp) would read as 'ktp sudah', whose key is e-ktp's 'ktp'."""
    assert "parantos" not in index.abbreviations
