"""``veracity backfill SOURCE...``: archives of shards into a shared store, on Ray."""

from __future__ import annotations

import argparse
import contextlib
import sys

from veracity.commands._common import (
    add_format,
    add_language,
    need_counts,
    print_json,
    settings_from,
)
from veracity.render.terminal import one_line


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "backfill", help="ingest archives of JSON-lines and WARC shards on a Ray cluster "
        "(install veracity[ray])",
        description="Read JSON-lines and WARC shards (local paths or URIs pyarrow's "
        "filesystems open: s3://, gs://, hdfs://; folders recursively) on Ray Data and "
        "store documents and analyses with ingest's guarantees: each input once, exact "
        "and near-duplicates across the whole store, bad records reported and skipped, "
        "a re-run resumes. Exit status: 0 if anything was stored or already stored, 1 if "
        "nothing was, 2 for usage errors.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="shard files or folders")
    p.add_argument("--db", metavar="URL", help="store: a postgresql:// URL (the shared "
                   "store every worker and later run sees), or a SQLite file for local use")
    p.add_argument("--address", metavar="RAY_ADDRESS",
                   help="join the running Ray cluster at this address (e.g. 10.0.0.5:6379 "
                   "or 'auto'); without it a local Ray is started and stopped afterwards")
    p.add_argument("--workers", type=int, metavar="N", help="reader actors, one CPU each "
                   "(default: every CPU of the cluster, or of this machine)")
    p.add_argument("--batch-size", type=int, metavar="N",
                   help="records per reader batch (default: setting batch_size, 32)")
    p.add_argument("--max-bytes", type=int, metavar="N",
                   help="largest record accepted (default 20000000)")
    add_language(p, "every record")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from veracity.backfill import backfill

    need_counts(args, "workers", "batch_size")
    settings = settings_from(args)
    # Ray prints its workers' and raylet's lines on stdout ("Task ... failed.
    # There are infinite retries remaining"): stdout is kept for the summary.
    with contextlib.redirect_stdout(sys.stderr):
        report = backfill(args.sources, settings.db_path, settings, address=args.address,
                          workers=args.workers, batch_size=args.batch_size,
                          language=args.language)
    c = report.counts
    for path, reason in c.skipped:
        print(f"skipped {one_line(path)}: {one_line(reason)}", file=sys.stderr)
    for path, reason in c.not_read:
        print(f"stored {one_line(path)}, {one_line(reason)}", file=sys.stderr)
    if args.format == "json":
        print_json(report.to_dict())
    else:
        print(f"backfilled {c.ingested} document(s) from {report.shards} shard(s) into "
              f"{report.store}: {c.duplicates} duplicate(s), {c.near_duplicates} "
              f"near-duplicate(s) linked as copies, {c.already_done} input(s) already "
              f"stored, {len(c.skipped)} skipped; {report.articles_per_second:.2f} "
              f"articles/s with {report.workers} worker(s) in {report.seconds:.1f} s, "
              f"{report.store_seconds:.1f} s of it storing")
    return 0 if c.ingested or c.already_done or c.duplicates else 1
