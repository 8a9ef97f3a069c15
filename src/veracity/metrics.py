"""The classification figures every benchmark prints: confusion matrix,
per-class and macro F1, and F1 from a precision and a recall.  One
implementation, checked against scikit-learn's ``metrics`` by a test."""

from __future__ import annotations

from collections.abc import Sequence


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]
              ) -> list[list[int]]:
    """Rows: gold label, columns: predicted label, in ``labels`` order."""
    index = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        m[index[g]][index[p]] += 1
    return m


def per_class_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]
                 ) -> dict[str, float]:
    """F1 of each label; 0 for a label neither gold nor predicted."""
    m = confusion(gold, pred, labels)
    out = {}
    for i, lab in enumerate(labels):
        tp = m[i][i]
        fp = sum(row[i] for row in m) - tp
        fn = sum(m[i]) - tp
        out[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    f1 = per_class_f1(gold, pred, labels)
    return sum(f1.values()) / len(f1)


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of a precision and a recall (0 when both are 0)."""
    s = precision + recall
    return 2 * precision * recall / s if s else 0.0
