"""WhatsApp's limits on rendered messages, reported against the content that made them."""

from __future__ import annotations

from pathlib import Path

import pytest
from puspa_build.compiler import check
from puspa_build.problems import ContentError

from ..conftest import edit


def test_reply_longer_than_whatsapp_allows_fails_naming_the_file(content_dir: Path) -> None:
    long_item = "      - " + "Dokumen pendukung yang sangat panjang. " * 120 + "\n"
    edit(content_dir / "layanan/kia.yaml", "      - KK asli orang tua/wali.\n", long_item, count=2)
    with pytest.raises(ContentError) as raised:
        check(content_dir)
    problems = raised.value.problems
    # The whole answer, and each case answer that shows the long items, are too long.
    assert {problem.file for problem in problems} == {"content/layanan/kia.yaml"}
    assert all("terlalu panjang untuk WhatsApp" in problem.what for problem in problems)
    assert all("batas 4096" in problem.what for problem in problems)
    assert "balasan layanan" in {problem.what.split(" terlalu")[0] for problem in problems}


def test_menu_introduction_over_the_list_body_limit_is_located(content_dir: Path) -> None:
    line = edit(
        content_dir / "menu.yaml",
        "    pengantar: Layanan dokumen kependudukan.",
        "    pengantar: " + "Layanan dokumen kependudukan. " * 40,
    )
    with pytest.raises(ContentError) as raised:
        check(content_dir)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == ("content/menu.yaml", line)
    assert problem.field == "menu.kependudukan.pengantar"
    assert (
        problem.what == "pengantar menu terlalu panjang untuk WhatsApp (1199 karakter, batas 1024)"
    )
