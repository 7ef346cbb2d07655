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


@dataclass(frozen=True)
class Model:
    """The trained model as the reply index carries it."""

    labels: tuple[str, ...]
    """service ids, intent:<name>, referral:<topic>, and none (looks like a service, is not)."""
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
    """Labels with their probability, most probable first ([] for a message without words)."""
    chances = probabilities(model, text, abbreviations)
    order = sorted(range(len(chances)), key=lambda i: (-chances[i], model.labels[i]))
    return [(model.labels[i], chances[i]) for i in order]
