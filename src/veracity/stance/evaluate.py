"""Evaluating the stance model on FNC-1-layout data (``veracity bench fnc1``).

No row the model was trained on is ever scored: ``--dev-split`` needs a model
trained on the same split (else an error says which model to train), and any
pair whose headline and body the model was both trained on is refused
(``provenance``).  The
output says what trained the model, what tuned its settings, and how many of
the scored headlines it has seen (a split by body shares its claims).

Every body is analysed once and reused for all its claims, as the model would
be used on a corpus; the pairs-per-second figure covers everything after the
CSV files are read: analysing bodies and claims, features, trees.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veracity.errors import UsageError
from veracity.stance import provenance as pv
from veracity.stance import score as sc
from veracity.stance.model import StanceModel


@dataclass(frozen=True)
class BenchResult:
    pairs: int
    bodies: int
    score: float | None
    macro_f1: float | None
    f1: dict[str, float] | None
    confusion: list[list[int]] | None
    seconds: float
    pairs_per_second: float
    model: dict[str, Any]
    dev_split: str | None
    headlines_seen: int | None = None  # pairs whose headline the model was trained on
    bodies_seen: int | None = None  # pairs whose body the model was trained on
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs, "bodies": self.bodies,
            "fnc_score": None if self.score is None else round(self.score, 2),
            "macro_f1": None if self.macro_f1 is None else round(self.macro_f1, 4),
            "f1": None if self.f1 is None else {k: round(v, 4) for k, v in self.f1.items()},
            "confusion": {"labels": list(sc.LABELS), "rows_gold_cols_predicted": self.confusion},
            "seconds": round(self.seconds, 2),
            "pairs_per_second": round(self.pairs_per_second, 1),
            "dev_split": self.dev_split,
            "model": self.model,
            "headlines_seen_in_training": self.headlines_seen,
            "bodies_seen_in_training": self.bodies_seen,
            "notes": list(self.notes),
        }


def evaluate(bodies_path: str | Path, stances_path: str | Path, *,
             model: StanceModel, dev_split: str | None = None, limit: int | None = None,
             predictions: str | Path | None = None) -> BenchResult:
    """Predict every pair of an FNC-1-layout set and score it against the gold
    stances (when the file has them)."""
    bodies = sc.read_bodies(bodies_path)
    pairs = sc.read_stances(stances_path)
    missing = sorted({p.body_id for p in pairs} - set(bodies))
    if missing:
        raise UsageError(f"{stances_path}: {len(missing)} Body ID(s) not in {bodies_path}, "
                         f"e.g. {missing[0]}")
    if dev_split:
        pairs = sc.split_pairs(pairs, dev_split, dev=True)
    if limit is not None:
        pairs = pairs[:limit]
    overlap = check_unseen(model, bodies, pairs, dev_split)
    t0 = time.perf_counter()
    body_cache: dict[str, Any] = {}
    claim_cache: dict[str, Any] = {}
    analysed = []
    for p in pairs:
        b = body_cache.get(p.body_id)
        if b is None:
            b = body_cache[p.body_id] = model.analyse_body(bodies[p.body_id])
        c = claim_cache.get(p.headline)
        if c is None:
            c = claim_cache[p.headline] = model.analyse_claim(p.headline)
        analysed.append((c, b))
    results = model.predict_analysed(analysed, explain=False)
    seconds = time.perf_counter() - t0
    pred = [r.label for r in results]
    if predictions is not None:
        write_predictions(predictions, pairs, pred)
    gold = [p.stance for p in pairs]
    has_gold = bool(pairs) and all(g is not None for g in gold)
    g = [str(x) for x in gold]
    return BenchResult(
        pairs=len(pairs), bodies=len(body_cache),
        score=sc.fnc_score(g, pred) if has_gold else None,
        macro_f1=sc.macro_f1(g, pred) if has_gold else None,
        f1=sc.per_class_f1(g, pred) if has_gold else None,
        confusion=sc.confusion(g, pred) if has_gold else None,
        seconds=seconds,
        pairs_per_second=len(pairs) / seconds if seconds > 0 else 0.0,
        model={"path": str(model.path) if model.path else None,
               **{k: model.meta.get(k) for k in ("trained_on", "dev_split", "pairs", "bodies")},
               "tuned_on": model.meta.get("tuned_on") or pv.TUNED_ON},
        dev_split=dev_split, headlines_seen=overlap.headlines, bodies_seen=overlap.bodies,
        notes=overlap.notes,
    )


@dataclass(frozen=True)
class Overlap:
    """How many scored pairs have a headline, or a body, the model was trained
    on (None when the model does not record them)."""

    headlines: int | None
    bodies: int | None
    notes: tuple[str, ...] = ()


def check_unseen(model: StanceModel, bodies: dict[str, str], pairs: list[sc.Pair],
                 dev_split: str | None) -> Overlap:
    """Refuse to score rows the model was trained on (a UsageError naming the
    model to train): a split other than the model's, or pairs whose headline
    and body were both training texts.  A seen headline with a new body (a
    split by body) or a seen body with a new headline is scored and counted."""
    name = str(model.path) if model.path else "the model"
    trained_split = model.meta.get("dev_split")
    fnc1 = "veracity train stance --fnc1 DIR"
    if dev_split and trained_split != dev_split:
        raise UsageError(
            f"--dev-split {dev_split} scores rows held out of a model trained with "
            f"--dev-split {dev_split}, but {name} was trained on "
            f"{pv.split_name(trained_split)}: it has seen these rows. Train the matching "
            f"model with `{fnc1} --dev-split {dev_split} --out /tmp/stance-{dev_split}.npz` "
            f"and pass `--model /tmp/stance-{dev_split}.npz`")
    if model.body_keys is None or model.headline_keys is None:
        return Overlap(None, None, (f"{name} does not record the texts it was trained on: "
                                    "overlap with the scored rows not checked (retrain it "
                                    "to record them)",))
    body_seen = pv.seen(model.body_keys, [bodies[p.body_id] for p in pairs])
    head_seen = pv.seen(model.headline_keys, [p.headline for p in pairs])
    trained = sum(b and h for b, h in zip(body_seen, head_seen, strict=True))
    if trained:
        fix = (f"`{fnc1} --dev-split {dev_split} --out PATH`" if dev_split else
               f"`{fnc1} --dev-split claims --out PATH` and bench with `--dev-split claims "
               "--model PATH`, or score a set the model never saw (FNC-1 competition test, ARC)")
        raise UsageError(
            f"{trained} of {len(pairs)} pairs to score have a headline and a body {name} was "
            f"trained on ({model.meta.get('trained_on') or 'unknown data'}, "
            f"{pv.split_name(trained_split)}); refusing to score them. Train a model that "
            f"leaves them out: {fix}")
    return Overlap(sum(head_seen), sum(body_seen))


def write_predictions(path: str | Path, pairs: list[sc.Pair], pred: list[str]) -> None:
    """Predictions in the FNC-1 submission layout: Headline, Body ID, Stance."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body ID", "Stance"])
        for p, lab in zip(pairs, pred, strict=True):
            w.writerow([p.headline, p.body_id, lab])


def format_text(r: BenchResult) -> str:
    lines = [f"pairs: {r.pairs}  bodies: {r.bodies}"
             + (f"  (development split: held-out {r.dev_split})" if r.dev_split else "")]
    if r.score is not None and r.f1 is not None and r.confusion is not None:
        lines.append(f"FNC-1 score: {r.score:.2f}%  macro-F1: {r.macro_f1:.4f}")
        lines.append("F1: " + "  ".join(f"{k} {v:.3f}" for k, v in r.f1.items()))
        width = max(len(x) for x in sc.LABELS) + 2
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * width + "".join(f"{x:>{width}}" for x in sc.LABELS))
        for lab, row in zip(sc.LABELS, r.confusion, strict=True):
            lines.append(f"{lab:<{width}}" + "".join(f"{v:>{width}}" for v in row))
    else:
        lines.append("no gold stances in the file: predictions only")
    lines.append(f"speed: {r.pairs_per_second:.0f} pairs/s ({r.seconds:.1f} s)")
    trained = r.model.get("trained_on") or "?"
    lines.append(f"model: {r.model.get('path') or '?'}, trained on {trained}, "
                 f"{pv.split_name(r.model.get('dev_split'))}")
    lines.append(f"tuned: {r.model.get('tuned_on')}")
    if r.headlines_seen is not None:
        lines.append(f"of the {r.pairs} pairs, {r.headlines_seen} have a headline and "
                     f"{r.bodies_seen} a body the model was trained on (none both)"
                     + ("; a split by body shares its claims" if r.headlines_seen else ""))
    lines.extend(f"note: {n}" for n in r.notes)
    return "\n".join(lines)
