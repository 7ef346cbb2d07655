"""Build dist/replies.json: everything the responder needs, computed ahead of time."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from puspa_bot.contract import COMMAND_WORDS
from puspa_bot.normalise import keyword_key, normalise, stem

from .classifier_index import build_classifier
from .content import Content
from .ektp_index import build_ektp
from .form_index import build_form
from .handover_index import build_handover
from .menus import build_menus
from .survey_index import build_survey
from .texts import fill, portal_url, service_url
from .whatsapp_reply import case_url, cases, render_case_reply, render_reply

FORMAT = 1
"""Version of the reply index layout; bump it when the responder must change with it."""


def build_reply_index(content: Content) -> dict[str, Any]:
    """Build the reply index (a JSON-ready dict) from valid content."""
    pesan = content.pesan
    abbreviations = content.bahasa["singkatan"]
    index: dict[str, Any] = {
        "format": FORMAT,
        "version": "",
        "office": {
            "name": content.kantor["nama_layanan"],
            "whatsapp": content.kantor["whatsapp"],
            "portal_url": portal_url(content),
        },
        "texts": {
            "greeting": fill(pesan["salam"], content),
            "fallback": fill(pesan["fallback"], content),
            "sorry": fill(pesan["maaf"], content),
            "suggest": fill(pesan["saran"], content),
            "suggest_hint": fill(pesan["saran_petunjuk"], content),
            "also_named": fill(pesan["juga_disebut"], content),
            "also_button": pesan["juga_disebut_tombol"],
            "also_hint": fill(pesan["juga_disebut_petunjuk"], content),
            "case_button": pesan["kasus_tombol"],
            "case_all": fill(pesan["kasus_semua"], content),
            "wrong_choice": fill(pesan["pilihan_salah"], content),
            "not_text": fill(pesan["bukan_teks"], content),
            "back_hint": fill(pesan["petunjuk_kembali"], content),
            "call_recorded": fill(pesan["petugas_dicatat"], content),
            "erase_ask": fill(pesan["hapus_tanya"], content),
            "erased": fill(pesan["hapus_selesai"], content),
            "erase_cancelled": fill(pesan["hapus_batal"], content),
            "thanks": fill(content.percakapan["terima_kasih"]["balasan"], content),
            "goodbye": fill(content.percakapan["pamit"]["balasan"], content),
        },
        "referrals": {
            topic["id"]: {"title": topic["judul"], "reply": fill(topic["jawaban"], content)}
            for topic in content.rujukan["topik"]
        },
        "classifier": build_classifier(content),
        "language": {
            "abbreviations": dict(sorted(abbreviations.items())),
            "common_words": sorted(content.bahasa["kata_umum"]),
            "commands": _commands(content),
            "months": content.bahasa["bulan"],
            "date_words": [normalise(word) for word in content.bahasa["sebelum_tanggal"]],
        },
        "menus": build_menus(content),
        "form": build_form(content).to_json(),
        "ektp": build_ektp(content).to_json(),
        "survey": build_survey(content).to_json(),
        "handover": build_handover(content),
        "services": {
            service_id: {
                "title": service.data["nama"],
                "menu_title": service.data["judul_menu"],
                "keyword": service.data["kata_kunci"][0],
                "url": service_url(content, service_id),
                "reply": render_reply(content, service_id),
                **_cases(content, service_id),
            }
            for service_id, service in content.services.items()
        },
        "keywords": {},
        "stems": {},
        "words": {},
    }
    index["keywords"], index["stems"], index["words"] = _keyword_index(content)
    index["version"] = content_version(index)
    return index


def _cases(content: Content, service_id: str) -> dict[str, Any]:
    """{"cases": {case id: title, short answer, portal address}} for a service with cases."""
    found = {
        group["kasus"]: {
            "title": group["untuk"],
            "reply": render_case_reply(content, service_id, group["kasus"]),
            "url": case_url(content, service_id, group["kasus"]),
        }
        for group in cases(content.service(service_id))
    }
    return {"cases": found} if found else {}


def content_version(index: dict[str, Any]) -> str:
    """Hash everything in the index except the version itself."""
    body = {key: value for key, value in index.items() if key != "version"}
    return hashlib.sha256(dump(body)).hexdigest()[:16]


def dump(index: dict[str, Any]) -> bytes:
    """Serialise compactly and deterministically (same content, same bytes)."""
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text + "\n").encode("utf-8")


def _keyword_index(
    content: Content,
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
    """Index the keywords: exact phrase -> service, stemmed phrase and word -> services."""
    abbreviations = content.bahasa["singkatan"]
    common = frozenset(content.bahasa["kata_umum"])
    keywords: dict[str, str] = {}
    stems: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for service_id, source in content.services.items():
        for alias in source.data["kata_kunci"]:
            key = keyword_key(alias, abbreviations, common)
            keywords[key] = service_id
            stemmed = [stem(word) for word in key.split()]
            stems.setdefault(" ".join(stemmed), set()).add(service_id)
            for word in {*key.split(), *stemmed}:
                words.setdefault(word, set()).add(service_id)
    # Keep a stem only where it tells the matcher more than the exact keyword does.
    useful = {
        phrase: sorted(ids)
        for phrase, ids in sorted(stems.items())
        if ids != {keywords.get(phrase)}
    }
    return (
        dict(sorted(keywords.items())),
        useful,
        {word: sorted(ids) for word, ids in sorted(words.items())},
    )


def _commands(content: Content) -> dict[str, str]:
    """Map each normalised command word to the command it gives (contract.Command)."""
    abbreviations = content.bahasa["singkatan"]
    return {
        normalise(word, abbreviations): COMMAND_WORDS[name].value
        for name, words in sorted(content.bahasa["perintah"].items())
        for word in words
    }
