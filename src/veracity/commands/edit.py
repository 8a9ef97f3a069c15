"""``veracity edit DOC_ID``: fix a stored document's date, outlet or title."""

from __future__ import annotations

import argparse

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "edit", help="change a stored document's publication date, outlet or title "
        "(reads it again when its date or outlet changes)",
        description="Change what is stored about a document. Relative times ('last "
        "Thursday') are anchored to the publication date and unattributed statements "
        "belong to the outlet, so changing either reads the document again; teasers "
        "printed on an article's page follow its outlet when they had the page's. "
        "Exit status: 0 when done, 1 when there is no such document.")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    add_db(p)
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    p.add_argument("--source", metavar="NAME", help="outlet name")
    p.add_argument("--title", metavar="TEXT", help="title (headline)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.corpus import edit

    settings = settings_from(args)
    with existing_store(settings) as store:
        report = edit(store, settings, args.doc_id, published=args.published,
                      source=args.source, title=args.title)
    if args.format == "json":
        print_json(report.to_dict())
        return 0
    what = ", ".join(report.changed) or "nothing (the values were already these)"
    line = f"document {report.doc_id}: changed {what}"
    if report.teasers:
        line += f"; the outlet of {len(report.teasers)} teaser(s) printed on it too"
    if report.reread:
        line += f"; read again: {', '.join(map(str, report.reread))}"
    print(line)
    return 0
