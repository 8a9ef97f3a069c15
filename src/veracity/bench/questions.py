"""``veracity bench questions``: gold verdicts over a real corpus.

Asks every question of a JSON-lines file (the layout of
``../shared/data/questions``: ``q``, ``accept``, ``quotes``) of an existing
store and prints accuracy, the confusion of gold against predicted labels, and
the share of right answers whose evidence contains the expected quotes (a
quote counts as found when an evidence item's quote overlaps it: one contains
the other, or they share most of their words).  ``--predictions`` writes one
JSON line per question with the verdict, the claim as understood, and the
lead event's quoted evidence, for reading the failures.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from veracity.commands._common import add_db, add_format, print_json, settings_from, write_jsonl
from veracity.errors import UsageError
from veracity.verify.types import LABELS

_WORD = re.compile(r"\w+")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("questions", help="accuracy of `veracity ask` against gold verdicts "
                       "(JSON lines: q, accept, quotes)")
    p.add_argument("questions", metavar="QUESTIONS.jsonl")
    add_db(p)
    p.add_argument("--predictions", metavar="OUT.jsonl",
                   help="write each question's verdict and evidence as JSON lines")
    add_format(p)
    p.set_defaults(func=run)


def read_items(path: str) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror}") from exc
    items = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) \
                or not isinstance(item.get("accept"), list) or not item["accept"]:
            raise UsageError(f"{path}:{n}: expected an object with 'q' and a non-empty 'accept'")
        bad = [a for a in item["accept"] if a not in LABELS]
        if bad:
            raise UsageError(f"{path}:{n}: unknown label {bad[0]!r}")
        items.append(item)
    if not items:
        raise UsageError(f"{path}: no questions")
    return items


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quote_found(expected: str, quotes: list[str]) -> bool:
    """Whether an evidence quote holds the expected quote (or most of its words)."""
    want = " ".join(_words(expected))
    want_set = set(_words(expected))
    for q in quotes:
        have = " ".join(_words(q))
        if want and (want in have or (have and have in want and len(have) >= len(want) / 2)):
            return True
        if want_set and len(want_set & set(_words(q))) >= 0.8 * len(want_set):
            return True
    return False


def run(args: argparse.Namespace) -> int:
    from veracity.store import open_store
    from veracity.verify import ask

    items = read_items(args.questions)
    settings = settings_from(args)
    if args.db is None and settings.db is None:
        raise UsageError("--db FILE is required: the store holding the questions' corpus")
    confusion: dict[str, Counter[str]] = {}
    by_label: dict[str, dict[str, int]] = {}
    right = with_quotes = 0
    rows = []
    with open_store(settings.db_path) as store:
        for item in items:
            v = ask(item["q"], store=store)
            gold = item["accept"][0]
            ok = v.verdict in item["accept"]
            confusion.setdefault(gold, Counter())[v.verdict] += 1
            tally = by_label.setdefault(gold, {"questions": 0, "right": 0})
            tally["questions"] += 1
            tally["right"] += ok
            shown = [e.quote for ev in v.events[:1] for e in ev.evidence]
            expected = [q for q in item.get("quotes", []) if q]
            quoted = ok and (not expected or any(quote_found(q, shown) for q in expected))
            right += ok
            with_quotes += quoted
            rows.append({"q": item["q"], "accept": item["accept"], "verdict": v.verdict,
                         "right": ok, "quotes_found": quoted, "claim": v.claim.text,
                         "understood": v.to_dict().get("understood"),
                         "evidence": [{"source": e.source, "stance": e.stance, "quote": e.quote,
                                       "doc_id": e.doc_id}
                                      for ev in v.events[:1] for e in ev.evidence],
                         "notes": list(v.notes)})
    n = len(items)
    result = {"questions": n, "accuracy": round(right / n, 3),
              "quotes": round(with_quotes / n, 3),
              "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
              "by_label": dict(sorted(by_label.items()))}
    if args.predictions:
        write_jsonl(args.predictions, rows)
    if args.format == "json":
        print_json(result)
        return 0
    print(f"{n} questions: {right} right ({result['accuracy']:.1%}), "
          f"{with_quotes} right with the expected quotes in the evidence "
          f"({result['quotes']:.1%})")
    labels = list(LABELS)
    print("gold \\ predicted " + " ".join(f"{p[:11]:>11}" for p in labels))
    for g in labels:
        if g in confusion:
            print(f"{g:<17}" + " ".join(f"{confusion[g].get(p, 0):>11}" for p in labels))
    return 0
