"""``veracity ask QUESTION``: the verdict and its evidence, from the store."""

from __future__ import annotations

import argparse
import sys

from veracity.commands._common import add_db, add_format, existing_store, settings_from
from veracity.errors import UsageError
from veracity.read.timex import parse_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from veracity.render import FORMATS

    p = sub.add_parser("ask", help="answer a question such as 'Did Trump talk to Putin?' "
                       "with a verdict (confirmed, reported, disputed, denied, no_evidence) "
                       "and the quoted evidence")
    p.add_argument("question", metavar="QUESTION", help="a yes/no question or a claim")
    add_db(p)
    p.add_argument("--as-of", metavar="DATE", dest="as_of",
                   help="answer from documents published by DATE (YYYY-MM-DD) only")
    add_format(p, FORMATS)
    p.set_defaults(func=run)


def check_date(value: str | None, flag: str) -> None:
    if value is not None and parse_date(value) is None:
        raise UsageError(f"{flag} {value!r}: expected a date as YYYY-MM-DD")


def run(args: argparse.Namespace) -> int:
    from veracity.render import render
    from veracity.verify import ask

    check_date(args.as_of, "--as-of")
    settings = settings_from(args)
    with existing_store(settings) as store:
        verdict = ask(args.question, store=store, as_of=args.as_of,
                      time_budget=settings.ask_time_budget)
    out = render(verdict, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
