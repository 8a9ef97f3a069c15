"""``veracity watch ...``: feeds and sitemaps polled for new articles, and standing
questions asked again after every ingest (alerts when a verdict changes)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType

from veracity.commands._common import (
    add_db,
    add_format,
    existing_store,
    print_json,
    settings_from,
)
from veracity.errors import NotFound, UsageError
from veracity.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("watch", help="watch feeds and sitemaps for new articles; standing "
                       "questions with alerts when their verdict changes")
    wsub = p.add_subparsers(dest="watch", metavar="ACTION", parser_class=type(p))

    add = wsub.add_parser("add", help="watch a feed (RSS, Atom, JSON Feed) or a sitemap")
    add.add_argument("url", metavar="FEED_OR_SITEMAP_URL")
    add_db(add)
    add.set_defaults(func=run_add)

    ls = wsub.add_parser("list", help="the feeds watched and the standing questions")
    add_db(ls)
    add_format(ls)
    ls.set_defaults(func=run_list)

    rm = wsub.add_parser("remove", help="stop watching a feed (by URL or id)")
    rm.add_argument("key", metavar="URL_OR_ID")
    add_db(rm)
    rm.set_defaults(func=run_remove)

    run = wsub.add_parser(
        "run", help="poll the feeds, ingest what is new, re-ask the standing questions",
        description="Poll every watched feed and sitemap, fetch and ingest the new "
        "articles, and ask the standing questions again; alerts go to stdout, progress "
        "to stderr. Without --once it keeps polling until Ctrl-C (or SIGTERM). Exit "
        "status with --once: 0, or 1 when a feed failed.")
    run.add_argument("--once", action="store_true", help="poll every feed once, then stop")
    run.add_argument("--interval", metavar="DURATION",
                     help="time between polls of a feed: 90, 30s, 15m, 2h (default: "
                     "setting watch_interval, 15m)")
    add_fetch_flags(run)
    add_db(run)
    run.add_argument("--no-read", action="store_true",
                     help="store documents without running the reader")
    run.set_defaults(func=run_poll)

    ask = wsub.add_parser("ask", help="make a question standing: asked again after every "
                          "ingest, with an alert when its verdict changes")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--webhook", metavar="URL", help="also POST each alert (JSON) here")
    add_db(ask)
    ask.set_defaults(func=run_ask)

    unask = wsub.add_parser("unask", help="stop asking a standing question (by text or id)")
    unask.add_argument("key", metavar="QUESTION_OR_ID")
    add_db(unask)
    unask.set_defaults(func=run_unask)
    p.set_defaults(func=lambda _args: _usage(p))


def add_fetch_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true", default=None,
                   help="also fetch from private, loopback and link-local addresses "
                   "(refused by default)")


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def log(line: str) -> None:
    """A progress line on stderr, with the time (``watch run`` runs for days)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"{stamp} {line}", file=sys.stderr, flush=True)


def run_add(args: argparse.Namespace) -> int:
    from veracity.ingest.fetch import is_url
    from veracity.store import open_store

    if not is_url(args.url):
        raise UsageError(f"{args.url!r} is not an http:// or https:// address")
    with open_store(settings_from(args).db_path) as store:
        w, added = store.add_watch(args.url.strip())
    print(f"{'watching' if added else 'already watching'} {w.url} (id {w.id})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from veracity.render.watch import watch_list

    with existing_store(settings_from(args)) as store:
        watches, questions = store.watches(), store.questions()
    if args.format == "json":
        print_json({"watches": [w.to_dict() for w in watches],
                    "questions": [q.to_dict() for q in questions]})
    else:
        sys.stdout.write(watch_list(watches, questions))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from veracity.store import open_store

    with open_store(settings_from(args).db_path) as store:
        w = store.remove_watch(args.key.strip())
    if w is None:
        raise NotFound(f"no watched feed {args.key!r} (see 'veracity watch list')")
    print(f"stopped watching {w.url} (id {w.id})")
    return 0


def run_ask(args: argparse.Namespace) -> int:
    from veracity.render.terminal import one_line
    from veracity.store import open_store
    from veracity.watch.standing import add_standing

    settings = settings_from(args)
    with open_store(settings.db_path) as store:
        q, added = add_standing(store, settings, args.question, args.webhook)
    print(one_line(f"{'standing question' if added else 'already standing'} {q.id}: "
                   f"{q.question}: {q.verdict} now"
                   + (f"; alerts also to {q.webhook}" if q.webhook else "")))
    return 0


def run_unask(args: argparse.Namespace) -> int:
    from veracity.render.terminal import one_line
    from veracity.store import open_store

    with open_store(settings_from(args).db_path) as store:
        q = store.remove_question(args.key)
    if q is None:
        raise NotFound(f"no standing question {args.key!r} (see 'veracity watch list')")
    print(one_line(f"no longer asking {q.id}: {q.question}"))
    return 0


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a service manager stopping us) ends the run as Ctrl-C does."""
    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def fetch_settings(args: argparse.Namespace) -> Settings:
    return settings_from(args).with_overrides(
        allow_private=getattr(args, "allow_private", None),
        watch_interval=getattr(args, "interval", None))


def run_poll(args: argparse.Namespace) -> int:
    from veracity.ingest.fetch import Fetcher
    from veracity.render.watch import alert_line
    from veracity.store import open_store
    from veracity.watch.poll import Poller
    from veracity.watch.standing import after_ingest

    settings = fetch_settings(args)
    with (stop_on_sigterm(), open_store(settings.db_path) as store,
          Fetcher(settings) as fetcher):
        poller = Poller(store, settings, fetcher, log=log,
                        read=False if args.no_read else None)
        told_empty = False
        try:
            while True:
                summary = poller.poll(every=args.once)
                for alert in after_ingest(store, settings, summary.doc_ids, log=log):
                    print(alert_line(alert), flush=True)
                if not summary.results and not told_empty:
                    log("nothing to watch; add a feed with 'veracity watch add URL'")
                    told_empty = True
                if args.once:
                    failed = sum(1 for r in summary.results if r.error)
                    log(f"polled {len(summary.results)} feed(s): "
                        f"{sum(r.items for r in summary.results)} new item(s), "
                        f"{len(summary.doc_ids)} document(s) stored, {failed} failed")
                    return 1 if failed or not summary.results else 0
                time.sleep(max(1.0, poller.seconds_to_next()))
        except KeyboardInterrupt:
            log("watch: stopped")
            return 0
