"""The monthly report's charts, drawn with matplotlib as inline SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from puspa_build.content import Content
from puspa_build.texts import indonesian_number

from .monthly import MonthFigures

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


@dataclass(frozen=True)
class Labels:
    """The charts' words, from content (content/laporan.yaml, content/survei.yaml)."""

    day: str
    messages: str
    score: str
    answers: str
    empty: str
    ikm: str
    helpful_yes: str
    helpful_no: str

    @classmethod
    def from_content(cls, content: Content) -> Labels:
        """Read the labels."""
        texts, helpful = content.laporan["teks"], content.survei["membantu"]
        return cls(
            day=texts["sumbu_tanggal"],
            messages=texts["sumbu_pesan"],
            score=texts["sumbu_nilai"],
            answers=texts["sumbu_jawaban"],
            empty=texts["grafik_kosong"],
            ikm=texts["kotak_ikm"],
            helpful_yes=helpful["tombol_ya"],
            helpful_no=helpful["tombol_tidak"],
        )


def messages_per_day(figures: MonthFigures, labels: Labels) -> str:
    """Bars: messages each day of the month."""
    days = list(figures.messages_per_day)
    values = list(figures.messages_per_day.values())
    figure, axes = _figure((7.5, 2.6))
    axes.bar([day[-2:] for day in days], values, color=COLOUR)
    axes.set_xlabel(labels.day)
    axes.set_ylabel(labels.messages)
    axes.tick_params(axis="x", labelsize=7)
    return _svg(figure, labels, empty=not any(values))


def ranked(
    pairs: Sequence[tuple[str, int]], label: str, labels: Labels, colour: str = COLOUR
) -> str:
    """Horizontal bars, largest on top: top services, unmatched questions, desa."""
    pairs = list(pairs)[:12]
    figure, axes = _figure((7.5, 0.35 * max(len(pairs), 3) + 0.6))
    names = [_short(name) for name, _ in reversed(pairs)]
    axes.barh(names, [value for _, value in reversed(pairs)], color=colour)
    axes.set_xlabel(label)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure, labels, empty=not pairs)


def ikm_by_element(figures: MonthFigures, labels: Labels) -> str:
    """Bars: each SKM element's average on the 25-100 scale, with the month's IKM as a line."""
    figure, axes = _figure((7.5, 3.2))
    ikm = figures.ikm
    if ikm is not None:
        names = [f"{e.code} {_short(e.name, 28)}" for e in reversed(ikm.elements)]
        axes.barh(names, [e.converted for e in reversed(ikm.elements)], color=COLOUR)
        axes.axvline(ikm.value, color="#e65100", linestyle="--", linewidth=1)
        label = f" {labels.ikm} {indonesian_number(ikm.value, 2)}"
        axes.text(ikm.value, len(names) - 0.4, label, color="#e65100")
    axes.set_xlim(25, 100)
    axes.set_xlabel(labels.score)
    return _svg(figure, labels, empty=ikm is None)


def helpful(figures: MonthFigures, labels: Labels) -> str:
    """Bars: answers to 'Apakah informasi ini membantu?'."""
    figure, axes = _figure((4.5, 2.2))
    values = [figures.count("helpful:yes"), figures.count("helpful:no")]
    axes.barh([labels.helpful_no, labels.helpful_yes], values[::-1], color=[MUTED, COLOUR])
    axes.set_xlabel(labels.answers)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure, labels, empty=not any(values))


def _figure(size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A figure of `size` inches with one set of axes."""
    figure = Figure(figsize=size)
    return figure, figure.subplots()


def _svg(figure: Figure, labels: Labels, *, empty: bool) -> str:
    """The figure as an SVG element (no XML header), closed afterwards."""
    if empty:
        axes = figure.axes[0]
        axes.set_xticks([])
        axes.set_yticks([])
        axes.text(0.5, 0.5, labels.empty, transform=axes.transAxes, ha="center")
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _short(text: str, length: int = 40) -> str:
    """A label cut to fit beside a bar."""
    return text if len(text) <= length else text[: length - 1] + "…"
