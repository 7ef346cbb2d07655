"""Checks across files (links, menus, keyword collisions) and the list of what is still missing."""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from puspa_bot.contract import OFFICE_HOURS, PLACEHOLDERS_BY_FILE
from puspa_bot.normalise import keyword_key, normalise

from .content import Content
from .glossary import Term, glossary, occurrences
from .problems import Problem, Severity
from .yaml_source import Source, dotted

OFFICE_HOURS_PATH = ("waktu_layanan", "ada")
"""The one pesan.yaml text that may use {jam_layanan} (it is used only when the hours are set)."""
REVIEW_EVERY = timedelta(days=365)
"""Content not reviewed for this long is reported, so that stale requirements get a look."""


def cross_checks(content: Content, today: date | None = None) -> list[Problem]:
    """Run every check beyond a single file's schema; return all problems found."""
    return [
        *_check_review_dates(content, today or date.today()),
        *_check_related(content),
        *_check_menus(content),
        *_check_keywords(content),
        *_check_examples(content),
        *_check_cases(content),
        *_check_spellings(content),
        *_check_confirmations(content),
        *_check_placeholders(content),
        *_check_form(content),
        *_check_statistics(content),
    ]


def missing_content(content: Content) -> list[Problem]:
    """List, as warnings, what only the office can supply and what it still has to confirm."""
    found: list[Problem] = []
    sources = [
        content.settings.get(name) for name in ("kantor", "resepsi", "ektp", "petugas", "laporan")
    ]
    for source in [*sources, *content.services.values()]:
        if source is None:
            continue
        for key, value in source.data.items():
            if isinstance(value, dict) and set(value) == {"belum_ada"}:
                found.append(
                    _warn(source, (key,), "belum ada", f"perlu diisi kantor: {value['belum_ada']}")
                )
        for key, note in source.data.get("konfirmasi", {}).items():
            found.append(_warn(source, ("konfirmasi", key), "perlu dipastikan kantor", note))
        for number, part in enumerate(source.data.get("bagian", [])):
            if "konfirmasi" in part:
                where = ("bagian", number, "konfirmasi")
                found.append(_warn(source, where, "perlu dipastikan kantor", part["konfirmasi"]))
    return found


def _check_review_dates(content: Content, today: date) -> Iterator[Problem]:
    """`ditinjau` is a real date, not in the future; a year-old review is reported."""
    for source in content.services.values():
        where = ("ditinjau",)
        try:
            reviewed = date.fromisoformat(source.data["ditinjau"])
        except ValueError:
            yield _error(source, where, "tanggal tidak ada di kalender", "periksa bulan dan hari")
            continue
        if reviewed > today:
            yield _error(source, where, "tanggal di masa depan", "isi tanggal pemeriksaan terakhir")
        elif today - reviewed > REVIEW_EVERY:
            what = "isi sudah lebih dari setahun tidak diperiksa"
            fix = "periksa kembali isinya, lalu perbarui tanggal ini"
            yield _warn(source, where, what, fix)


def _check_related(content: Content) -> Iterator[Problem]:
    """Every related service named must exist and must not be the service itself."""
    for service_id, source in content.services.items():
        for index, other in enumerate(source.data.get("terkait", [])):
            where = ("terkait", index)
            if other == service_id:
                yield _error(source, where, "menunjuk dirinya sendiri", "hapus butir ini")
            elif other not in content.known_ids:
                yield _error(source, where, f"layanan {other!r} tidak ada", _known(content))


def _check_menus(content: Content) -> Iterator[Problem]:
    """Menus name only known services and menus, and every service can be reached from 'utama'."""
    menu_source = content.settings.get("menu")
    if menu_source is None:
        return
    menus = content.menu
    for name, menu in menus.items():
        for index, choice in enumerate(menu["pilihan"]):
            where = ("menu", name, "pilihan", index)
            if "layanan" in choice and choice["layanan"] not in content.known_ids:
                yield _error(menu_source, where, "layanan tidak ada", _known(content))
            if "menu" in choice and choice["menu"] not in menus:
                yield _error(
                    menu_source, where, "submenu tidak ada", "yang ada: " + ", ".join(menus)
                )
    reached_services, reached_menus = content.walk_menus()
    for service_id, source in content.services.items():
        if service_id not in reached_services:
            what = "tidak muncul di menu WhatsApp"
            fix = f"tambahkan `- layanan: {service_id}` ke salah satu menu di content/menu.yaml"
            yield _error(source, ("id",), what, fix)
    for name in menus:
        if name not in reached_menus:
            yield _error(
                menu_source, ("menu", name), "tidak bisa dibuka dari menu utama", "tautkan"
            )


def _check_keywords(content: Content) -> Iterator[Problem]:
    """A keyword belongs to one service only, and must say more than common words."""
    if "bahasa" not in content.settings:
        return
    abbreviations = content.bahasa["singkatan"]
    common = frozenset(content.bahasa["kata_umum"])
    commands = {
        normalise(word, abbreviations)
        for words in content.bahasa["perintah"].values()
        for word in words
    }
    owner: dict[str, tuple[str, Source, int]] = {}
    for service_id, source in content.services.items():
        for index, alias in enumerate(source.data["kata_kunci"]):
            where = ("kata_kunci", index)
            key = keyword_key(alias, abbreviations, common)
            if not key:
                what = f"{alias!r} hanya berisi kata umum"
                yield _error(source, where, what, "tambahkan kata yang menunjuk layanan ini")
                continue
            if key in commands:
                what = f"{alias!r} sama dengan kata perintah"
                yield _error(source, where, what, "pakai kata lain; perintah ada di bahasa.yaml")
                continue
            if key in owner and owner[key][0] != service_id:
                other_id, other, other_index = owner[key]
                other_at = f"{other.name}:{other.line(('kata_kunci', other_index))}"
                what = f"{alias!r} juga dipakai {other_id} ({other_at})"
                yield _error(source, where, what, "satu kata kunci hanya untuk satu layanan")
            owner.setdefault(key, (service_id, source, index))


def _check_confirmations(content: Content) -> Iterator[Problem]:
    """A 'konfirmasi' note must name a part the service has and has filled in."""
    for source in content.services.values():
        for key in source.data.get("konfirmasi", {}):
            value = source.data.get(key)
            if value is None:
                yield _error(source, ("konfirmasi", key), "bagian ini tidak ada", "hapus catatan")
            elif isinstance(value, dict):
                fix = "hapus catatan konfirmasi: isinya sudah ditandai belum_ada"
                yield _error(source, ("konfirmasi", key), "bagian ini belum diisi", fix)


def _check_placeholders(content: Content) -> Iterator[Problem]:
    """Texts use only the {names} the build or the responder can fill in."""
    for name, allowed in PLACEHOLDERS_BY_FILE.items():
        source = content.settings.get(name)
        if source is None:
            continue
        for path, text in _texts(source.data, ()):
            try:
                names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
            except ValueError:
                yield _error(source, path, "tanda { } tidak berpasangan", "tutup setiap { dengan }")
                continue
            known = allowed | ({OFFICE_HOURS} if path == OFFICE_HOURS_PATH else set())
            for unknown in sorted(names - known):
                fix = "yang dikenal: " + ", ".join(f"{{{p}}}" for p in sorted(known))
                yield _error(source, path, f"tanda {{{unknown}}} tidak dikenal", fix)


def _check_form(content: Content) -> Iterator[Problem]:
    """The sign-up form: keys used once, one event date, at most one NIK and one desa."""
    source = content.settings.get("resepsi")
    if source is None:
        return
    fields = source.data["pertanyaan"]
    seen: set[str] = set()
    for number, field in enumerate(fields):
        if field["kunci"] in seen:
            yield _error(source, ("pertanyaan", number, "kunci"), "kunci dipakai dua kali", "ganti")
        seen.add(field["kunci"])
    for kind, needed in (("tanggal", (1, 1)), ("nik", (0, 1)), ("desa", (0, 1))):
        count = sum(field["jenis"] == kind for field in fields)
        if not needed[0] <= count <= needed[1]:
            what = f"ada {count} pertanyaan jenis {kind}"
            fix = "harus tepat satu" if needed[0] else "paling banyak satu"
            yield _error(source, ("pertanyaan",), what, fix)


_RESIDENTS_WORDS = ("kata_kunci", "contoh_pertanyaan", "contoh")
"""Where content writes residents' own words, misspellings included: not checked for spelling."""


def _check_spellings(content: Content) -> Iterator[Problem]:
    """A service writes a glossary term one way: `istilah`, never one of its `ejaan_lain`."""
    if "istilah" not in content.settings:  # unreadable: its own problem is reported
        return
    others = [
        Term(term.name, term.spellings[1:], term.meaning, term.short, term.basis)
        for term in glossary(content)
        if len(term.spellings) > 1
    ]
    for source in content.services.values():
        for path, text in _texts(source.data, ()):
            if any(key in _RESIDENTS_WORDS for key in path if isinstance(key, str)):
                continue
            for found in occurrences(others, text):
                what = f"ejaan lain {text[found.start : found.end]!r}"
                yield _error(source, path, what, f"tulis {found.term.name} (content/istilah.yaml)")


def _check_statistics(content: Content) -> Iterator[Problem]:
    """Published figures name services that exist."""
    for source in content.statistics.values():
        for number, entry in enumerate(source.data["layanan_teratas"]):
            if entry["layanan"] not in content.known_ids:
                where = ("layanan_teratas", number, "layanan")
                yield _error(
                    source, where, f"layanan {entry['layanan']!r} tidak ada", _known(content)
                )


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield every text inside a nested value with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _check_examples(content: Content) -> Iterator[Problem]:
    """An example message has words to learn from, and stands for one answer only."""
    if "bahasa" not in content.settings:
        return
    abbreviations = content.bahasa["singkatan"]
    owner: dict[str, tuple[str, str]] = {}
    for label, source, path, text in _examples(content):
        key = normalise(text, abbreviations)
        if not key:
            what = f"{text!r} tidak berisi kata (hanya emoji atau tanda baca)"
            yield _error(source, path, what, "tulis dengan kata, atau hapus contoh ini")
        elif key in owner and owner[key][0] != label:
            other_label, other_at = owner[key]
            what = f"{text!r} juga contoh untuk {other_label} ({other_at})"
            yield _error(source, path, what, "satu contoh hanya untuk satu jawaban")
        else:
            owner.setdefault(key, (label, f"{source.name}:{source.line(path)}"))


def _check_cases(content: Content) -> Iterator[Problem]:
    """A case's code names one case of its service only."""
    for source in content.services.values():
        groups = source.data.get("persyaratan")
        seen: set[str] = set()
        for number, group in enumerate(groups if isinstance(groups, list) else []):
            if "kasus" not in group:
                continue
            if group["kasus"] in seen:
                what = f"kode kasus {group['kasus']!r} dipakai dua kali"
                yield _error(source, ("persyaratan", number, "kasus"), what, "pakai kode lain")
            seen.add(group["kasus"])


def _examples(content: Content) -> Iterator[tuple[str, Source, tuple[Any, ...], str]]:
    """Every example message in content: (what it stands for, file, path, text)."""
    for service_id, source in content.services.items():
        for index, text in enumerate(source.data.get("contoh_pertanyaan", [])):
            yield service_id, source, ("contoh_pertanyaan", index), text
        groups = source.data.get("persyaratan")
        for number, group in enumerate(groups if isinstance(groups, list) else []):
            for index, text in enumerate(group.get("contoh", [])):
                where = ("persyaratan", number, "contoh", index)
                yield f"{service_id} ({group.get('kasus')})", source, where, text
    talk = content.settings.get("percakapan")
    if talk is not None:
        for key, value in talk.data.items():
            for index, text in enumerate(value["contoh"]):
                yield key, talk, (key, "contoh", index), text
    referrals = content.settings.get("rujukan")
    if referrals is not None:
        for number, topic in enumerate(referrals.data["topik"]):
            for index, text in enumerate(topic["contoh"]):
                yield f"rujukan {topic['id']}", referrals, ("topik", number, "contoh", index), text


def _known(content: Content) -> str:
    """Hint listing the service ids that exist."""
    return "kode yang ada: " + ", ".join(sorted(content.known_ids))


def _error(source: Source, path: tuple[Any, ...], what: str, fix: str) -> Problem:
    """An error located at `path` in `source`."""
    return Problem(source.name, source.line(path), dotted(path), what, fix)


def _warn(source: Source, path: tuple[Any, ...], what: str, fix: str) -> Problem:
    """A warning located at `path` in `source`."""
    return Problem(source.name, source.line(path), dotted(path), what, fix, Severity.WARNING)
