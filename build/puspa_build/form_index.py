"""The izin resepsi form for the reply index: questions pre-rendered, limits and texts."""

from __future__ import annotations

from typing import Any

from puspa_bot.contract import FormField, FormView, StaffTexts, fill

from .content import Content


def build_form(content: Content) -> FormView:
    """The form as the responder needs it: every text final except run-time placeholders."""
    form = content.resepsi
    values = {  # the rest ({kode}, {batas}...) is filled at run time
        "simpan_hari": str(form["simpan_hari_setelah_acara"]),
        "jarak_hari_kerja": str(form["jarak_minimal_hari_kerja"]),
        "nomor": str(len(form["pertanyaan"])),
    }
    desa = sorted(entry["nama"] for entry in content.kantor["desa"])
    hint = fill(form["petunjuk"], values)
    return FormView(
        lead_workdays=form["jarak_minimal_hari_kerja"],
        keep_days=form["simpan_hari_setelah_acara"],
        consent=fill(form["persetujuan"], values),
        need_consent=fill(form["perlu_setuju"], values),
        summary_title=fill(form["ringkasan"], values),
        summary_hint=fill(form["ringkasan_petunjuk"], values),
        edit_wrong=fill(form["ubah_salah"], values),
        cancelled=fill(form["dibatalkan"], values),
        resumed=fill(form["dilanjutkan"], values),
        submitted=fill(form["terkirim"], values),
        submitted_urgent=fill(form["terkirim_mendesak"], values),
        staff_notice=fill(form["pemberitahuan_petugas"], values),
        status_names=form["nama_status"],
        status=form["status"],
        reason=form["alasan"],
        status_unknown=form["status_tidak_ada"],
        decision=form["kabar_keputusan"],
        staff=StaffTexts(**form["petugas"]),
        fields=tuple(_field(question, desa, hint, values) for question in form["pertanyaan"]),
    )


def _field(
    question: dict[str, Any], desa: list[str], hint: str, values: dict[str, str]
) -> FormField:
    """One question: its prompt (with its numbered choices) and how to check the answer."""
    kind = question["jenis"]
    choices = desa if kind == "desa" else question.get("pilihan", [])
    prompt = fill(question["tanya"], values)
    if choices:
        prompt += "\n\n" + "\n".join(f"{n}. {choice}" for n, choice in enumerate(choices, 1))
    limits: dict[str, Any] = {}
    if kind == "teks":
        limits = {"min": question["panjang_min"], "max": question["panjang_maks"]}
    if kind == "angka":
        limits = {"min": question["nilai_min"], "max": question["nilai_maks"]}
    if kind == "tanggal":
        limits = {
            "too_soon": fill(question["terlalu_dekat"], values),
            "past": fill(question["sudah_lewat"], values),
        }
    return FormField(
        key=question["kunci"],
        label=question["label"],
        kind=kind,
        prompt=f"{prompt}\n\n{hint}",
        error=fill(question["salah"], values),
        choices=tuple(choices),
        **limits,
    )
