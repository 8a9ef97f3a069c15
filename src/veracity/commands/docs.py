"""``veracity docs``: list stored documents."""

from __future__ import annotations

import argparse

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from
from veracity.render.terminal import one_line


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("docs", help="list stored documents")
    add_db(p)
    p.add_argument("--kind", choices=("article", "teaser"), help="only this kind")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with existing_store(settings) as store:
        docs = store.documents(limit=args.limit, kind=args.kind)
    if args.format == "json":
        print_json([s.summary() for s in docs])
        return 0
    if not docs:
        print(f"no documents in {settings.db_path}")
        return 0
    for s in docs:
        d = s.doc
        title = d.title or (d.text[:60] + ("…" if len(d.text) > 60 else ""))
        links = []
        if s.parent_id:
            links.append(f"teaser on {s.parent_id}")
        if s.copy_of:
            links.append(f"copy of {s.copy_of}")
        extra = f" [{', '.join(links)}]" if links else ""
        print(one_line(f"{s.id:>5}  {d.kind:<7} {d.language or '--'}  "
                       f"{d.published or '----------'}  "
                       f"{(d.source or '-')[:20]:<20}  {title}{extra}"))
    return 0
