"""``veracity bench emergent``: end-to-end "did it happen?" on Emergent's claims.

Emergent (Ferreira & Vlachos 2016) tracks rumoured claims with the headlines of
the articles that covered them and each claim's final veracity (true, false,
unknown).  For every claim its headlines are ingested, as short documents
(one per article, each its own outlet), into a fresh store; the claim is asked;
the lead verdict is mapped to Emergent's labels as in product.md (confirmed ->
true, denied -> false, anything else -> unknown; a claim phrased in the
negative swaps true and false).  Prints accuracy, macro-F1 and the confusion
matrix beside the majority-class baseline, and optionally writes every
prediction as JSON lines.

``ask`` falls back on the article stance model, trained on FNC-1, and FNC-1
was built from Emergent: many Emergent headlines are FNC-1 training rows.  When
the model is on, the output says how many (``stance_model``) and warns;
``--no-stance-model`` measures the reader alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from veracity import metrics
from veracity.commands._common import add_format, print_json, write_jsonl
from veracity.errors import UsageError

if TYPE_CHECKING:
    from veracity.stance.model import StanceModel

CLASSES: tuple[str, ...] = ("true", "false", "unknown")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("emergent", help="Emergent claims: ingest each claim's headlines, ask "
                       "the claim, score the verdicts (accuracy, macro-F1, confusion matrix) "
                       "against the majority baseline")
    p.add_argument("--articles", required=True, metavar="FILE",
                   help="url-versions-...csv: claimHeadline, articleHeadline, articleId, claimId")
    p.add_argument("--claims", required=True, metavar="FILE",
                   help="claims csv: claimId, claimHeadline, claimTruth")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N claims only")
    p.add_argument("--predictions", metavar="OUT.jsonl",
                   help="write each claim's verdict and mapped label")
    p.add_argument("--no-stance-model", action="store_true",
                   help="answer from the reader alone, without the article stance model "
                        "(trained on FNC-1, which was built from Emergent)")
    add_format(p)
    p.set_defaults(func=run)


def _rows(path: str, need: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror}") from exc
    if rows and not set(need) <= set(rows[0]):
        raise UsageError(f"{path}: expected columns {', '.join(need)}")
    return rows


def load(articles: str, claims: str) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(claim id, claim, truth, [(article id, headline)]) in the claims file's order."""
    heads: dict[str, list[tuple[str, str]]] = {}
    for r in _rows(articles, ("articleHeadline", "articleId", "claimId")):
        heads.setdefault(r["claimId"], []).append((r["articleId"], r["articleHeadline"]))
    out = []
    for r in _rows(claims, ("claimId", "claimHeadline", "claimTruth")):
        out.append((r["claimId"], r["claimHeadline"], r["claimTruth"].strip().lower(),
                    heads.get(r["claimId"], [])))
    return out


def to_emergent(label: str, polarity: str, lean: str | None = None) -> str:
    from veracity.verify.types import EMERGENT

    mapped = lean if label == "disputed" and lean else EMERGENT[label]
    if polarity == "negative" and mapped != "unknown":
        return "false" if mapped == "true" else "true"
    return mapped


def scores(gold: list[str], pred: list[str]) -> dict[str, object]:
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / n if n else 0.0
    f1s = metrics.per_class_f1(gold, pred, CLASSES)
    matrix = metrics.confusion(gold, pred, CLASSES)
    return {"accuracy": round(acc, 4), "macro_f1": round(sum(f1s.values()) / len(CLASSES), 4),
            "f1": {c: round(v, 4) for c, v in f1s.items()}, "confusion": matrix}


def evaluate(items: list[tuple[str, str, str, list[tuple[str, str]]]]
             ) -> tuple[list[dict[str, object]], float]:
    from veracity.pipeline import ingest
    from veracity.settings import load_settings
    from veracity.store import open_store
    from veracity.verify import ask

    settings = load_settings()
    preds: list[dict[str, object]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="veracity-emergent-") as tmp:
        for k, (cid, claim, truth, heads) in enumerate(items):
            src = Path(tmp) / f"{k}.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for aid, headline in heads:
                    # Each article is its own outlet: Emergent gives no publisher.
                    fh.write(json.dumps({"text": headline, "title": headline,
                                         "source": f"article {aid[:8]}"}) + "\n")
            with open_store(str(Path(tmp) / f"{k}.sqlite")) as store:
                if heads:
                    ingest([str(src)], store, settings)
                v = ask(claim, store=store)
            preds.append({"claimId": cid, "claim": claim, "gold": truth, "verdict": v.verdict,
                          "polarity": v.claim.polarity,
                          "lean": v.lean,
                          "pred": to_emergent(v.verdict, v.claim.polarity, v.lean),
                          "headlines": len(heads)})
    return preds, time.perf_counter() - start


def stance_model_overlap(headlines: list[str], model: StanceModel | None = None
                         ) -> dict[str, object]:
    """What the stance model ``ask`` falls back on (default: the shipped one)
    has seen of these headlines."""
    from veracity.errors import VeracityError
    from veracity.stance import load_model
    from veracity.stance.provenance import seen

    if model is None:
        try:
            model = load_model()
        except VeracityError as exc:
            return {"used": False, "warning": f"stance model not loaded: {exc}"}
    info: dict[str, object] = {"used": True, "trained_on": model.meta.get("trained_on"),
                               "headlines": len(headlines)}
    if model.headline_keys is None:
        info["headlines_in_training"] = None
        info["warning"] = ("the stance model was trained on FNC-1, built from Emergent; it "
                           "does not record its headlines, so the overlap is unknown. Run "
                           "with --no-stance-model for a figure free of it")
        return info
    n = sum(seen(model.headline_keys, headlines))
    info["headlines_in_training"] = n
    info["warning"] = (f"{n} of these {len(headlines)} Emergent headlines are training "
                       "headlines of the stance model (FNC-1 was built from Emergent): the "
                       "figures are not on unseen data. Run with --no-stance-model for the "
                       "reader alone")
    return info


def run(args: argparse.Namespace) -> int:
    from veracity.verify import model as fallback

    items = load(args.articles, args.claims)
    if args.limit is not None:
        items = items[: args.limit]
    if not items:
        raise UsageError(f"{args.claims}: no claims")
    if args.no_stance_model:
        stance_model: dict[str, object] = {"used": False}
        fallback.set_predictor(None)
    else:
        stance_model = stance_model_overlap([h for *_, heads in items for _, h in heads])
        if "warning" in stance_model:
            print(f"warning: {stance_model['warning']}", file=sys.stderr)
    try:
        preds, seconds = evaluate(items)
    finally:
        if args.no_stance_model:
            fallback.reset_predictor()
    gold = [str(p["gold"]) for p in preds]
    pred = [str(p["pred"]) for p in preds]
    majority = Counter(gold).most_common(1)[0][0]
    result = {
        "claims": len(preds), "seconds": round(seconds, 1),
        "veracity": scores(gold, pred),
        "majority_baseline": {"label": majority, **scores(gold, [majority] * len(gold))},
        "verdicts": dict(Counter(str(p["verdict"]) for p in preds)),
        "gold": dict(Counter(gold)),
        "stance_model": stance_model,
    }
    if args.predictions:
        write_jsonl(args.predictions, preds)
    if args.format == "json":
        print_json(result)
        return 0
    v, b = result["veracity"], result["majority_baseline"]
    assert isinstance(v, dict) and isinstance(b, dict)
    print(f"Emergent: {len(preds)} claims, {seconds:.1f} s")
    print(f"{'':<22}{'accuracy':>9}{'macro-F1':>10}   F1 true / false / unknown")
    for name, s in (("veracity", v), (f"majority ({majority})", b)):
        f = s["f1"]
        print(f"{name:<22}{s['accuracy']:>9.3f}{s['macro_f1']:>10.3f}   "
              f"{f['true']:.3f} / {f['false']:.3f} / {f['unknown']:.3f}")
    print("confusion (rows gold, columns predicted: true false unknown)")
    for c, row in zip(CLASSES, v["confusion"], strict=True):
        print(f"  {c:<8} " + " ".join(f"{x:>5}" for x in row))
    counts = Counter(str(p["verdict"]) for p in preds)
    print("verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    if stance_model["used"]:
        print(f"stance model: on; {stance_model.get('headlines_in_training')} of "
              f"{stance_model.get('headlines')} headlines are in its training data (FNC-1)")
    else:
        print("stance model: off (reader alone)")
    return 0
