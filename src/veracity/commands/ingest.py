"""``veracity ingest PATH...``: files and folders into the store."""

from __future__ import annotations

import argparse
import sys
import time

from veracity.commands._common import add_db, add_format, add_language, print_json
from veracity.commands.watch import add_fetch_flags, fetch_settings, log
from veracity.ingest.dates import parse_published
from veracity.pipeline import ingest
from veracity.render.terminal import one_line
from veracity.render.watch import alert_line
from veracity.store import open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest", help="ingest news pages: HTML (.html, .html.gz), pasted page text, "
        "JSON lines, WARC; folders recursively; web pages by URL",
        description="Ingest files, folders and web pages (http:// and https:// URLs, "
        "fetched politely: robots.txt, a per-host delay, size and time limits). Formats "
        "are detected by content: HTML "
        "(also gzipped), plain page text pasted from a browser, JSON lines (one article "
        "a line with 'text' or 'html', optional 'url', 'title', 'published', 'source'), "
        "WARC (.warc, .warc.gz). Exit status: 0 if anything was ingested or already "
        "stored, 1 if nothing was, 2 for usage errors.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders or URLs; '-' reads one input from standard input")
    add_db(p)
    add_fetch_flags(p)
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) of these pages; JSON-lines records "
                   "keep their own 'published' and take this only when they have none")
    p.add_argument("--source", metavar="NAME", help="outlet name for these pages (JSON-lines "
                   "records keep their own 'source')")
    p.add_argument("--url", metavar="URL", help="address of the page (single pages)")
    add_language(p, "these pages")
    p.add_argument("--max-bytes", type=int, metavar="N",
                   help="largest file or record accepted (default 20000000)")
    p.add_argument("--workers", type=int, metavar="N", help="reader processes (default 1)")
    p.add_argument("--no-read", action="store_true",
                   help="store documents without running the reader (run 'reread' later)")
    p.add_argument("--force", action="store_true",
                   help="ingest inputs already stored again: their documents take the "
                   "metadata given now (--published, --source...) and are read again")
    add_format(p)
    p.set_defaults(func=run)


class Bar:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.start = time.monotonic()

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.enabled or total < 2:
            return
        width = 30
        filled = int(width * done / total)
        rate = done / max(time.monotonic() - self.start, 1e-6)
        name = path if len(path) <= 40 else "…" + path[-39:]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                         f"{rate:.1f} files/s {name:<40}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from veracity.watch.standing import after_ingest

    settings = fetch_settings(args)
    published = parse_published(args.published)
    stdin = sys.stdin.buffer.read(settings.max_bytes + 1) if "-" in args.paths else None
    with open_store(settings.db_path) as store:
        report = ingest(args.paths, store, settings, published=published, source=args.source,
                        url=args.url, progress=Bar(), read=False if args.no_read else None,
                        language=args.language, force=args.force, stdin=stdin)
        # Standing questions are asked again once the documents are stored.
        alerts = after_ingest(store, settings, report.doc_ids, log=log)
    for path, reason in report.skipped:
        print(f"skipped {one_line(path)}: {one_line(reason)}", file=sys.stderr)
    for path, reason in report.not_read:
        print(f"stored {one_line(path)}, {one_line(reason)}", file=sys.stderr)
    for path, reason in report.unsure:
        print(f"stored {one_line(path)}, but unsure of its text: {one_line(reason)}",
              file=sys.stderr)
    if args.format == "json":
        print_json({"db": settings.db_path, **report.to_dict(),
                    "alerts": [a.to_dict() for a in alerts]})
    else:
        print(f"ingested {report.ingested} document(s) ({report.teasers} teaser(s)) into "
              f"{settings.db_path}; {report.duplicates} duplicate(s), "
              f"{report.near_duplicates} near-duplicate(s) linked as copies, "
              f"{report.already_done} input(s) already stored, "
              f"{len(report.skipped)} skipped"
              + (f"; {report.replaced} replaced" if args.force else "")
              + (f"; {len(report.not_read)} not read (language)" if report.not_read else ""))
        for alert in alerts:
            print(alert_line(alert))
    return 0 if (report.ingested or report.already_done or report.duplicates
                 or report.replaced) else 1
