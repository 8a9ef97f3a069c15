"""``veracity bench factuality FILE.jsonl``: the author's view of each target
predicate on the -3..+3 event-factuality scale (UW, MEANTIME, UDS-IH2, CB, ...
as packaged by Jiang & de Marneffe).

Each line: ``text`` (tokens joined by spaces) and ``targets`` with a ``span1``
token range and a gold ``label``.  The text is parsed on its own tokens so the
spans line up, and each target's head word is scored three ways:

* the reader's labels, as it gives them: asserts +3, probable +2, possible +1,
  uncommitted (future, intended, conditional, reported) 0, the negatives
  mirrored — the rules, with the trained model's certainty where the reader
  takes it (``factuality_model.learned_value``);
* the rules alone, calibrated: each rule category scored by its mean on UW
  train (``factuality_features.calibrated``), for comparison with the
  literature;
* the trained model, imitating the annotators of the file's corpus (its
  folder name, when the model was trained on that corpus; else UW's).

Figures: MAE, Pearson r and three-way sign accuracy (happened >= +1, did not
<= -1, uncertain between).
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
from veracity.read.factuality_features import calibrated
from veracity.read.factuality_model import (
    READER_CONVENTION,
    learned_value,
    load_factuality,
    text_rows,
)
from veracity.read.factuality_train import read_targets
from veracity.read.nlp import load_nlp
from veracity.read.stances import score


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


def _convention(path: Path, known: tuple[str, ...], asked: str | None) -> str:
    if asked is not None:
        if asked not in known:
            raise UsageError(f"--convention {asked}: the model knows {', '.join(known)}")
        return asked
    return path.parent.name if path.parent.name in known else READER_CONVENTION


def evaluate(path: str, *, limit: int | None = None, model: str | None = None,
             convention: str | None = None) -> dict[str, object]:
    """MAE, Pearson r and sign accuracy of the reader's labels, the calibrated
    rules and the trained model."""
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
    fm = load_factuality(model)
    conv = _convention(file, fm.conventions, convention)
    nlp = load_nlp()
    gold: list[float] = []
    reader_pred: list[float] = []
    rules_pred: list[float] = []
    cal: list[float] = []
    trained: list[float] = []
    for _, reader, decisions, labels in read_targets(records, nlp):
        gold += labels
        if not decisions:
            continue
        rows = text_rows(reader.p, decisions)
        as_reader = None if conv == READER_CONVENTION else fm.predict(rows)
        scores = fm.predict(rows, conv)
        for k, (_, (modality, _, layers, vals, author_v)) in enumerate(decisions):
            f = float(scores[k] if as_reader is None else as_reader[k])
            rules_pred.append(float(score(author_v)))
            reader_pred.append(float(score(learned_value(author_v, modality, layers, f))))
            cal.append(calibrated(modality, layers, vals, author_v))
            trained.append(float(scores[k]))
    n = len(gold)
    if n == 0:
        raise UsageError(f"{path}: no targets")
    dist = {k: sum(1 for g in gold if _sign(g) == k) for k in (1, 0, -1)}
    return {"file": str(file), "sentences": len(records), "targets": n,
            **_metrics(gold, reader_pred), "rules_labels": _metrics(gold, rules_pred),
            "calibrated": _metrics(gold, cal),
            "trained": {**_metrics(gold, trained), "convention": conv,
                        "model": str(fm.path), "data_sha256": fm.meta.get("data_sha256")},
            "gold_signs": {"happened": dist[1], "uncertain": dist[0], "did_not": dist[-1]}}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("factuality", help="author's factuality of target predicates "
                       "(-3..+3 JSON lines): MAE, Pearson r, sign accuracy")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N sentences")
    p.add_argument("--model", metavar="PATH", help="the factuality model to score "
                   "(default: the shipped one)")
    p.add_argument("--convention", metavar="CORPUS", help="whose annotators the trained model "
                   "imitates (default: the file's folder name when the model knows it, else UW)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.file, limit=args.limit, model=args.model,
                      convention=args.convention)
    if args.format == "json":
        print_json(result)
        return 0
    sys.stdout.write(f"{result['file']}: {result['targets']} targets in "
                     f"{result['sentences']} sentences\n")

    def line(m: Any, what: str) -> None:
        sys.stdout.write(f"MAE {m['mae']:.3f}  Pearson r {m['pearson_r']:.3f}  "
                         f"sign accuracy {m['sign_accuracy']:.3f}   ({what})\n")

    line(result, "stance labels as the reader gives them")
    line(result["rules_labels"], "the same, rules alone")
    line(result["calibrated"], "rules alone, calibrated on UW train")
    t = result["trained"]
    assert isinstance(t, dict)
    line(t, f"trained model, {t['convention']} conventions")
    return 0
