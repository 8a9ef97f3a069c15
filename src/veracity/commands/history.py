"""``veracity history QUESTION``: how the verdict changed as articles arrived."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from veracity.commands._common import add_db, add_format, existing_store, settings_from

if TYPE_CHECKING:
    from veracity.store.base import StandingQuestion, VerdictChange
    from veracity.watch.standing import DocRef


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("history", help="how the verdict on a question changed as documents "
                       "were published, one line per date; for a standing question also "
                       "each recorded change with the documents that caused it")
    p.add_argument("question", metavar="QUESTION", help="a yes/no question or a claim")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def with_changes(out: str, fmt: str, q: StandingQuestion, changes: list[VerdictChange],
                 docs: dict[int, DocRef]) -> str:
    """The history, then the changes recorded for the standing question."""
    from veracity.render.watch import changes_text

    if fmt == "json":
        data = json.loads(out)
        data["standing"] = {**q.to_dict(), "changes": [
            {**c.to_dict(), "documents": [asdict(docs[d]) for d in c.doc_ids if d in docs]}
            for c in changes]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return out.rstrip("\n") + "\n\n" + changes_text(q, changes, docs)


def run(args: argparse.Namespace) -> int:
    from veracity.render import render_history
    from veracity.verify import history
    from veracity.watch.standing import standing_history

    settings = settings_from(args)
    with existing_store(settings) as store:
        points = history(args.question, store=store)
        standing = standing_history(store, args.question)
    out = render_history(args.question, points, args.format)
    if standing is not None:
        out = with_changes(out, args.format, *standing)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
