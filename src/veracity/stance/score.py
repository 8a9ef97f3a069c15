"""FNC-1 scoring: the official relative weighted score, macro-F1, per-class F1
and the confusion matrix, plus reading FNC-1-layout CSV files (FNC-1, ARC).

Official score (FNC-1 README): per pair, +0.25 when related/unrelated is right;
when gold and predicted are both related, +0.75 more if the label is exact.
Reported as a percentage of the best possible total (the gold labels scored
against themselves).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from veracity import metrics
from veracity.errors import InputError
from veracity.unionfind import UnionFind

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset({"agree", "disagree", "discuss"})


def fnc_points(gold: Sequence[str], pred: Sequence[str]) -> float:
    points = 0.0
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            points += 0.25
            if g != "unrelated":
                points += 0.75
        elif g in RELATED and p in RELATED:
            points += 0.25
    return points


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Official FNC-1 relative score, in percent (0 when there is nothing to score)."""
    best = fnc_points(gold, gold)
    return 100.0 * fnc_points(gold, pred) / best if best else 0.0


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    """Rows: gold label, columns: predicted label, in LABELS order."""
    return metrics.confusion(gold, pred, LABELS)


def per_class_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    return metrics.per_class_f1(gold, pred, LABELS)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    return metrics.macro_f1(gold, pred, LABELS)


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str | None


def read_bodies(path: str | Path) -> dict[str, str]:
    """Body ID -> text from an FNC-1 bodies CSV (Body ID, articleBody)."""
    rows = _read_csv(path, ("Body ID", "articleBody"))
    return {r["Body ID"]: r["articleBody"] for r in rows}


def read_stances(path: str | Path) -> list[Pair]:
    """Pairs from an FNC-1 stances CSV (Headline, Body ID[, Stance])."""
    rows = _read_csv(path, ("Headline", "Body ID"))
    pairs = []
    for r in rows:
        stance = r.get("Stance") or None
        if stance is not None and stance not in LABELS:
            raise InputError(str(path), f"unknown stance {stance!r}; expected one of {LABELS}")
        pairs.append(Pair(r["Headline"], r["Body ID"], stance))
    return pairs


def _read_csv(path: str | Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(str(path), f"missing column(s) {missing}; is this an "
                                 "FNC-1-layout file?")
            return list(reader)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


# Share of bodies held out for development.  20% of FNC-1's 1,683 bodies
# (about 10k pairs) is the size of the official baseline's hold-out.
DEV_FRACTION = 0.2


def is_dev_body(body_id: str, fraction: float = DEV_FRACTION) -> bool:
    """Whether a body belongs to the development split.  Decided by a hash of the
    Body ID, so the split is the same in training and in the benchmark, on any
    machine, without a file listing it."""
    h = int.from_bytes(hashlib.sha256(f"veracity-dev:{body_id}".encode()).digest()[:8], "big")
    return h / 2**64 < fraction


# How a development split is drawn from a training set:
# - "bodies": dev bodies unseen in training (their headlines are seen: in FNC-1
#   every claim has several bodies), the split the FNC-1 baseline used;
# - "claims": dev bodies *and* dev headlines unseen.  Headlines and bodies
#   linked by a related (agree/disagree/discuss) pair form one claim; whole
#   claims go to dev, and pairs that would cross the split are dropped.  This is
#   the closer estimate for a test set of new claims.
SPLITS = ("bodies", "claims")


def split_pairs(pairs: Sequence[Pair], split: str, dev: bool) -> list[Pair]:
    """The training (dev=False) or development (dev=True) side of a split."""
    if split == "bodies":
        return [p for p in pairs if is_dev_body(p.body_id) == dev]
    if split != "claims":
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    claims: UnionFind[tuple[str, str]] = UnionFind()
    for p in pairs:
        claims.find(("h", p.headline))
        claims.find(("b", p.body_id))
        if p.stance in RELATED:
            claims.union(("h", p.headline), ("b", p.body_id))
    # A claim's side is decided by its smallest member, the root of its set.
    side = {root: is_dev_body("claim:" + root[1])
            for root in {claims.find(node) for node in claims}}

    def is_dev(kind: str, key: str) -> bool:
        return side[claims.find((kind, key))]

    return [p for p in pairs
            if is_dev("h", p.headline) == dev and is_dev("b", p.body_id) == dev]
