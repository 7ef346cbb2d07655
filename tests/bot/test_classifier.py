"""The trained classifier: the responder scores exactly as the build computed, in pure Python."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from puspa_bot.classifier import Model, probabilities, raw_scores
from puspa_bot.features import MAX_WORDS, features
from puspa_bot.reply_index import ReplyIndex
from puspa_build.classifier_index import _matrix, _trained, build_classifier, training_examples
from puspa_build.compiler import check
from puspa_release.dist import BuildResult

from ..conftest import CONTENT, PROJECT


@pytest.fixture(scope="module")
def content():
    """The repository's content, checked."""
    return check(CONTENT).content


def test_runtime_scores_equal_the_builds_on_every_training_example(
    content,
    built: tuple[Path, BuildResult],
) -> None:
    written = json.loads((built[0] / "replies.json").read_text(encoding="utf-8"))["classifier"]
    model = Model.from_json(written)
    vocabulary = sorted(written["weights"])
    weights = np.zeros((len(written["labels"]), len(vocabulary)))
    for column, feature in enumerate(vocabulary):
        pairs = written["weights"][feature]
        for label, weight in zip(pairs[::2], pairs[1::2], strict=True):
            weights[label, column] = weight
    abbreviations = content.bahasa["singkatan"]
    examples = training_examples(content)
    rows = [features(example.text, abbreviations) for example in examples]
    build_scores = (_matrix(rows, vocabulary) @ weights.T + np.array(written["bias"])) / 1000
    for row, expected in zip(rows, build_scores, strict=True):
        assert raw_scores(model, row) == pytest.approx(list(expected), abs=1e-9)
    assert len(examples) == written["trained_on"]


def test_the_model_learned_its_examples(content) -> None:
    model = Model.from_json(build_classifier(content))
    abbreviations = content.bahasa["singkatan"]
    examples = training_examples(content)
    right = 0
    for example in examples:
        chances = probabilities(model, example.text, abbreviations)
        right += model.labels[chances.index(max(chances))] == example.label
    assert right / len(examples) >= 0.9


def test_the_same_content_trains_the_same_bytes(content) -> None:
    first = json.dumps(build_classifier(content), sort_keys=True)
    _trained.cache_clear()
    assert json.dumps(build_classifier(content), sort_keys=True) == first


def test_scoring_needs_no_numpy(built: tuple[Path, BuildResult]) -> None:
    program = (
        "import sys; sys.modules['numpy'] = None; sys.modules['scipy'] = None\n"
        "sys.modules['sklearn'] = None\n"
        "from pathlib import Path\n"
        "from puspa_bot.reply_index import load_index\n"
        "from puspa_bot.classifier import ranked\n"
        f"index = load_index(Path({str(built[0] / 'replies.json')!r}))\n"
        "print(ranked(index.model, 'syarat bikin akte lahir anak', index.abbreviations)[0][0])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=PROJECT, check=True
    )
    assert run.stdout.strip() == "akta-kelahiran"


def test_features_are_bounded_for_any_message() -> None:
    long = features("kata " * 5000, {})
    assert len(long) <= 2 * MAX_WORDS * 10
    assert features("", {}) == {}
    assert features("!!! ???", {}) == {}


def test_an_index_without_a_model_still_answers(index: ReplyIndex) -> None:
    from dataclasses import replace

    from puspa_bot.understanding import understand

    assert understand(replace(index, model=None), "syarat kk").service == "kartu-keluarga"
