"""Checks across files: keyword collisions, links, menus, placeholders."""

from __future__ import annotations

from pathlib import Path

from puspa_build.compiler import check

from ..conftest import edit, line_of
from .test_schema_check import only, problems_of


def test_keyword_claimed_by_two_services_names_both_places(content_dir: Path) -> None:
    kk = content_dir / "layanan/kartu-keluarga.yaml"
    line = edit(kk, "  - kk kumaha\n", "  - kk kumaha\n  - Akte Lahir!\n") + 1
    other_line = line_of(content_dir / "layanan/akta-kelahiran.yaml", "  - akte lahir")
    problem = only(problems_of(content_dir), "kata_kunci.15")
    assert problem.file == "content/layanan/kartu-keluarga.yaml"
    assert problem.line == line
    assert problem.what == (
        f"'Akte Lahir!' juga dipakai akta-kelahiran "
        f"(content/layanan/akta-kelahiran.yaml:{other_line})"
    )


def test_keyword_of_only_common_words_is_refused(content_dir: Path) -> None:
    line = edit(content_dir / "layanan/kia.yaml", "  - kia anak\n", "  - gmn cara\n")
    problem = only(problems_of(content_dir), "kata_kunci.5")
    assert problem.line == line
    assert "hanya berisi kata umum" in problem.what


def test_link_to_unknown_service_is_an_error(content_dir: Path) -> None:
    line = edit(content_dir / "layanan/kia.yaml", "  - akta-kelahiran\n", "  - akta-lahir\n")
    problem = only(problems_of(content_dir), "terkait.1")
    assert problem.line == line
    assert problem.what == "layanan 'akta-lahir' tidak ada"


def test_menu_entry_for_unknown_service_is_an_error(content_dir: Path) -> None:
    line = edit(content_dir / "menu.yaml", "      - layanan: kia\n", "      - layanan: kiaa\n")
    problems = problems_of(content_dir)
    assert only(problems, "menu.kependudukan.pilihan.4").line == line
    # ... and the service it replaced is now missing from every menu.
    assert only(problems, "id").file == "content/layanan/kia.yaml"


def test_id_must_match_the_file_name(content_dir: Path) -> None:
    line = edit(content_dir / "layanan/kia.yaml", "id: kia", "id: kartu-anak")
    problem = only(problems_of(content_dir), "id")
    assert problem.line == line
    assert "berbeda dengan nama berkas" in problem.what


def test_unknown_placeholder_in_a_message_is_an_error(content_dir: Path) -> None:
    line = edit(content_dir / "pesan.yaml", 'saran: "', 'saran: "{nama_camat} ')
    problem = only(problems_of(content_dir), "saran")
    assert problem.line == line
    assert problem.what == "tanda {nama_camat} tidak dikenal"


def test_unknown_placeholder_in_the_report_texts_is_an_error(content_dir: Path) -> None:
    line = edit(content_dir / "laporan.yaml", "{responden} responden.", "{pemberi} responden.")
    problem = only(problems_of(content_dir), "teks.ikm_hasil")
    assert problem.line == line
    assert problem.what == "tanda {pemberi} tidak dikenal"


def test_confirmation_note_for_an_unfilled_part_is_an_error(content_dir: Path) -> None:
    path = content_dir / "layanan/kia.yaml"
    line = (
        edit(path, "konfirmasi:\n", "konfirmasi:\n  jangka_waktu: Lama proses belum pasti.\n") + 1
    )
    problem = only(problems_of(content_dir), "konfirmasi.jangka_waktu")
    assert problem.line == line


def test_review_date_must_exist_and_not_be_in_the_future(content_dir: Path) -> None:
    kia = content_dir / "layanan/kia.yaml"
    line = edit(kia, 'ditinjau: "2026-11-29"', 'ditinjau: "2026-02-30"')
    assert only(problems_of(content_dir), "ditinjau").line == line
    edit(kia, 'ditinjau: "2026-02-30"', 'ditinjau: "2999-01-01"')
    assert only(problems_of(content_dir), "ditinjau").what == "tanggal di masa depan"


def test_content_not_reviewed_for_a_year_is_a_warning(content_dir: Path) -> None:
    edit(content_dir / "layanan/kia.yaml", 'ditinjau: "2026-11-29"', 'ditinjau: "2020-01-31"')
    stale = [w for w in check(content_dir).warnings if w.field == "ditinjau"]
    assert [w.file for w in stale] == ["content/layanan/kia.yaml"]


def test_same_id_in_two_files_is_an_error(content_dir: Path) -> None:
    kia = content_dir / "layanan/kia.yaml"
    (content_dir / "layanan/kia.yml").write_text(kia.read_text(encoding="utf-8"))
    problem = only(problems_of(content_dir), "id")
    assert problem.file == "content/layanan/kia.yml"
    assert problem.what == "kode sudah dipakai content/layanan/kia.yaml"


def test_list_button_longer_than_whatsapp_allows_is_located(content_dir: Path) -> None:
    line = edit(
        content_dir / "pesan.yaml",
        "tombol_menu: Lihat pilihan",
        "tombol_menu: Lihat semua pilihan layanan",
    )
    problem = only(problems_of(content_dir), "tombol_menu")
    assert (problem.file, problem.line) == ("content/pesan.yaml", line)
    assert problem.what == "terlalu panjang (27 karakter, paling banyak 20)"


def test_keyword_equal_to_a_command_word_is_refused(content_dir: Path) -> None:
    line = edit(content_dir / "layanan/kia.yaml", "  - kia anak\n", "  - Menu Utama\n")
    problem = only(problems_of(content_dir), "kata_kunci.5")
    assert problem.line == line
    assert problem.what == "'Menu Utama' sama dengan kata perintah"


def test_example_without_words_is_an_error(content_dir: Path) -> None:
    talk = content_dir / "percakapan.yaml"
    line = edit(talk, '    - "bantuan"\n', '    - "bantuan"\n    - "🙏🙏 ..."\n') + 1
    problem = only(problems_of(content_dir), "menu.contoh.3")
    assert (problem.file, problem.line) == ("content/percakapan.yaml", line)
    assert "tidak berisi kata" in problem.what


def test_example_standing_for_two_answers_names_both_places(content_dir: Path) -> None:
    kk = content_dir / "layanan/kartu-keluarga.yaml"
    first = line_of(kk, '  - "misah kk"')
    line = (
        edit(
            content_dir / "percakapan.yaml",
            '    - "bantuan"\n',
            '    - "bantuan"\n    - "Misah KK!"\n',
        )
        + 1
    )
    problem = only(problems_of(content_dir), "menu.contoh.3")
    assert problem.line == line
    where = f"content/layanan/kartu-keluarga.yaml:{first}"
    assert problem.what == f"'Misah KK!' juga contoh untuk kartu-keluarga ({where})"


def test_a_service_writes_a_glossary_term_one_way(content_dir: Path) -> None:
    pbb = content_dir / "layanan/pbb.yaml"
    line = edit(pbb, "dikelola\n      oleh Bappenda", "dikelola\n      oleh Bapenda")
    problem = only(problems_of(content_dir), "bagian.1.teks")  # numbered from 1, as editors count
    assert (problem.file, problem.what) == ("content/layanan/pbb.yaml", "ejaan lain 'Bapenda'")
    assert "tulis Bappenda" in problem.fix
    assert problem.line == line - 1  # the "teks: >-" line the text starts on


def test_residents_own_words_may_spell_a_term_another_way(content_dir: Path) -> None:
    edit(
        content_dir / "layanan/pbb.yaml",
        "contoh_pertanyaan:\n",
        'contoh_pertanyaan:\n  - "pbb di bapenda atau Bapenda ya"\n',
    )
    assert check(content_dir).index
