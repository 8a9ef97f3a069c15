"""``veracity rm DOC_ID...``: remove documents and everything stored about them."""

from __future__ import annotations

import argparse
import sys

from veracity.commands._common import add_db, add_format, existing_store, print_json, settings_from


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "rm", help="remove documents with their analyses, passages and the teasers "
        "printed on them",
        description="Remove documents with what the reader found in them, their "
        "passages, vectors and search index rows, and the teasers printed on their "
        "page. A near-duplicate copy of a removed document is linked to the closest "
        "original left, or becomes an original. The inputs they came from are "
        "forgotten, so ingesting them again stores them again. Exit status: 0 if "
        "anything was removed, 1 if nothing was (no such documents).")
    p.add_argument("doc_ids", type=int, nargs="+", metavar="DOC_ID")
    add_db(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.corpus import remove

    settings = settings_from(args)
    with existing_store(settings) as store:
        report = remove(store, settings, args.doc_ids)
    for doc_id in report.missing:
        print(f"skipped {doc_id}: no document {doc_id} in {settings.db_path}", file=sys.stderr)
    if args.format == "json":
        print_json({"db": settings.db_path, **report.to_dict()})
    else:
        parts = [f"removed {len(report.removed)} document(s)"
                 + (f" and {len(report.teasers)} teaser(s) printed on them"
                    if report.teasers else "") + f" from {settings.db_path}"]
        if report.promoted:
            parts.append(f"copies now originals: {', '.join(map(str, report.promoted))}")
        if report.relinked:
            parts.append("copies linked again: " + ", ".join(
                f"{c} to {o}" for c, o in report.relinked))
        if report.missing:
            parts.append(f"{len(report.missing)} not found")
        print("; ".join(parts))
    return 0 if report.removed else 1
