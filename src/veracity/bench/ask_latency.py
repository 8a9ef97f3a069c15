"""``veracity bench ask-latency``: how long ``ask`` takes on a real store.

Times ``veracity.ask`` on every question of a file (one a line; blank lines
and ``#`` comments skipped) against an existing store, after one warm-up
question that loads the spaCy pipeline (its time is reported apart as the
cold start).  Prints p50, p95 and max in milliseconds, the slowest question,
and the verdicts; ``--repeat`` runs the whole list several times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from veracity.commands._common import add_db, add_format, print_json, settings_from
from veracity.errors import UsageError
from veracity.store.base import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ask-latency", help="p50 / p95 milliseconds of `veracity ask` over a "
                       "file of questions on an existing store")
    add_db(p)
    p.add_argument("questions", metavar="QUESTIONS_FILE", help="one question a line")
    p.add_argument("--repeat", type=int, default=1, metavar="N",
                   help="run the list N times (default 1)")
    add_format(p)
    p.set_defaults(func=run)


def read_questions(path: str) -> list[str]:
    """One question a line; a JSON line takes its ``q`` field (the golden
    question files of ``../shared/data/questions``)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror}") from exc
    qs = []
    for n, ln in enumerate(lines, start=1):
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        if ln.startswith("{"):
            try:
                q = json.loads(ln).get("q")
            except (ValueError, AttributeError) as exc:
                raise UsageError(f"{path}:{n}: not a JSON object with 'q'") from exc
            if not isinstance(q, str) or not q.strip():
                raise UsageError(f"{path}:{n}: no question in 'q'")
            ln = q.strip()
        qs.append(ln)
    if not qs:
        raise UsageError(f"{path}: no questions")
    return qs


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[k]


def measure(store: Store, questions: list[str], repeat: int = 1) -> dict[str, Any]:
    """``ask`` timed on every question (``repeat`` times) after one warm-up."""
    from veracity.verify import ask

    times: list[tuple[float, str]] = []
    verdicts: Counter[str] = Counter()
    docs = store.count()
    t0 = time.perf_counter()
    ask(questions[0], store=store)
    cold = (time.perf_counter() - t0) * 1000
    for _ in range(max(1, repeat)):
        for q in questions:
            t = time.perf_counter()
            v = ask(q, store=store)
            times.append(((time.perf_counter() - t) * 1000, q))
            verdicts[v.verdict] += 1
    ms = [t for t, _ in times]
    slowest = max(times)
    result = {
        "documents": docs, "questions": len(questions), "asks": len(ms),
        "cold_start_ms": round(cold, 1), "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1), "max_ms": round(slowest[0], 1),
        "mean_ms": round(statistics.fmean(ms), 1), "slowest": slowest[1],
        "verdicts": dict(verdicts),
    }
    return result


def run(args: argparse.Namespace) -> int:
    from veracity.store import open_store

    questions = read_questions(args.questions)
    settings = settings_from(args)
    if args.db is None and settings.db is None:
        raise UsageError("--db FILE is required: the store to ask")
    with open_store(settings.db_path) as store:
        result = measure(store, questions, args.repeat)
    if args.format == "json":
        print_json(result)
        return 0
    print(f"ask latency on {result['documents']} documents: {result['asks']} asks of "
          f"{len(questions)} questions")
    print(f"  p50 {result['p50_ms']} ms   p95 {result['p95_ms']} ms   max {result['max_ms']} ms"
          f"   mean {result['mean_ms']} ms")
    print(f"  cold start (loads the spaCy pipeline): {result['cold_start_ms']} ms")
    print(f"  slowest: {result['slowest']}")
    print("  verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(result["verdicts"].items())))
    return 0
