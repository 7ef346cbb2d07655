"""`puspa contoh import`: labelled questions from a spreadsheet become example messages in content.

The editors' labels name where an example goes, as content names it:

    kartu-keluarga              a service (content/layanan/<id>.yaml, contoh_pertanyaan)
    e-ktp#hilang                one case of a service (that requirement group's `contoh`)
    percakapan:menu             an intent of percakapan.yaml (menu, salam, terima_kasih, pamit,
                                formulir), its `contoh` list
    percakapan:bukan_layanan    the negatives (looks like a service, is not)
    rujukan:paspor              a referral topic of rujukan.yaml, its `contoh` list

Everything is checked before anything is written: an unknown label or an unusable question is
an error naming its row, and then no file changes. Lines are inserted into the YAML text
(yaml_lists), each changed file is checked against its schema aside, and only then are the
files swapped in.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from puspa_bot.classifier import CASE
from puspa_bot.normalise import normalise
from puspa_build.classifier_index import INTENTS, NONE
from puspa_build.content import SERVICE_DIR, Content, load_content
from puspa_build.errors import PuspaError
from puspa_build.problems import ContentError, errors
from puspa_build.schema_check import check_against_schema, load_schema
from puspa_build.yaml_source import read_yaml

from .yaml_lists import append_items

TALK = "percakapan"
REFERRALS = "rujukan"
NEGATIVES = "bukan_layanan"
QUESTION_COLUMN = "pertanyaan"
LABEL_COLUMN = "label"
_INTENT_KEYS = {intent: key for key, intent in INTENTS.items()}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters, which a YAML file may not hold: a pasted cell's become spaces."""


def editor_label(model_label: str) -> str:
    """The label an editor types for one of the classifier's labels ('intent:greeting' ->
    'percakapan:salam', 'referral:sim' -> 'rujukan:sim', 'none' -> 'percakapan:bukan_layanan';
    a service id stays itself)."""
    if model_label == NONE:
        return f"{TALK}:{NEGATIVES}"
    kind, _, name = model_label.partition(":")
    if kind == "intent" and name in _INTENT_KEYS:
        return f"{TALK}:{_INTENT_KEYS[name]}"
    if kind == "referral":
        return f"{REFERRALS}:{name}"
    return model_label


@dataclass(frozen=True)
class Target:
    """One list of examples in one content file."""

    label: str
    file: Path
    path: tuple[str | int, ...]
    """Where the list is in the file (keys and list positions)."""
    schema: str
    existing: tuple[str, ...]
    shortest: int
    longest: int
    """The lengths an example may have (from the schema)."""


def targets(content: Content) -> dict[str, Target]:
    """Every label an editor may use, and the list it adds to."""
    root = content.root
    found: dict[str, Target] = {}
    schema = load_schema("layanan.schema.json")
    layanan = _item_limits(schema["properties"]["contoh_pertanyaan"])
    case_limits = _item_limits(schema["$defs"]["kelompok_syarat"]["properties"]["contoh"])
    files = {path.stem: path for path in (root / SERVICE_DIR).glob("*.y*ml")}
    for service_id in sorted(content.services):
        texts = tuple(content.service(service_id).get("contoh_pertanyaan", ()))
        found[service_id] = Target(
            service_id,
            files[service_id],
            ("contoh_pertanyaan",),
            "layanan.schema.json",
            texts,
            *layanan,
        )
        groups = content.service(service_id).get("persyaratan")
        for position, group in enumerate(groups if isinstance(groups, list) else []):
            if "kasus" not in group:
                continue
            label = f"{service_id}{CASE}{group['kasus']}"
            found[label] = Target(
                label,
                files[service_id],
                ("persyaratan", position, "contoh"),
                "layanan.schema.json",
                tuple(group["contoh"]),
                *case_limits,
            )
    talk_schema = load_schema("percakapan.schema.json")["properties"]
    for key in (*INTENTS, NEGATIVES):
        label = f"{TALK}:{key}"
        limits = _item_limits(talk_schema[key]["properties"]["contoh"])
        texts = tuple(content.percakapan[key]["contoh"])
        found[label] = Target(
            label,
            root / f"{TALK}.yaml",
            (key, "contoh"),
            "percakapan.schema.json",
            texts,
            *limits,
        )
    topic_schema = load_schema("rujukan.schema.json")["properties"]["topik"]["items"]
    limits = _item_limits(topic_schema["properties"]["contoh"])
    for position, topic in enumerate(content.rujukan["topik"]):
        label = f"{REFERRALS}:{topic['id']}"
        found[label] = Target(
            label,
            root / f"{REFERRALS}.yaml",
            ("topik", position, "contoh"),
            "rujukan.schema.json",
            tuple(topic["contoh"]),
            *limits,
        )
    return found


@dataclass(frozen=True)
class Row:
    """A row of the spreadsheet with a question (its line counts the header as 1)."""

    line: int
    question: str
    label: str


@dataclass(frozen=True)
class Skipped:
    """A row that adds nothing, and why (in Indonesian)."""

    line: int
    reason: str


@dataclass
class Imported:
    """What an import did: examples added per file, rows skipped."""

    added: dict[Path, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    unlabelled: int = 0


class TableError(PuspaError):
    """The file as a whole cannot be read (nothing was written)."""


class RowsError(PuspaError):
    """Rows that cannot be used: nothing was written."""

    def __init__(self, problems: list[str], hint: str) -> None:
        """Keep every row's problem so that all are reported at once."""
        self.problems = problems
        self.hint = hint
        count = len(problems)
        super().__init__(f"{count} baris tidak bisa dipakai. Tidak ada yang ditulis.")

    def details(self) -> list[str]:
        """Each row's problem, what labels exist, and a blank line before the summary."""
        return [*self.problems, self.hint, ""]


def import_examples(content_root: Path, table: Path) -> Imported:
    """Add the labelled questions of `table` (TSV from `puspa belum-dipahami`) to content."""
    rows, unlabelled = read_rows(table)
    content, problems = load_content(content_root)
    if errors(problems):
        raise ContentError(sorted(errors(problems)))
    known = targets(content)
    abbreviations = content.bahasa["singkatan"]
    _refuse_bad_rows(rows, known)
    adding: dict[str, list[str]] = {}
    imported = Imported(unlabelled=unlabelled)
    seen = _examples_by_text(known, abbreviations)
    taken: dict[str, int] = {}
    for row in rows:
        key = normalise(row.question, abbreviations)
        if not key:
            imported.skipped.append(Skipped(row.line, "tanpa kata yang bisa dipelajari"))
        elif key in taken:
            imported.skipped.append(Skipped(row.line, f"sama dengan baris {taken[key]}"))
        elif key in seen:
            where = seen[key]
            reason = "sudah ada" if where == row.label else f"sudah menjadi contoh {where}"
            imported.skipped.append(Skipped(row.line, reason))
        else:
            taken[key] = row.line
            adding.setdefault(row.label, []).append(row.question)
    if adding:
        _write_all({label: known[label] for label in adding}, adding)
    for label, texts in adding.items():
        file = known[label].file
        imported.added[file] = imported.added.get(file, 0) + len(texts)
    return imported


def read_rows(table: Path) -> tuple[list[Row], int]:
    """The labelled rows of a spreadsheet saved as TSV (or CSV), and how many had no label."""
    text = _decode(table.read_bytes())
    first = text.lstrip().split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else (";" if first.count(";") > first.count(",") else ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines = ((reader.line_num, cells) for cells in reader if any(c.strip() for c in cells))
    line, header = next(lines, (0, []))
    if not header:
        raise TableError(f"{table.name} kosong.")
    names = [re.sub(r"\W+", "_", cell.strip().lower()).strip("_") for cell in header]
    if QUESTION_COLUMN not in names or LABEL_COLUMN not in names:
        raise TableError(
            f"{table.name} baris {line}: baris judul harus memuat kolom {QUESTION_COLUMN} dan "
            f"{LABEL_COLUMN}, seperti keluaran `puspa belum-dipahami`."
        )
    ask, tag = names.index(QUESTION_COLUMN), names.index(LABEL_COLUMN)
    rows: list[Row] = []
    unlabelled = 0
    for line, cells in lines:
        cells = cells + [""] * (len(names) - len(cells))
        label = cells[tag].strip().lower()
        if label:
            rows.append(Row(line, " ".join(_CONTROL.sub(" ", cells[ask]).split()), label))
        else:
            unlabelled += 1
    return rows, unlabelled


def _refuse_bad_rows(rows: list[Row], known: dict[str, Target]) -> None:
    """RowsError naming every row with an unknown label or an unusable question."""
    problems = []
    for row in rows:
        target = known.get(row.label)
        if target is None:
            guess = _close(row.label, known)
            also = f" (maksudnya {guess}?)" if guess else ""
            problems.append(f"baris {row.line}: label {row.label!r} tidak dikenal{also}")
        elif not row.question:
            problems.append(f"baris {row.line}: kolom {QUESTION_COLUMN} kosong")
        elif not target.shortest <= len(row.question) <= target.longest:
            problems.append(
                f"baris {row.line}: pertanyaan {len(row.question)} huruf; untuk {row.label} "
                f"{target.shortest} sampai {target.longest} huruf (pendekkan di spreadsheet)"
            )
    if problems:
        topics = sorted(label for label in known if label.startswith(f"{REFERRALS}:"))
        hint = (
            "Label yang bisa dipakai: kode layanan (misalnya kartu-keluarga), "
            + ", ".join(f"{TALK}:{key}" for key in (*INTENTS, NEGATIVES))
            + (f", {', '.join(topics)}." if topics else ".")
        )
        raise RowsError(problems, hint)


def _close(label: str, known: dict[str, Target]) -> str:
    """The known label an editor probably meant ('' when none is close)."""
    ending = [name for name in known if name.endswith(f":{label}")]
    if ending:
        return ending[0]
    found = difflib.get_close_matches(label, list(known), n=1, cutoff=0.75)
    return found[0] if found else ""


def _examples_by_text(known: dict[str, Target], abbreviations: dict[str, str]) -> dict[str, str]:
    """Every example already in content, normalised as the bot reads it, with its label."""
    seen: dict[str, str] = {}
    for target in known.values():
        for text in target.existing:
            seen.setdefault(normalise(text, abbreviations), target.label)
    return seen


def _write_all(chosen: dict[str, Target], adding: dict[str, list[str]]) -> None:
    """Insert every file's new lines, check each changed file against its schema aside, and
    only when all pass replace the files (nothing is written otherwise)."""
    texts: dict[Path, str] = {}
    schemas: dict[Path, str] = {}
    for label, target in chosen.items():
        text = texts.get(target.file) or target.file.read_text(encoding="utf-8")
        name = _name(target.file)
        texts[target.file] = append_items(text, target.path, adding[label], name)
        schemas[target.file] = target.schema
    aside = {file: file.with_name(f".{file.name}.{os.getpid()}.baru") for file in texts}
    try:
        problems = []
        for file, partial in aside.items():
            partial.write_bytes(texts[file].encode("utf-8"))
            source, found = read_yaml(partial, _name(file))
            problems += found
            if source is not None:
                problems += check_against_schema(source, schemas[file])
        if errors(problems):
            raise ContentError(sorted(errors(problems)))
        for file, partial in aside.items():
            partial.replace(file)
    finally:
        for partial in aside.values():
            partial.unlink(missing_ok=True)


def _name(file: Path) -> str:
    """A content file as messages name it: from the working directory when inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def _decode(data: bytes) -> str:
    """A spreadsheet's text: UTF-16 when it says so (Excel's 'Unicode text'), else UTF-8 (with or
    without a BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _item_limits(schema: dict[str, Any]) -> tuple[int, int]:
    """The shortest and longest an item of a schema's list may be."""
    items = schema["items"]
    return items.get("minLength", 1), items.get("maxLength", 10_000)
