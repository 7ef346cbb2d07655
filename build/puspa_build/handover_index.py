"""The handover to staff in the reply index: content/petugas.yaml's limits and texts."""

from __future__ import annotations

from typing import Any

from .content import Content
from .texts import fill

TEXTS = {
    "opened": "dibuka",
    "still_open": "masih_terbuka",
    "cancelled": "dibatalkan",
    "from_staff": "dari_petugas",
    "done": "selesai",
    "expired": "kedaluwarsa",
    "staff_request": "petugas_permintaan",
    "staff_from_resident": "petugas_pesan_warga",
    "staff_you_took": "petugas_anda_ambil",
    "staff_taken": "petugas_diambil",
    "staff_held": "petugas_sudah_dipegang",
    "staff_unknown": "petugas_tidak_ada",
    "staff_released": "petugas_dilepas",
    "staff_closed": "petugas_ditutup",
    "staff_cancelled": "petugas_dibatalkan",
    "staff_expired": "petugas_kedaluwarsa",
    "staff_not_sent": "petugas_tak_terkirim",
    "staff_by_template": "petugas_lewat_templat",
    "staff_usage": "petugas_cara",
    "staff_name": "nama_petugas",
    "no_history": "riwayat_kosong",
    "offer": "tawaran",
    "offer_button": "tombol_tawaran",
}
"""Reply index key -> petugas.yaml key."""


def build_handover(content: Content) -> dict[str, Any]:
    """The handover section: minutes without an answer, days kept, how much staff see, texts
    with the office's values filled in (the run-time {names} stay)."""
    source = content.petugas
    return {
        "expire_minutes": source["tanpa_jawaban_menit"],
        "keep_days": source["simpan_hari"],
        "full_number": source["nomor_lengkap_untuk_petugas"],
        "recent": source["riwayat_pesan"],
        "texts": {key: fill(source[name], content) for key, name in TEXTS.items()},
    }
