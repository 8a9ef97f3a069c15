"""``veracity reread``: run the current reader again over stored documents."""

from __future__ import annotations

import argparse
import sys

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from
from veracity.commands.ingest import Bar
from veracity.pipeline import reread


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("reread", help="re-run the reader over stored documents "
                       "(those read by an older reader version, or --all)")
    add_db(p)
    p.add_argument("--all", action="store_true", help="re-read every document")
    p.add_argument("--workers", type=int, metavar="N", help="reader processes (default 1)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    bar = Bar()
    with existing_store(settings) as store:
        report = reread(store, settings, everything=args.all,
                        progress=lambda done, total: bar(done, total, "documents"))
    if args.format == "json":
        print_json(report.__dict__)
    else:
        print(f"read {report.read} document(s) with reader {report.reader_version}; "
              f"{report.up_to_date} already up to date"
              + (f", {report.other_language} in a language the reader does not read"
                 if report.other_language else ""), file=sys.stdout)
    return 0
