"""The one metrics helper agrees with scikit-learn's ``metrics`` (the
reference implementation) on confusion matrix, per-class and macro F1."""

from __future__ import annotations

import random

import pytest
from sklearn import metrics as sk

from veracity import metrics

LABELS = ("agree", "disagree", "discuss", "unrelated")


def _draw(seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    gold = [rng.choice(LABELS) for _ in range(200)]
    # a skewed predictor that never says "disagree": a class never predicted
    pred = [g if rng.random() < 0.6 else rng.choice(("agree", "discuss", "unrelated"))
            for g in gold]
    return gold, pred


@pytest.mark.parametrize("seed", [0, 1, 2])  # three random draws of gold and predictions
def test_agrees_with_scikit_learn(seed):
    gold, pred = _draw(seed)
    labels = list(LABELS)
    ours = metrics.confusion(gold, pred, LABELS)
    assert ours == sk.confusion_matrix(gold, pred, labels=labels).tolist()
    f1 = [*metrics.per_class_f1(gold, pred, LABELS).values(), metrics.macro_f1(gold, pred, LABELS)]
    theirs = [*sk.f1_score(gold, pred, labels=labels, average=None, zero_division=0.0),
              sk.f1_score(gold, pred, labels=labels, average="macro", zero_division=0.0)]
    assert f1 == pytest.approx(theirs)


def test_f1_of_precision_and_recall():
    assert (metrics.f1(0.5, 1.0), metrics.f1(0.0, 0.0)) == pytest.approx((2 / 3, 0.0))
