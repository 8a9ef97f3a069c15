"""``veracity bench factuality FILE.jsonl``: the author's view of each target
predicate on the -3..+3 event-factuality scale (UW, MEANTIME, UDS-IH2, CB, ...
as packaged by Jiang & de Marneffe).

Each line: ``text`` (tokens joined by single spaces) and ``targets`` with a
``span1`` token range and a gold ``label``.  The text is parsed on its own
tokens so the spans line up, then the reader's stance machinery gives the
author's value for the target's head word: asserts +3, probable +2, possible
+1, uncommitted (future, intended, conditional, reported) 0, and the negatives
mirrored.  Figures: MAE, Pearson r and three-way sign accuracy (happened >= +1,
did not <= -1, uncertain between).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from veracity.commands._common import add_format, print_json
from veracity.errors import InputError, UsageError
from veracity.read.entities import NameTable
from veracity.read.nlp import load_nlp
from veracity.read.reader import TextReader
from veracity.read.stances import score

# A second, calibrated scoring: the reader's stance labels follow reading.md
# (reported content, intentions and futures are "uncommitted", 0), but the
# factuality corpora score "did it happen, as the text tells it": UW's
# annotators credit reported speech and plans.  These are the mean gold values
# of each reader category on UW *train* (first 1,500 sentences), rounded; they
# are reported beside the plain mapping, never used by the reader itself.
CALIBRATED_MODALITY = {"intended": 1.6, "future": 1.7, "conditional": 1.0,
                       "hypothetical": 1.3, "question": 0.5}
CALIBRATED_REPORTED = {"CT": 2.3, "PR": 2.0, "PS": 1.0, "U": 0.0}


def calibrated(modality: str, layers: list[Any], vals: list[Any], author_v: Any) -> float:
    """The calibrated -3..+3 value of one target (see CALIBRATED_*)."""
    if modality != "actual":
        return CALIBRATED_MODALITY.get(modality, 0.0)
    if author_v[0] != "U" or not layers:
        return float(score(author_v))
    inner = vals[0]  # the innermost source's own stance
    return CALIBRATED_REPORTED[inner[0]] * (1 if inner[1] >= 0 else -1)


def _metrics(gold: list[float], pred: list[float]) -> dict[str, float]:
    n = len(gold)
    mae = sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / n
    mg, mp = sum(gold) / n, sum(pred) / n
    cov = sum((g - mg) * (p - mp) for g, p in zip(gold, pred, strict=True))
    sg = math.sqrt(sum((g - mg) ** 2 for g in gold))
    sp = math.sqrt(sum((p - mp) ** 2 for p in pred))
    r = cov / (sg * sp) if sg and sp else 0.0
    sign = sum(_sign(g) == _sign(p) for g, p in zip(gold, pred, strict=True)) / n
    return {"mae": round(mae, 4), "pearson_r": round(r, 4), "sign_accuracy": round(sign, 4)}


def _sign(x: float) -> int:
    return 1 if x >= 1 else -1 if x <= -1 else 0


def _head(doc: Any, a: int, b: int) -> int:
    """The token of [a, b) whose head lies outside the span (else the last)."""
    for i in range(a, b):
        h = doc[i].head.i
        if h < a or h >= b or h == i:
            return i
    return b - 1


def evaluate(path: str, *, limit: int | None = None) -> dict[str, object]:
    """MAE, Pearson r and sign accuracy of the reader's author values."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{path}: no such file")
    records: list[dict[str, Any]] = []
    with file.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"not JSON: {exc}") from exc
            if limit and len(records) >= limit:
                break
    from spacy.tokens import Doc

    nlp = load_nlp()
    gold: list[float] = []
    pred: list[float] = []
    cal: list[float] = []
    words_docs = (Doc(nlp.vocab, words=r["text"].split(" ")) for r in records)
    for rec, doc in zip(records, nlp.pipe(words_docs, batch_size=64), strict=True):
        table = NameTable()
        table.add_doc(doc)
        reader = TextReader(doc, table, "author", "author")
        for t in rec.get("targets", ()):
            a, b = t["span1"]
            if not 0 <= a < b <= len(doc):
                continue
            modality, _, layers, vals, author_v = reader.value_of(_head(doc, a, b))
            gold.append(float(t["label"]))
            pred.append(float(score(author_v)))
            cal.append(calibrated(modality, layers, vals, author_v))
    n = len(gold)
    if n == 0:
        raise UsageError(f"{path}: no targets")
    dist = {k: sum(1 for g in gold if _sign(g) == k) for k in (1, 0, -1)}
    return {"file": str(file), "sentences": len(records), "targets": n,
            **_metrics(gold, pred), "calibrated": _metrics(gold, cal),
            "gold_signs": {"happened": dist[1], "uncertain": dist[0], "did_not": dist[-1]}}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("factuality", help="author's factuality of target predicates "
                       "(-3..+3 JSON lines): MAE, Pearson r, sign accuracy")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N sentences")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.file, limit=args.limit)
    if args.format == "json":
        print_json(result)
        return 0
    sys.stdout.write(
        f"{result['file']}: {result['targets']} targets in {result['sentences']} sentences\n"
        f"MAE {result['mae']:.3f}  Pearson r {result['pearson_r']:.3f}  "
        f"sign accuracy {result['sign_accuracy']:.3f}   (stance labels as the reader gives them)\n")
    c = result["calibrated"]
    assert isinstance(c, dict)
    sys.stdout.write(f"MAE {c['mae']:.3f}  Pearson r {c['pearson_r']:.3f}  "
                     f"sign accuracy {c['sign_accuracy']:.3f}   (calibrated on UW train)\n")
    return 0
