"""Score a message against every answer PUSPA knows, with the weights the build trained.

The build (puspa_build.classifier_index) trains a linear model on content's keywords, titles
and example messages and ships it in the reply index: per feature, the labels it speaks for
and integer weights. Here a message's features are looked up and summed, in pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .features import features

CASE = "#"
"""Between a service id and one of its cases in a label: 'e-ktp#hilang'."""


@dataclass(frozen=True)
class Model:
    """The trained model as the reply index carries it."""

    labels: tuple[str, ...]
    """service ids, <service>#<case>, intent:<name>, referral:<topic>, and none (looks like a
    service, is not)."""
    bias: tuple[int, ...]
    weights: Mapping[str, Sequence[int]]
    """feature -> [label number, weight, label number, weight, ...]; weights are integers,
    `scale` per unit (kept flat as the index has them: nothing to convert at cold start)."""
    scale: int
    answer: float
    """A label answers when its probability is at least this and `lead` times the next one's."""
    lead: float
    suggest: float
    """Services at least this probable are offered as 'maksud Anda' otherwise."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        """Read the model from the reply index."""
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(data["bias"]),
            weights=data["weights"],
            scale=data["scale"],
            answer=data["answer"],
            lead=data["lead"],
            suggest=data["suggest"],
        )


def raw_scores(model: Model, found: Mapping[str, float]) -> list[float]:
    """The linear score of each label for a message's features (before the softmax)."""
    totals = [float(b) for b in model.bias]
    for feature, value in found.items():
        pairs = model.weights.get(feature, ())
        for i in range(0, len(pairs), 2):
            totals[pairs[i]] += pairs[i + 1] * value
    return [total / model.scale for total in totals]


def probabilities(model: Model, text: str, abbreviations: Mapping[str, str]) -> list[float]:
    """Each label's probability for a message (softmax of the scores); [] for no words."""
    found = features(text, abbreviations)
    if not found:
        return []
    scores = raw_scores(model, found)
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [e / total for e in exps]


def ranked(model: Model, text: str, abbreviations: Mapping[str, str]) -> list[tuple[str, float]]:
    """Answers with their probability, most probable first ([] for a message without words);
    a service's cases count for the service."""
    return rank(model, probabilities(model, text, abbreviations))


def rank(model: Model, chances: Sequence[float]) -> list[tuple[str, float]]:
    """Each answer's probability (cases summed into their service), most probable first."""
    if not chances:
        return []
    labels, summed = grouped(model.labels, chances)
    order = sorted(range(len(summed)), key=lambda i: (-summed[i], labels[i]))
    return [(labels[i], summed[i]) for i in order]


def grouped(labels: Sequence[str], chances: Sequence[float]) -> tuple[list[str], list[float]]:
    """The answers (labels with each case folded into its service) and their probabilities."""
    answers = sorted({label.split(CASE, 1)[0] for label in labels})
    place = {answer: number for number, answer in enumerate(answers)}
    summed = [0.0] * len(answers)
    for label, chance in zip(labels, chances, strict=True):
        summed[place[label.split(CASE, 1)[0]]] += chance
    return answers, summed


def strongest(model: Model, chances: Sequence[float]) -> dict[str, float]:
    """Each answer's most probable single label (a service's own label or one of its cases)."""
    best: dict[str, float] = {}
    for label, chance in zip(model.labels, chances, strict=True):
        answer = label.split(CASE, 1)[0]
        best[answer] = max(best.get(answer, 0.0), chance)
    return best


def case_of(model: Model, chances: Sequence[float], service_id: str) -> str | None:
    """The case of a service a message asks about: the most probable of the service's own
    label and its case labels, when that is a case; None for the service as a whole."""
    best, best_chance = None, -1.0
    for label, chance in zip(model.labels, chances, strict=True):
        ours = label == service_id or label.startswith(service_id + CASE)
        if ours and chance > best_chance:
            best, best_chance = label, chance
    if best is None or CASE not in best:
        return None
    return best.split(CASE, 1)[1]
