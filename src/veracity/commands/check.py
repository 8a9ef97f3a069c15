"""``veracity check FILE|URL|-``: every claim of an article, with what the rest of
the corpus says about it."""

from __future__ import annotations

import argparse
import sys

from veracity.commands._common import add_db, add_format, existing_store, settings_from
from veracity.commands.ask import check_date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from veracity.render.check import CHECK_FORMATS

    p = sub.add_parser("check", help="list the claims an article makes and check each "
                       "against the rest of the store (the article and its copies left out)")
    p.add_argument("article", metavar="FILE|URL|-",
                   help="an HTML page or pasted page text; '-' reads the text from stdin")
    add_db(p)
    p.add_argument("--as-of", metavar="DATE", dest="as_of",
                   help="check against documents published by DATE (YYYY-MM-DD) only")
    add_format(p, CHECK_FORMATS)
    p.add_argument("--store", action="store_true",
                   help="also ingest the article into the store (after checking it)")
    p.add_argument("--published", metavar="DATE",
                   help="the article's publication date (YYYY-MM-DD) when it does not "
                        "carry one: relative times ('on Tuesday') count from it")
    p.add_argument("--source", metavar="NAME", help="the article's outlet")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.render.check import render_check
    from veracity.store import open_store
    from veracity.verify.check import check_document, load_article, store_article

    check_date(args.as_of, "--as-of")
    check_date(args.published, "--published")
    settings = settings_from(args)
    if args.article == "-":
        doc = load_article(text=sys.stdin.read(), published=args.published,
                           source=args.source, max_bytes=settings.max_bytes)
    else:
        doc = load_article(path=args.article, published=args.published, source=args.source,
                           max_bytes=settings.max_bytes)
    # Only --store writes: without it a missing store is an error, not a new one.
    with (open_store(settings.db_path) if args.store else existing_store(settings)) as store:
        result = check_document(doc, store, as_of=args.as_of,
                                near_duplicate_threshold=settings.near_duplicate_threshold)
        stored = store_article(store, doc, settings) if args.store else None
    out = render_check(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if stored is not None:
        print(f"stored as doc {', '.join(map(str, stored))}" if stored else
              "already stored: not stored again", file=sys.stderr)
    return 0
