"""`puspa contoh import` on a copy of the real content: only the new lines, and all or nothing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from puspa_build.classifier_index import training_examples
from puspa_build.content import load_content
from puspa_cli.main import main
from puspa_office.examples import editor_label, read_rows, targets

HEADER = (
    "pertanyaan\tjumlah\ttebakan_1\tpersen_1\ttebakan_2\tpersen_2\ttebakan_3\tpersen_3\tlabel\n"
)
NEW = {
    "kartu-keluarga": "kk sy dimakan kambing tetangga gmn",
    "percakapan:menu": "kirimin menu utamanya dong bos",
    "percakapan:salam": "wilujeng siang kang admin",
    "percakapan:terima_kasih": "hatur nuhun pisan kang admin",
    "percakapan:pamit": "udah ya bos nanti disambung",
    "percakapan:formulir": "langsung daptarkeun hajatan abdi",
    "percakapan:bukan_layanan": "jual kambing qurban # ekor",
    "rujukan:paspor": "paspor anak sy kesobek gmn gantinya",
}


def tsv(rows: list[tuple[str, str]]) -> str:
    """A filled-in export: the question, a count, no guesses, and the editor's label."""
    return HEADER + "".join(f"{q}\t1\t\t\t\t\t\t\t{label}\n" for q, label in rows)


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every file under `root` with its bytes."""
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def only_insertions(old: bytes, new: bytes) -> list[str]:
    """The lines `new` adds to `old`; fails when anything else changed."""
    before = old.decode("utf-8").splitlines(keepends=True)
    after = new.decode("utf-8").splitlines(keepends=True)
    inserted = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        assert tag in ("equal", "insert"), (tag, before[i1:i2], after[j1:j2])
        if tag == "insert":
            inserted += after[j1:j2]
    return inserted


def test_labelled_questions_are_appended_to_their_lists_and_nothing_else_changes(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, _ = load_content(content_dir)
    old = {label: list(target.existing) for label, target in targets(content).items()}
    already = content.service("e-ktp")["contoh_pertanyaan"][0]
    kk = content.service("kartu-keluarga")["contoh_pertanyaan"][0]
    rows = [
        *((question, label) for label, question in NEW.items()),
        ("pertanyaan tanpa label", ""),
        (f"  {already.upper()}!!  ", "e-ktp"),  # the same after normalising: skipped
        (kk, "e-ktp"),  # already an example of another service: skipped, named
        (NEW["kartu-keluarga"] + " ?", "kartu-keluarga"),  # twice in the file
    ]
    table = tmp_path / "saran.tsv"
    table.write_text(tsv(rows), encoding="utf-8")
    before = snapshot(content_dir)

    assert main(["--content", str(content_dir), "contoh", "import", str(table)]) == 0

    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Ditambahkan 8 contoh:",
        "  content/layanan/kartu-keluarga.yaml: 1",
        "  content/percakapan.yaml: 6",
        "  content/rujukan.yaml: 1",
        "Dilewati 1 baris tanpa label.",
        "Dilewati 1 baris (sudah ada): baris 11.",
        "Dilewati 1 baris (sudah menjadi contoh kartu-keluarga): baris 12.",
        "Dilewati 1 baris (sama dengan baris 2): baris 13.",
        "Berikutnya: jalankan `make check`, lalu ajukan pull request.",
    ]
    after = snapshot(content_dir)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {
        content_dir / "layanan" / "kartu-keluarga.yaml",
        content_dir / "percakapan.yaml",
        content_dir / "rujukan.yaml",
    }
    assert after.keys() == before.keys()  # nothing left aside
    inserted = {path: only_insertions(before[path], after[path]) for path in changed}
    assert inserted[content_dir / "layanan" / "kartu-keluarga.yaml"] == [
        f'  - "{NEW["kartu-keluarga"]}"\n'
    ]
    assert len(inserted[content_dir / "percakapan.yaml"]) == 6
    assert inserted[content_dir / "rujukan.yaml"] == [f'      - "{NEW["rujukan:paspor"]}"\n']

    reloaded, problems = load_content(content_dir)  # the build's loader and schemas
    assert problems == []
    now = {label: list(target.existing) for label, target in targets(reloaded).items()}
    for label in now:
        added = [NEW[label]] if label in NEW else []
        assert now[label] == old[label] + added, label  # at the end, order kept


def test_an_unknown_label_names_its_row_and_nothing_is_written(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "saran.tsv"
    table.write_text(
        tsv(
            [
                (NEW["kartu-keluarga"], "kartu-keluarga"),
                ("halo bos", "salam"),
                ("paspor ilang", "rujukan:pasport"),
                ("x" * 301, "percakapan:menu"),
            ]
        ),
        encoding="utf-8",
    )
    before = snapshot(content_dir)
    assert main(["--content", str(content_dir), "contoh", "import", str(table)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[:3] == [
        "baris 3: label 'salam' tidak dikenal (maksudnya percakapan:salam?)",
        "baris 4: label 'rujukan:pasport' tidak dikenal (maksudnya rujukan:paspor?)",
        "baris 5: pertanyaan 301 huruf; untuk percakapan:menu 2 sampai 300 huruf "
        "(pendekkan di spreadsheet)",
    ]
    assert lines[3].startswith("Label yang bisa dipakai: kode layanan (misalnya kartu-keluarga), ")
    assert "percakapan:bukan_layanan" in lines[3] and "rujukan:paspor" in lines[3]
    assert lines[-1] == "GAGAL: 3 baris tidak bisa dipakai. Tidak ada yang ditulis."
    assert snapshot(content_dir) == before


def test_a_file_without_the_label_column_is_refused(
    tmp_path: Path, content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "saran.tsv"
    table.write_text("pertanyaan\tjumlah\nkk hilang\t3\n", encoding="utf-8")
    assert main(["--content", str(content_dir), "contoh", "import", str(table)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "GAGAL: saran.tsv baris 1: baris judul harus memuat kolom pertanyaan dan label, "
        "seperti keluaran `puspa belum-dipahami`."
    ]
    assert main(["--content", str(content_dir), "contoh", "import", "tidak-ada.tsv"]) == 1
    assert capsys.readouterr().err.strip() == "GAGAL: tidak-ada.tsv tidak ditemukan."


def test_rows_are_read_as_spreadsheets_save_them(tmp_path: Path) -> None:
    utf16 = tmp_path / "unicode.txt"  # Excel's "Unicode text": UTF-16 with a BOM, CRLF
    utf16.write_bytes(("Pertanyaan\tLabel\r\nkk  hilang\t KIA \r\n\r\nlain\t\r\n").encode("utf-16"))
    rows, unlabelled = read_rows(utf16)
    assert [(r.line, r.question, r.label) for r in rows] == [(2, "kk hilang", "kia")]
    assert unlabelled == 1
    comma = tmp_path / "saran.csv"  # saved as CSV after all, with a quoted cell
    comma.write_text(
        '\ufeffpertanyaan,jumlah,label\n"kk, hilang",2,kartu-keluarga\nkk\x07rusak,1,kk\n'
    )
    rows, _ = read_rows(comma)
    assert [(r.line, r.question, r.label) for r in rows] == [
        (2, "kk, hilang", "kartu-keluarga"),
        (3, "kk rusak", "kk"),  # a control character pasted in becomes a space
    ]


def test_every_label_the_classifier_learns_has_an_editors_label(content_dir: Path) -> None:
    content, _ = load_content(content_dir)
    model_labels = {example.label for example in training_examples(content)}
    known = targets(content)
    assert {editor_label(label) for label in model_labels} == set(known)
    assert editor_label("intent:greeting") == "percakapan:salam"
    assert editor_label("none") == "percakapan:bukan_layanan"
    assert editor_label("referral:paspor") == "rujukan:paspor"
    assert editor_label("kartu-keluarga") == "kartu-keluarga"
    assert known["rujukan:paspor"].path[-1] == "contoh"
    assert yaml.safe_load(known["percakapan:salam"].file.read_text())["salam"]["contoh"]
