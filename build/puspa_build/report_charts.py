"""The monthly report's charts, drawn with matplotlib as inline SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .monthly import MonthFigures
from .texts import indonesian_number

COLOUR = "#00695c"
"""The portal's teal."""
MUTED = "#b0bec5"
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "puspa",  # the same figures give the same SVG
        "svg.fonttype": "none",  # text stays text: small, searchable, printable
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def messages_per_day(figures: MonthFigures) -> str:
    """Bars: messages each day of the month."""
    days = list(figures.messages_per_day)
    values = list(figures.messages_per_day.values())
    figure, axes = _figure((7.5, 2.6))
    axes.bar([day[-2:] for day in days], values, color=COLOUR)
    axes.set_xlabel("Tanggal")
    axes.set_ylabel("Pesan")
    axes.tick_params(axis="x", labelsize=7)
    return _svg(figure, empty=not any(values))


def ranked(pairs: Sequence[tuple[str, int]], label: str, colour: str = COLOUR) -> str:
    """Horizontal bars, largest on top: top services, unmatched questions, desa."""
    pairs = list(pairs)[:12]
    figure, axes = _figure((7.5, 0.35 * max(len(pairs), 3) + 0.6))
    names = [_short(name) for name, _ in reversed(pairs)]
    axes.barh(names, [value for _, value in reversed(pairs)], color=colour)
    axes.set_xlabel(label)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure, empty=not pairs)


def ikm_by_element(figures: MonthFigures) -> str:
    """Bars: each SKM element's average on the 25-100 scale, with the month's IKM as a line."""
    figure, axes = _figure((7.5, 3.2))
    ikm = figures.ikm
    if ikm is not None:
        names = [f"{e.code} {_short(e.name, 28)}" for e in reversed(ikm.elements)]
        axes.barh(names, [e.converted for e in reversed(ikm.elements)], color=COLOUR)
        axes.axvline(ikm.value, color="#e65100", linestyle="--", linewidth=1)
        label = f" IKM {indonesian_number(ikm.value, 2)}"
        axes.text(ikm.value, len(names) - 0.4, label, color="#e65100")
    axes.set_xlim(25, 100)
    axes.set_xlabel("Nilai (25 sampai 100)")
    return _svg(figure, empty=ikm is None)


def helpful(figures: MonthFigures) -> str:
    """Bars: answers to 'Apakah informasi ini membantu?'."""
    figure, axes = _figure((4.5, 2.2))
    values = [figures.count("helpful:yes"), figures.count("helpful:no")]
    axes.barh(["Tidak", "Ya, membantu"], values[::-1], color=[MUTED, COLOUR])
    axes.set_xlabel("Jawaban")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure, empty=not any(values))


def _figure(size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A figure of `size` inches with one set of axes."""
    figure = Figure(figsize=size)
    return figure, figure.subplots()


def _svg(figure: Figure, *, empty: bool) -> str:
    """The figure as an SVG element (no XML header), closed afterwards."""
    if empty:
        axes = figure.axes[0]
        axes.set_xticks([])
        axes.set_yticks([])
        axes.text(0.5, 0.5, "Belum ada data", transform=axes.transAxes, ha="center")
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _short(text: str, length: int = 40) -> str:
    """A label cut to fit beside a bar."""
    return text if len(text) <= length else text[: length - 1] + "…"
