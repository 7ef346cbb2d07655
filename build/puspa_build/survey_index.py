"""The 'was this helpful?' question and the SKM survey for the reply index, pre-rendered."""

from __future__ import annotations

from typing import Any

from puspa_bot import contract
from puspa_bot.contract import SCORES, HelpfulTexts, SurveyQuestion, SurveyView, score_row

from .content import Content
from .texts import fill

"""The scores of each SKM element, worst first (Permenpan-RB 14/2017)."""


def build_survey(content: Content) -> SurveyView:
    """Texts, the helpful question, and each SKM question as text and as a list message."""
    survey = content.survei
    helpful = survey["membantu"]
    count = str(len(survey["unsur"]))
    return SurveyView(
        helpful=HelpfulTexts(
            rate=helpful["peluang"],
            ask=fill(helpful["tanya"], content),
            ask_text=fill(helpful["tanya_teks"], content),
            yes_button=helpful["tombol_ya"],
            no_button=helpful["tombol_tidak"],
            thanks=fill(helpful["terima_kasih"], content),
            sorry=fill(helpful["maaf"], content),
        ),
        opening=fill(survey["pembuka"], content, jumlah=count),
        wrong=fill(survey["salah"], content),
        done=fill(survey["selesai"], content),
        cancelled=fill(survey["dibatalkan"], content),
        questions=tuple(
            _question(survey, number, element)
            for number, element in enumerate(survey["unsur"], start=1)
        ),
    )


def _question(survey: dict[str, Any], number: int, element: dict[str, Any]) -> SurveyQuestion:
    """One SKM question: numbered text for any channel, and a list with one row per score."""
    heading = contract.fill(survey["judul_pertanyaan"], nomor=number, jumlah=len(survey["unsur"]))
    body = f"_{heading}_\n{element['tanya']}"
    titles = [f"{score}. {label}" for score, label in zip(SCORES, element["jawaban"], strict=True)]
    answers = "\n".join(titles)
    rows = [
        {"id": score_row(score), "title": title}
        for score, title in zip(SCORES, titles, strict=True)
    ]
    return SurveyQuestion(
        answers=tuple(element["jawaban"]),
        text=f"{body}\n\n{answers}\n\n{survey['salah']}",
        interactive={
            "type": "list",
            "body": {"text": body},
            "action": {
                "button": survey["tombol"],
                "sections": [{"title": element["kode"], "rows": rows}],
            },
        },
    )
