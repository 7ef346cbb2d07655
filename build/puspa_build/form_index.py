"""The izin resepsi form for the reply index: questions pre-rendered, limits and texts."""

from __future__ import annotations

from typing import Any

from .content import Content


class _KeepUnknown(dict[str, Any]):
    """Placeholders filled at run time ({kode}, {batas}) stay as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def build_form(content: Content) -> dict[str, Any]:
    """The form as the responder needs it: every text final except run-time placeholders."""
    form = content.resepsi
    values = _KeepUnknown(
        simpan_hari=form["simpan_hari_setelah_acara"],
        jarak_hari_kerja=form["jarak_minimal_hari_kerja"],
        nomor=len(form["pertanyaan"]),
    )
    desa = sorted(entry["nama"] for entry in content.kantor["desa"])
    hint = form["petunjuk"].format_map(values)
    return {
        "lead_workdays": form["jarak_minimal_hari_kerja"],
        "keep_days": form["simpan_hari_setelah_acara"],
        "consent": form["persetujuan"].format_map(values),
        "need_consent": form["perlu_setuju"].format_map(values),
        "summary_title": form["ringkasan"].format_map(values),
        "summary_hint": form["ringkasan_petunjuk"].format_map(values),
        "edit_wrong": form["ubah_salah"].format_map(values),
        "cancelled": form["dibatalkan"].format_map(values),
        "resumed": form["dilanjutkan"].format_map(values),
        "submitted": form["terkirim"].format_map(values),
        "staff_notice": form["pemberitahuan_petugas"].format_map(values),
        "status_names": form["nama_status"],
        "status": form["status"],
        "reason": form["alasan"],
        "status_unknown": form["status_tidak_ada"],
        "decision": form["kabar_keputusan"],
        "staff": form["petugas"],
        "fields": [_field(question, desa, hint, values) for question in form["pertanyaan"]],
    }


def _field(
    question: dict[str, Any], desa: list[str], hint: str, values: _KeepUnknown
) -> dict[str, Any]:
    """One question: its prompt (with its numbered choices) and how to check the answer."""
    kind = question["jenis"]
    choices = desa if kind == "desa" else question.get("pilihan", [])
    prompt = question["tanya"].format_map(values)
    if choices:
        prompt += "\n\n" + "\n".join(f"{n}. {choice}" for n, choice in enumerate(choices, 1))
    field: dict[str, Any] = {
        "key": question["kunci"],
        "label": question["label"],
        "kind": kind,
        "prompt": f"{prompt}\n\n{hint}",
        "error": question["salah"].format_map(values),
    }
    if choices:
        field["choices"] = choices
    if kind == "teks":
        field["min"], field["max"] = question["panjang_min"], question["panjang_maks"]
    if kind == "angka":
        field["min"], field["max"] = question["nilai_min"], question["nilai_maks"]
    if kind == "tanggal":
        field["too_soon"] = question["terlalu_dekat"].format_map(values)
    return field
