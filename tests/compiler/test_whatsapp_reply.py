"""A service becomes ONE WhatsApp message, exactly as a resident reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_build.compiler import check
from puspa_build.problems import ContentError

from ..conftest import edit

EXAMPLE = """\
id: contoh
nama: Surat Contoh
judul_menu: Surat contoh
ringkasan: Layanan contoh untuk pengujian
kelompok: non-paten
jenis: layanan
penyelenggara: Kantor Kecamatan Jonggol
kata_kunci: [surat contoh]
perhatian: Ini hanya contoh.
persyaratan:
  - untuk: Baru
    butir: [KTP-el., KK.]
  - butir: [Pas foto.]
prosedur: [Datang ke loket., Tunggu dipanggil.]
jangka_waktu: 1 hari kerja.
biaya:
  belum_ada: Biaya belum diketahui.
produk: Surat contoh.
pengaduan: Loket pelayanan.
dasar_hukum: [UU 25/2009 tentang Pelayanan Publik]
konfirmasi:
  jangka_waktu: Belum dipastikan.
ditinjau: "2026-11-29"
"""

EXPECTED = """\
*Surat Contoh*

⚠️ Ini hanya contoh.

*Persyaratan*
_Baru:_
1. KTP-el.
2. KK.
1. Pas foto.

*Prosedur*
1. Datang ke loket.
2. Tunggu dipanggil.

*Jangka waktu:* 1 hari kerja. _(Perlu dipastikan ke Kantor Kecamatan Jonggol)_
*Biaya:* Belum tersedia. Silakan tanyakan ke Kantor Kecamatan Jonggol.
*Hasil layanan:* Surat contoh.
*Dilayani oleh:* Kantor Kecamatan Jonggol
*Pengaduan dan pertanyaan:* Loket pelayanan.

Selengkapnya: https://puspa.example.id/layanan/contoh/
Ketik *INFO* untuk menu utama, *0* untuk kembali."""


def add_example(content_dir: Path) -> None:
    """Add the example service to a content copy and give the office a portal address."""
    (content_dir / "layanan/contoh.yaml").write_text(EXAMPLE, encoding="utf-8")
    edit(
        content_dir / "menu.yaml",
        "      - layanan: pbb\n",
        "      - layanan: pbb\n      - layanan: contoh\n",
    )
    kantor = content_dir / "kantor.yaml"
    text = kantor.read_text(encoding="utf-8")
    start = text.index("portal_url:")
    end = text.index("sumber_wilayah:")
    kantor.write_text(
        text[:start] + "portal_url: https://puspa.example.id\n" + text[end:], encoding="utf-8"
    )


def test_service_reply_is_rendered_exactly(content_dir: Path) -> None:
    add_example(content_dir)
    service = check(content_dir).index["services"]["contoh"]
    assert service["reply"] == EXPECTED
    assert service["url"] == "https://puspa.example.id/layanan/contoh/"
    assert service["keyword"] == "surat contoh"


def test_without_a_portal_address_the_link_line_is_left_out(content_dir: Path) -> None:
    reply = check(content_dir).index["services"]["kartu-keluarga"]["reply"]
    assert "Selengkapnya" not in reply
    assert reply.endswith("\n\nKetik *INFO* untuk menu utama, *0* untuk kembali.")


def test_informational_entry_renders_its_parts(content_dir: Path) -> None:
    reply = check(content_dir).index["services"]["telepon-penting"]["reply"]
    assert reply.startswith("*Nomor Telepon Penting*\n\n*Darurat*\n• *112* — nomor darurat")
    assert "_(Perlu dipastikan ke Kantor Kecamatan Jonggol)_" in reply


def test_service_without_its_own_complaints_line_uses_the_office_one(content_dir: Path) -> None:
    reply = check(content_dir).index["services"]["kartu-keluarga"]["reply"]
    assert "*Pengaduan dan pertanyaan:* Tanyakan ke petugas PUSPA lewat WhatsApp ini" in reply
    kua = check(content_dir).index["services"]["kua"]["reply"]
    assert "*Pengaduan dan pertanyaan:* Tanyakan langsung ke KUA Kecamatan Jonggol" in kua


WITH_CASES = EXAMPLE.replace(
    """  - untuk: Baru
    butir: [KTP-el., KK.]
""",
    """  - untuk: Baru
    kasus: baru
    contoh: [surat contoh baru, bikin surat contoh, surat contoh pertama, mau surat contoh,
      buat surat contoh]
    butir: [KTP-el., KK.]
  - untuk: Hilang
    kasus: hilang
    contoh: [surat contoh hilang, surat contoh ilang, surat contoh leungit,
      kehilangan surat contoh, surat contoh raib]
    butir: [Surat keterangan kehilangan.]
""",
)

EXPECTED_CASE = """\
*Surat Contoh*
_Hilang_

⚠️ Ini hanya contoh.

*Persyaratan*
_Hilang:_
1. Surat keterangan kehilangan.
1. Pas foto.

*Prosedur*
1. Datang ke loket.
2. Tunggu dipanggil.

*Jangka waktu:* 1 hari kerja. _(Perlu dipastikan ke Kantor Kecamatan Jonggol)_
*Biaya:* Belum tersedia. Silakan tanyakan ke Kantor Kecamatan Jonggol.
*Dilayani oleh:* Kantor Kecamatan Jonggol

Semua persyaratan layanan ini: balas *1* atau pilih tombol di bawah.
Selengkapnya: https://puspa.example.id/layanan/contoh/#kasus-hilang
Ketik *INFO* untuk menu utama, *0* untuk kembali."""


def test_a_case_gets_a_short_answer_with_what_every_case_shares(content_dir: Path) -> None:
    add_example(content_dir)
    (content_dir / "layanan/contoh.yaml").write_text(WITH_CASES, encoding="utf-8")
    service = check(content_dir).index["services"]["contoh"]
    assert set(service["cases"]) == {"baru", "hilang"}
    lost = service["cases"]["hilang"]
    assert lost["reply"] == EXPECTED_CASE
    assert lost["title"] == "Hilang"
    assert lost["url"] == "https://puspa.example.id/layanan/contoh/#kasus-hilang"
    assert "_Baru:_" in service["reply"] and "_Hilang:_" in service["reply"]  # the full answer


def test_a_service_without_cases_has_no_case_answers(content_dir: Path) -> None:
    add_example(content_dir)
    assert "cases" not in check(content_dir).index["services"]["contoh"]


def test_a_case_with_its_own_steps_gets_them_instead_of_the_services(content_dir: Path) -> None:
    add_example(content_dir)
    own_steps = "    prosedur: [Bawa surat kehilangan ke loket.]\n"
    text = WITH_CASES.replace(
        "    butir: [Surat keterangan kehilangan.]\n",
        "    butir: [Surat keterangan kehilangan.]\n" + own_steps,
    )
    (content_dir / "layanan/contoh.yaml").write_text(text, encoding="utf-8")
    service = check(content_dir).index["services"]["contoh"]
    lost, new = service["cases"]["hilang"]["reply"], service["cases"]["baru"]["reply"]
    assert "*Prosedur*\n1. Bawa surat kehilangan ke loket.\n\n" in lost
    assert "Tunggu dipanggil" not in lost
    assert "1. Datang ke loket.\n2. Tunggu dipanggil." in new  # a case without steps: the service's
    # The whole answer: the service's steps, then the case's own under its name, once.
    assert "2. Tunggu dipanggil.\n_Hilang:_\n1. Bawa surat kehilangan ke loket." in service["reply"]


def test_cases_with_the_same_own_steps_share_one_heading(content_dir: Path) -> None:
    add_example(content_dir)
    steps = "    prosedur: [Bawa berkas ke loket.]\n"
    text = WITH_CASES.replace("    butir: [KTP-el., KK.]\n", "    butir: [KTP-el., KK.]\n" + steps)
    text = text.replace(
        "    butir: [Surat keterangan kehilangan.]\n",
        "    butir: [Surat keterangan kehilangan.]\n" + steps,
    )
    (content_dir / "layanan/contoh.yaml").write_text(text, encoding="utf-8")
    reply = check(content_dir).index["services"]["contoh"]["reply"]
    assert reply.count("Bawa berkas ke loket.") == 1
    assert "_Baru; Hilang:_\n1. Bawa berkas ke loket." in reply


def test_own_steps_belong_to_a_case(content_dir: Path) -> None:
    add_example(content_dir)
    text = EXAMPLE.replace(
        "    butir: [KTP-el., KK.]\n", "    butir: [KTP-el., KK.]\n    prosedur: [Langkah.]\n"
    )
    assert text != EXAMPLE
    (content_dir / "layanan/contoh.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(content_dir)
    assert any("kasus" in str(problem) for problem in raised.value.problems)
