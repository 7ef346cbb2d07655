"""The e-KTP readiness lookup for the reply index: limits and final texts."""

from __future__ import annotations

from puspa_bot.contract import EktpView

from .content import Content
from .texts import fill


def build_ektp(content: Content) -> EktpView:
    """The lookup as the responder needs it; {nik}, {tanggal}, {tempat}, {jumlah} stay for
    run time. Each NIK correction ends with the line asking to check and send again."""
    ektp = content.ektp
    limits = {"batas": str(ektp["batas_cek"]), "menit": str(ektp["jendela_menit"])}
    bring = "\n".join(f"• {item}" for item in ektp["bawa"])
    return EktpView(
        service=ektp["layanan"],
        limit=ektp["batas_cek"],
        window_minutes=ektp["jendela_menit"],
        default_place=ektp["tempat_ambil"],
        invite=fill(ektp["ajakan"], content),
        ready=fill(ektp["siap"], content, bawa=bring),
        collected=fill(ektp["sudah_diambil"], content),
        not_found=fill(ektp["belum_ada"], content),
        updated_on=ektp["diperbarui_pada"],
        no_list=fill(ektp["belum_ada_daftar"], content),
        wrong_nik={
            reason: fill(f"{text}\n{ektp['nik_kirim_ulang']}", content)
            for reason, text in ektp["nik_salah"].items()
        },
        too_many=fill(ektp["terlalu_sering"], content, **limits),
        unavailable=fill(ektp["belum_tersedia"], content),
    )
