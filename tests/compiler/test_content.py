"""The real content: complete, valid, and honest about what the office must still supply."""

from __future__ import annotations

from puspa_build.compiler import check
from puspa_build.content import load_content

from ..conftest import CONTENT, SERVICE_IDS


def test_all_content_validates_without_errors() -> None:
    checked = check(CONTENT)
    assert sorted(checked.content.services) == sorted(SERVICE_IDS)


def test_every_service_file_is_named_after_its_id() -> None:
    names = sorted(path.stem for path in (CONTENT / "layanan").glob("*.yaml"))
    assert names == sorted(SERVICE_IDS)


def test_office_lists_the_fourteen_desa_of_jonggol() -> None:
    content, problems = load_content(CONTENT)
    assert problems == []
    names = sorted(desa["nama"] for desa in content.kantor["desa"])
    assert names == sorted(
        "Balekambang Bendungan Cibodas Jonggol Singajaya Singasari Sirnagalih Sukagalih "
        "Sukajaya Sukamaju Sukamanah Sukanegara Sukasirna Weninggalih".split()
    )
    assert content.kantor["whatsapp"] == "62895425781500"


def test_missing_local_facts_are_listed_as_warnings_not_invented() -> None:
    checked = check(CONTENT)
    missing = {(w.file, w.field) for w in checked.warnings}
    # What only the office can supply stays marked until the office supplies it.
    assert ("content/kantor.yaml", "alamat") in missing
    assert ("content/kantor.yaml", "jam_layanan") in missing
    assert ("content/layanan/izin-bangun-makam.yaml", "biaya") in missing
    assert all(str(w).count(":") >= 3 for w in checked.warnings)


def test_businesses_are_pointed_to_the_nib_for_abolished_permits() -> None:
    content, _ = load_content(CONTENT)
    for service_id in ("tdp-mikro", "iumk"):
        notice = content.service(service_id)["perhatian"]
        assert "TIDAK diterbitkan" in notice
        assert "NIB" in notice
