"""Train the message classifier from content, for the reply index.

The training texts are content's own words: each service's keywords, names and example
messages (`contoh_pertanyaan`), the intents and negatives of percakapan.yaml, and the referral
topics of rujukan.yaml. Features are puspa_bot.features (the responder computes the same);
the model is a multinomial logistic regression (scikit-learn, at build time only). Its
weights are pruned and written as integers; the answer and suggestion thresholds are chosen
by cross-validation on the same texts. The same content gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from puspa_bot import paths
from puspa_bot.classifier import CASE, grouped
from puspa_bot.features import features

from .content import Content
from .whatsapp_reply import cases

CACHE = paths.DIST / "cache" / "classifier"
"""Where trained models are kept by the digest of their inputs."""
NONE = "none"
"""The label of negatives: looks like a service, is not (the fallback answers)."""
INTENTS = {
    "menu": "menu",
    "salam": "greeting",
    "terima_kasih": "thanks",
    "pamit": "goodbye",
    "formulir": "form",
}
"""percakapan.yaml key -> the intent its examples name."""
SCALE = 1000
"""Weights are written as integers: thousandths."""
KEEP = 0.3
"""Weights smaller than this (in units) are dropped. Chosen by k-fold: at 0.3 the model is a third
of its size at 0.1 (163 against 513 KB) for 1 point of top-1 (0.847 against 0.857)."""
MIN_TEXTS = 2
"""A feature is kept only if at least this many training texts have it."""
REGULARISATION = 8.0
"""scikit-learn's C: how closely the model may fit the examples. By k-fold on 1,773 content
examples, top-1 is 0.836 at 8 and 0.855 at 32, but at 32 half as many weights again survive
pruning (22,000 against 14,000: a 338 KB index against 250 KB) for one Lambda that loads them
at every cold start, and held-out messages gain nothing; 8 stays."""
TOLERANCE = 1e-3
"""When the fit stops: finer changes nothing a resident would notice, and costs seconds."""
FOLDS = 4
ANSWER_GRID = tuple(x / 100 for x in range(5, 91, 5))
LEAD_GRID = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
"""How many times more probable than the runner-up the first label must be to answer. By
k-fold this rule answers more examples right at 2% wrong than a difference of probabilities
(0.565 against 0.534 of 2,004 examples) -- a clear winner is one far ahead of the next."""
WRONG_AT_MOST = 0.02
"""The share of held-out examples the chosen thresholds may answer wrongly (issue 13's 2%)."""
CONFIDENCE_Z = 1.645
"""The limit must hold with 95% (one-sided) confidence, not only on average: the k-fold share
of wrong answers is itself an estimate from about 2,000 examples (±0.3 points). Judged on the
point estimate, the grid's best sat at 1.99% wrong, right at the edge."""


@dataclass(frozen=True)
class Example:
    """One training text and the answer it stands for."""

    label: str
    text: str


def training_examples(content: Content) -> list[Example]:
    """Every labelled text content gives, in a fixed order."""
    found: list[Example] = []
    for service_id in sorted(content.services):
        service = content.service(service_id)
        texts = [service["nama"], service["judul_menu"], *service["kata_kunci"]]
        texts += service.get("contoh_pertanyaan", [])
        found += [Example(service_id, text) for text in texts]
        for case in cases(service):
            label = f"{service_id}{CASE}{case['kasus']}"
            found += [Example(label, text) for text in [case["untuk"], *case["contoh"]]]
    talk = content.settings.get("percakapan")
    if talk is not None:
        for key, intent in INTENTS.items():
            found += [Example(f"intent:{intent}", text) for text in talk.data[key]["contoh"]]
        found += [Example(NONE, text) for text in talk.data["bukan_layanan"]["contoh"]]
    referrals = content.settings.get("rujukan")
    if referrals is not None:
        for topic in referrals.data["topik"]:
            label = f"referral:{topic['id']}"
            found += [Example(label, text) for text in [topic["judul"], *topic["contoh"]]]
    return found


def build_classifier(content: Content) -> dict[str, Any]:
    """The trained model, pruned and quantised, with its thresholds.

    Training takes seconds, so the result is kept in dist/cache/classifier/ under a digest of
    everything it depends on (the examples, the abbreviations, this module's and the
    features' source, scikit-learn's version): the same inputs give the same file.
    """
    examples = _frozen(training_examples(content))
    abbreviations = tuple(sorted(content.bahasa["singkatan"].items()))
    cached = CACHE / f"{_inputs_digest(examples, abbreviations)}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    model = _trained(examples, abbreviations)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(model, sort_keys=True), encoding="utf-8")
        partial.replace(cached)
    except OSError:  # a read-only checkout still builds, only slower
        pass
    return model


def _inputs_digest(
    examples: tuple[tuple[str, str], ...], abbreviations: tuple[tuple[str, str], ...]
) -> str:
    """A digest of everything the trained model depends on."""
    import sklearn
    from puspa_bot import features as recipe

    digest = hashlib.sha256()
    digest.update(json.dumps([examples, abbreviations, sklearn.__version__]).encode())
    for module in (__file__, recipe.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:32]


def _frozen(examples: list[Example]) -> tuple[tuple[str, str], ...]:
    """Examples as a hashable tuple (so one process trains each content once)."""
    return tuple((e.label, e.text) for e in examples)


@cache
def _trained(
    examples: tuple[tuple[str, str], ...], abbreviations: tuple[tuple[str, str], ...]
) -> dict[str, Any]:
    """Train, choose thresholds by cross-validation, and quantise (cached per content)."""
    labels, rows, targets = labelled_rows(examples, dict(abbreviations))
    vocabulary = _vocabulary(rows)
    model = _fit(rows, targets, vocabulary)
    answer, lead = _thresholds(labels, rows, targets)
    bias, weights = _quantised(_pruned(model), vocabulary)
    return {
        "labels": labels,
        "bias": bias,
        "weights": weights,
        "scale": SCALE,
        "answer": answer,
        "lead": lead,
        "suggest": round(max(0.08, answer / 4), 2),
        "trained_on": len(examples),
        "digest": hashlib.sha256(json.dumps(examples).encode()).hexdigest()[:16],
    }


def labelled_rows(
    examples: Sequence[tuple[str, str]], abbreviations: dict[str, str]
) -> tuple[list[str], list[dict[str, float]], list[int]]:
    """The sorted labels, each example's features, and each example's label number."""
    labels = sorted({label for label, _ in examples})
    rows = [features(text, abbreviations) for _, text in examples]
    return labels, rows, [labels.index(label) for label, _ in examples]


def answered(chances: Sequence[float], answer: float, lead: float) -> int | None:
    """The label number a model answers with at these thresholds, or None when it is unsure."""
    order = sorted(range(len(chances)), key=lambda i: -chances[i])
    first, second = chances[order[0]], chances[order[1]]
    return order[0] if first >= answer and first >= lead * second else None


def _vocabulary(rows: Sequence[dict[str, float]]) -> list[str]:
    """The features seen in at least MIN_TEXTS training texts (rarer ones only memorise)."""
    seen: dict[str, int] = {}
    for row in rows:
        for feature in row:
            seen[feature] = seen.get(feature, 0) + 1
    return sorted(feature for feature, count in seen.items() if count >= MIN_TEXTS)


def _pruned(model: Any) -> Any:
    """The model with its weights under KEEP set to zero, as it is shipped."""
    model.coef_[abs(model.coef_) < KEEP] = 0.0
    return model


def _matrix(rows: Sequence[dict[str, float]], vocabulary: Sequence[str]) -> Any:
    """The rows as a sparse matrix over `vocabulary` (features outside it are left out)."""
    from scipy.sparse import csr_matrix

    column = {feature: number for number, feature in enumerate(vocabulary)}
    data, indices, pointers = [], [], [0]
    for row in rows:
        kept = sorted((column[f], v) for f, v in row.items() if f in column)
        indices += [c for c, _ in kept]
        data += [v for _, v in kept]
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(rows), len(vocabulary)))


def _fit(
    rows: Sequence[dict[str, float]], targets: Sequence[int], vocabulary: Sequence[str]
) -> Any:
    """A multinomial logistic regression over the rows."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=REGULARISATION, max_iter=3000, tol=TOLERANCE)
    model.fit(_matrix(rows, vocabulary), list(targets))
    return model


def _folds(targets: Sequence[int]) -> Iterator[tuple[list[int], list[int]]]:
    """Deterministic stratified folds: every FOLDS-th example of each label is held out."""
    seen: dict[int, int] = {}
    place = []
    for target in targets:
        place.append(seen.get(target, 0) % FOLDS)
        seen[target] = seen.get(target, 0) + 1
    for fold in range(FOLDS):
        train = [i for i, p in enumerate(place) if p != fold]
        test = [i for i, p in enumerate(place) if p == fold]
        yield train, test


def cross_validated(
    rows: Sequence[dict[str, float]], targets: Sequence[int]
) -> list[tuple[int, list[float]]]:
    """For every example, its label and the probabilities of a model that never saw it."""
    out: list[tuple[int, list[float]]] = [(0, [])] * len(rows)
    for train, test in _folds(targets):
        vocabulary = _vocabulary([rows[i] for i in train])
        model = _pruned(_fit([rows[i] for i in train], [targets[i] for i in train], vocabulary))
        chances = model.predict_proba(_matrix([rows[i] for i in test], vocabulary))
        for i, row in zip(test, chances, strict=True):
            full = [0.0] * (max(targets) + 1)
            for column, label in enumerate(model.classes_):
                full[int(label)] = float(row[column])
            out[i] = (targets[i], full)
    return out


def answers_of(
    labels: Sequence[str], held_out: Sequence[tuple[int, list[float]]]
) -> list[tuple[int, list[float]]]:
    """Held-out results with every case folded into its service: what decides an answer."""
    answers, _ = grouped(labels, [0.0] * len(labels))
    place = {answer: number for number, answer in enumerate(answers)}
    return [
        (place[labels[target].split(CASE, 1)[0]], grouped(labels, chances)[1])
        for target, chances in held_out
    ]


def _thresholds(
    labels: Sequence[str], rows: Sequence[dict[str, float]], targets: Sequence[int]
) -> tuple[float, float]:
    """The answer threshold and lead that answer the most held-out examples right while
    answering at most WRONG_AT_MOST of them wrong, with confidence (the fewest wrong if none
    can)."""
    held_out = answers_of(labels, cross_validated(rows, targets))
    tried = []
    for answer in ANSWER_GRID:
        for lead in LEAD_GRID:
            right = wrong = 0
            for target, chances in held_out:
                label = answered(chances, answer, lead)
                if label is not None:
                    right += label == target
                    wrong += label != target
            tried.append((_upper_bound(wrong, len(held_out)), -right, answer, lead))
    allowed = [t for t in tried if t[0] <= WRONG_AT_MOST]
    _, _, answer, lead = min(allowed, key=lambda t: (t[1], t[0])) if allowed else min(tried)
    return answer, lead


def _upper_bound(wrong: int, total: int) -> float:
    """The share of wrong answers that the true share stays under with CONFIDENCE_Z."""
    share = wrong / total
    return share + CONFIDENCE_Z * math.sqrt(share * (1 - share) / total)


def _quantised(model: Any, vocabulary: Sequence[str]) -> tuple[list[int], dict[str, list[int]]]:
    """Bias and weights as integer thousandths; tiny weights dropped; per feature a flat
    list [label, weight, label, weight, ...]."""
    bias = [round(float(b) * SCALE) for b in model.intercept_]
    coefficients = model.coef_
    weights: dict[str, list[int]] = {}
    for column, feature in enumerate(vocabulary):
        pairs: list[int] = []
        for label in range(coefficients.shape[0]):
            value = float(coefficients[label, column])
            if abs(value) >= KEEP:
                pairs += [label, round(value * SCALE)]
        if pairs:
            weights[feature] = pairs
    return bias, weights
