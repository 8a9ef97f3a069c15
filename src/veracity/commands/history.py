"""``veracity history QUESTION``: how the verdict changed as articles arrived."""

from __future__ import annotations

import argparse
import sys

from veracity.commands._common import add_db, add_format, existing_store, settings_from


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("history", help="how the verdict on a question changed as documents "
                       "were published, one line per date")
    p.add_argument("question", metavar="QUESTION", help="a yes/no question or a claim")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.render import render_history
    from veracity.verify import history

    settings = settings_from(args)
    with existing_store(settings) as store:
        points = history(args.question, store=store)
    out = render_history(args.question, points, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
