"""``veracity stance --claim TEXT FILE...``: does each article agree with the
claim, dispute it, discuss it, or is it unrelated?  Class scores and the
sentences that decided it; stores nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from veracity.commands._common import add_format, print_json
from veracity.errors import InputError, UsageError, VeracityError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("stance", help="stance of each article toward a claim: agree, disagree, "
                       "discuss or unrelated, with the deciding sentences")
    p.add_argument("--claim", required=True, metavar="TEXT", help="the claim (e.g. a headline)")
    p.add_argument("files", nargs="+", metavar="FILE", help="articles: HTML or plain text")
    p.add_argument("--model", metavar="PATH",
                   help="stance model .npz (default: the one shipped in the package)")
    add_format(p)
    p.set_defaults(func=run)


def article_text(path: str) -> str:
    """The main article's text: through ingest (HTML, pasted pages with teasers)
    when it is there, else the file as UTF-8 text."""
    from veracity.ingest import extract_file

    docs = extract_file(path)
    if docs:
        return docs[0].text
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc


def run(args: argparse.Namespace) -> int:
    from veracity.stance import load_model

    if not args.claim.strip():
        raise UsageError("--claim is empty")
    model = load_model(args.model)
    claim = model.analyse_claim(args.claim)
    rows: list[dict[str, Any]] = []
    failed = 0
    for path in args.files:
        try:
            text = article_text(path)
        except VeracityError as exc:
            print(f"veracity: skipped {exc}", file=sys.stderr)
            failed += 1
            continue
        result = model.predict_analysed([(claim, model.analyse_body(text))])[0]
        rows.append({"file": path, **result.to_dict()})
    if args.format == "json":
        print_json({"claim": args.claim, "articles": rows})
    else:
        for row in rows:
            sys.stdout.write(_text_block(row))
    return 1 if failed and not rows else 0


def _text_block(row: dict[str, Any]) -> str:
    scores = "  ".join(f"{k} {v:.2f}" for k, v in
                       sorted(row["scores"].items(), key=lambda kv: -kv[1]))
    lines = [f"{row['file']}: {row['label']}", f"    scores: {scores}"]
    for s in row["sentences"]:
        cues = f"  cues: {', '.join(s['cues'])}" if s["cues"] else ""
        lines.append(f"    [{s['start']}:{s['end']}] sim {s['similarity']:.2f}{cues}")
        lines.append(f"      {s['text']}")
    return "\n".join(lines) + "\n"
