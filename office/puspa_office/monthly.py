"""A month of PUSPA in figures: what the report shows, gathered from the counters.

Plain data from the table's monthly counters, SKM responses and live sign-ups, plus the
content's own state (what is past its review date).
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from puspa_bot.signup import STATUSES
from puspa_build.checks import REVIEW_EVERY
from puspa_build.content import Content

from .ikm import Ikm, compute_ikm


@dataclass(frozen=True)
class MonthFigures:
    """Everything the monthly report shows."""

    month: str
    messages_per_day: dict[str, int]
    """Every day of the month, by date (zero when quiet)."""
    totals: Counter[str]
    """The month's counters summed: 'messages', 'via:menu', 'service:<id>', ..."""
    residents: int
    services: list[tuple[str, int]]
    """Services answered, most asked first, by service title."""
    unmatched: list[tuple[str, int]]
    """The most frequent questions PUSPA could not answer (anonymised words)."""
    signups_by_desa: dict[str, int]
    signups_by_status: dict[str, int]
    """Status of the month's sign-ups that are still stored (they expire after the event)."""
    not_helpful: list[tuple[str, int]]
    """Services whose answer was marked not helpful, most first."""
    ikm: Ikm | None
    answers: int
    """Service answers sent (the questions answered)."""
    paper_sheets: float
    stale: list[tuple[str, str]] = field(default_factory=list)
    """Services past their review date at the month's end: (title, last reviewed)."""

    def count(self, name: str) -> int:
        """One counter's month total."""
        return self.totals.get(name, 0)


def gather(stats: Any, store: Any, content: Content, month: str) -> MonthFigures:
    """Read one month (YYYY-MM) from the counters and the content."""
    year, number = (int(part) for part in month.split("-"))
    last_day = calendar.monthrange(year, number)[1]
    days = stats.days(month)
    totals: Counter[str] = Counter()
    for counters in days.values():
        totals.update(counters)
    titles = {service_id: source.data["nama"] for service_id, source in content.services.items()}
    answers = sum(value for name, value in totals.items() if name.startswith("service:"))
    limit = content.laporan["pertanyaan_tak_terjawab"]
    survei = content.survei
    return MonthFigures(
        month=month,
        messages_per_day={
            f"{month}-{day:02d}": days.get(f"{month}-{day:02d}", {}).get("messages", 0)
            for day in range(1, last_day + 1)
        },
        totals=totals,
        residents=stats.residents(month),
        services=_ranked(totals, "service:", titles),
        unmatched=sorted(stats.unmatched(month).items(), key=lambda item: (-item[1], item[0]))[
            :limit
        ],
        signups_by_desa=dict(_ranked(totals, "signup_desa:", {})),
        signups_by_status=_signup_statuses(store, month),
        not_helpful=_ranked(totals, "helpful_no:", titles),
        ikm=compute_ikm(stats.surveys(month), survei["unsur"], survei["mutu"]),
        answers=answers,
        paper_sheets=answers * content.laporan["lembar_per_jawaban"],
        stale=_stale(content, date(year, number, last_day)),
    )


def _ranked(totals: Counter[str], prefix: str, titles: dict[str, str]) -> list[tuple[str, int]]:
    """Counters with one prefix, most first, named by title where one is known."""
    found = [
        (titles.get(name[len(prefix) :], name[len(prefix) :]), value)
        for name, value in totals.items()
        if name.startswith(prefix) and value
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def _signup_statuses(store: Any, month: str) -> dict[str, int]:
    """How many of the month's stored sign-ups are in each status."""
    counts: dict[str, int] = {}
    for status in STATUSES:
        records = [r for r in store.list_signups(status) if r["created_at"].startswith(month)]
        counts[status] = len(records)
    return counts


def _stale(content: Content, on: date) -> list[tuple[str, str]]:
    """Services whose last review is older than REVIEW_EVERY on a date."""
    found = []
    for source in content.services.values():
        reviewed = date.fromisoformat(source.data["ditinjau"])
        if on - reviewed > REVIEW_EVERY:
            found.append((source.data["nama"], source.data["ditinjau"]))
    return sorted(found, key=lambda item: item[1])


def public_figures(figures: MonthFigures) -> dict[str, Any]:
    """What the portal may publish of a month (content/statistik/<month>.yaml): totals only.

    No unmatched questions (residents' own words) and no desa breakdown (small numbers).
    """
    services = sorted(
        (
            (name.removeprefix("service:"), value)
            for name, value in figures.totals.items()
            if name.startswith("service:") and value
        ),
        key=lambda item: (-item[1], item[0]),
    )
    published: dict[str, Any] = {
        "bulan": figures.month,
        "pesan": figures.count("messages"),
        "warga": figures.residents,
        "jawaban_layanan": figures.answers,
        "lewat_menu": figures.count("via:menu"),
        "diketik": figures.count("via:text"),
        "layanan_teratas": [{"layanan": key, "jumlah": value} for key, value in services[:10]],
        "membantu": {"ya": figures.count("helpful:yes"), "tidak": figures.count("helpful:no")},
        "pendaftaran_resepsi": figures.count("signup:new"),
        "kertas_dihemat": figures.paper_sheets,
    }
    if figures.ikm is not None:
        published["ikm"] = {
            "nilai": figures.ikm.value,
            "mutu": figures.ikm.grade,
            "kinerja": figures.ikm.performance,
            "responden": figures.ikm.responses,
            "unsur": [
                {"kode": e.code, "nama": e.name, "nilai": round(e.converted, 2)}
                for e in figures.ikm.elements
            ],
        }
    return published
