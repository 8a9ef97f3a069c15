"""``veracity bench extract DIR``: main-text extraction against gold article bodies.

Layout of DIR (that of the scrapinghub article-extraction benchmark):
``html/*.html.gz``, ``ground-truth.json`` (``{id: {"articleBody": ...}}``) and
``output/*.json`` (other tools' extractions, same shape).

Metric, as the benchmark defines it: per page, counts of matching, extra and
missing word 4-gram shingles (multisets of ``\\w+`` tokens), normalised to sum
to one; precision and recall are averaged over pages (pages with no predicted
or no gold shingles left out of the respective mean) and F1 is their harmonic
mean.  "accuracy" is the share of pages whose own F1 exceeds 0.9.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from veracity import metrics
from veracity.commands._common import add_format, print_json
from veracity.errors import InputError, UsageError
from veracity.ingest.detect import decode, read_bytes
from veracity.ingest.html import extract_html

_TOKEN = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_counts(gold: str, pred: str) -> Counts:
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(pages: list[Counts]) -> dict[str, float]:
    p = statistics.mean([_precision(*c) for c in pages if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([_recall(*c) for c in pages if c[0] + c[2] > 0] or [0.0])
    f1s = []
    for c in pages:
        pp, rr = _precision(*c), _recall(*c)
        f1s.append(metrics.f1(pp, rr))
    return {"precision": p, "recall": r, "f1": metrics.f1(p, r),
            "accuracy": sum(f > 0.9 for f in f1s) / len(f1s) if f1s else 0.0}


def run_benchmark(root: Path) -> dict[str, Any]:
    gt_path = root / "ground-truth.json"
    if not gt_path.is_file() or not (root / "html").is_dir():
        raise UsageError(f"{root}: expected ground-truth.json and html/ (the layout of the "
                         "article-extraction benchmark)")
    gold = {k: v.get("articleBody", "") for k, v in
            json.loads(gt_path.read_text(encoding="utf-8")).items()}
    ours: dict[str, str] = {}
    failures: list[str] = []
    start = time.perf_counter()
    for page_id in sorted(gold):
        path = root / "html" / f"{page_id}.html.gz"
        try:
            html = decode(str(path), read_bytes(path, 50_000_000))
            ours[page_id] = extract_html(str(path), html).text
        except InputError as exc:
            failures.append(str(exc))
            ours[page_id] = ""
    elapsed = time.perf_counter() - start
    results = {"veracity": score([page_counts(gold[k], ours[k]) for k in sorted(gold)])}
    for out in sorted((root / "output").glob("*.json")):
        data = json.loads(out.read_text(encoding="utf-8"))
        # Newer outputs wrap the pages as {"output": {...}, "version": ...}.
        if isinstance(data.get("output"), dict):
            data = data["output"]
        results[out.stem] = score([
            page_counts(gold[k], (data.get(k) or {}).get("articleBody") or "")
            for k in sorted(gold)])
    return {"pages": len(gold), "seconds": elapsed, "pages_per_second": len(gold) / elapsed,
            "failures": failures, "results": results}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="main-text extraction: shingle P/R/F1 against gold "
                       "bodies, beside other tools' outputs")
    p.add_argument("dir", metavar="DIR", help="e.g. ../shared/data/article-extraction")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    res = run_benchmark(Path(args.dir))
    if args.format == "json":
        print_json(res)
        return 0
    print(f"{res['pages']} pages, veracity extraction at {res['pages_per_second']:.1f} pages/s")
    print(f"{'tool':<18} {'precision':>9} {'recall':>9} {'F1':>7} {'accuracy':>9}")
    rows = sorted(res["results"].items(), key=lambda kv: -kv[1]["f1"])
    for name, m in rows:
        print(f"{name:<18} {m['precision']:>9.3f} {m['recall']:>9.3f} {m['f1']:>7.3f} "
              f"{m['accuracy']:>9.3f}")
    for f in res["failures"]:
        print(f"failed: {f}", file=sys.stderr)
    return 0
