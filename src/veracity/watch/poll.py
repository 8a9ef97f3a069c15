"""Polling watched feeds and sitemaps: what is new is fetched and ingested, once.

For each watch that is due: the feed is fetched (conditionally, with the
validators of its last complete poll), parsed, and its items not taken before
are fetched as pages, newest first, at most ``watch_max_items`` a poll, through
the same ingest as ``veracity ingest URL``. Each item taken is recorded, so no
item is fetched twice; an item that failed for a passing reason (a timeout, a
5xx) is not, and is tried again next poll. The feed's validators are saved only
when every new item was taken, or a 304 would hide the ones left.

A feed that fails (down, malformed, refused) is recorded with its error and
retried after 1, 2, 4 ... 32 intervals; it never stops the other feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from veracity.errors import InputError, StoreError, crash_reason
from veracity.ingest import Ingester
from veracity.ingest.fetch import Fetcher, FetchError
from veracity.ingest.records import Unit
from veracity.ingest.urls import Pages
from veracity.pipeline import feed
from veracity.settings import Settings
from veracity.store.base import FetchState, SeenItem, Store, Watch
from veracity.watch.feeds import FEED_TYPES, Feed, FeedError, Item, parse_feed

Log = Callable[[str], None]
# Child sitemaps of a sitemap index read per poll, newest first: a news site's
# index lists one sitemap a day or month back for years, and only the latest
# hold new articles.
MAX_CHILD_SITEMAPS = 10
# A failing feed waits 1, 2, 4 ... 32 intervals before its next try.
MAX_BACKOFF_DOUBLINGS = 5


def backoff(interval: float, failures: int) -> float:
    """Seconds before a feed that failed ``failures`` times in a row is tried again."""
    return float(interval * 2 ** min(max(failures - 1, 0), MAX_BACKOFF_DOUBLINGS))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def next_poll(watch: Watch, interval: float) -> datetime | None:
    """When ``watch`` is due (None: now, it was never polled)."""
    if watch.retry_at:
        return _at(watch.retry_at)
    last = _at(watch.polled_at)
    return None if last is None else last + timedelta(seconds=interval)


@dataclass(frozen=True)
class PollResult:
    """One watch polled: how many new items, documents stored, or why it failed."""

    watch: Watch
    items: int = 0
    stored: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str | None = None
    left: int = 0  # new items left for the next poll (over watch_max_items)


@dataclass(frozen=True)
class PollSummary:
    results: tuple[PollResult, ...]
    doc_ids: tuple[int, ...]  # documents stored by this poll, for standing questions


class Poller:
    """Polls the store's watches with one fetcher (one per-host delay for all)."""

    def __init__(self, store: Store, settings: Settings, fetcher: Fetcher, *,
                 log: Log | None = None, read: bool | None = None) -> None:
        self.store = store
        self.settings = settings
        self.fetcher = fetcher
        self.log: Log = log or (lambda _line: None)
        self.read = read
        self.interval = settings.interval_seconds

    def seconds_to_next(self) -> float:
        """Seconds until the next watch is due (the interval when none is watched)."""
        now = _now()
        waits = [((when - now).total_seconds() if when else 0.0)
                 for when in (next_poll(w, self.interval) for w in self.store.watches())]
        return max(0.0, min(waits, default=self.interval))

    def poll(self, *, every: bool = False) -> PollSummary:
        """Poll the watches that are due (``every``: all of them, now)."""
        now = _now()
        due = [w for w in self.store.watches()
               if every or (when := next_poll(w, self.interval)) is None or when <= now]
        ing = Ingester(self.store, self.settings, read=self.read)
        results = []
        for watch in due:
            results.append(self._poll_one(watch, ing))
        return PollSummary(tuple(results), tuple(ing.report.doc_ids))

    def _poll_one(self, watch: Watch, ing: Ingester) -> PollResult:
        polled = _now().isoformat()
        try:
            result = self._take(watch, ing)
        except StoreError:
            raise
        except Exception as exc:  # the feed failed: recorded, retried later
            reason = exc.reason if isinstance(exc, InputError) else crash_reason(exc)
            failures = watch.failures + 1
            wait = backoff(self.interval, failures)
            failed = replace(watch, polled_at=polled, failures=failures, last_error=reason,
                             retry_at=(_now() + timedelta(seconds=wait)).isoformat())
            self.store.update_watch(failed)
            self.log(f"watch {watch.url}: {reason}; failed {failures} time(s) in a row, "
                     f"next try in {_duration(wait)}")
            return PollResult(failed, error=reason)
        ok = replace(result.watch, polled_at=polled, ok_at=polled, failures=0,
                     last_error=None, retry_at=None)
        self.store.update_watch(ok)
        if result.not_modified:
            self.log(f"watch {watch.url}: not modified")
        else:
            self.log(f"watch {watch.url}: {result.items} new item(s), {result.stored} "
                     f"document(s) stored, {result.skipped} skipped"
                     + (f", {result.left} left for the next poll" if result.left else ""))
        return replace(result, watch=ok)

    def _fetch(self, url: str) -> tuple[Feed | None, FetchState | None]:
        """The parsed feed (None: not modified) and the state to save once done."""
        before = self.store.fetch_state(url)
        got = self.fetcher.get(url, accept=FEED_TYPES,
                               etag=before.etag if before else None,
                               last_modified=before.last_modified if before else None)
        if got.not_modified:
            return None, None
        state = FetchState(url, got.etag, got.last_modified, None, _now().isoformat())
        return parse_feed(got.final_url, got.body), state

    def _take(self, watch: Watch, ing: Ingester) -> PollResult:
        feed, state = self._fetch(watch.url)
        if feed is None:
            return PollResult(watch, not_modified=True)
        watch = replace(watch, kind=feed.kind, title=feed.title or watch.title)
        states = [state] if state else []
        items = list(feed.newest_first())
        for child in sorted(feed.sitemaps, key=lambda s: s.published or "",
                            reverse=True)[:MAX_CHILD_SITEMAPS]:
            try:
                sub, sub_state = self._fetch(child.url)
            except (FetchError, FeedError) as exc:
                self.log(f"watch {watch.url}: sitemap {child.url}: {exc.reason}")
                states = []  # not saved: the next poll must read the index again
                continue
            if sub is not None:
                items += sub.newest_first()
                states += [sub_state] if sub_state else []
        unique = list({it.url: it for it in reversed(items)}.values())[::-1]
        seen = self.store.seen_items([it.url for it in unique])
        new = [it for it in unique if it.url not in seen]
        taken = new[:self.settings.watch_max_items]
        stored, skipped, transient = self._ingest(watch, taken, ing)
        if len(taken) == len(new) and not transient:
            for s in states:
                self.store.save_fetch_state(s)
        return PollResult(watch, items=len(new), stored=stored, skipped=skipped,
                          left=len(new) - len(taken))

    def _ingest(self, watch: Watch, items: list[Item], ing: Ingester
                ) -> tuple[int, int, set[str]]:
        """Fetch and store the items; (documents stored, items skipped, items to retry)."""
        if not items:
            return 0, 0, set()
        report = ing.report
        stored_before, skipped_before = report.ingested, len(report.skipped)
        transient: set[str] = set()
        pages = Pages(self.fetcher, self.store, self.settings.max_bytes)
        done = self.store.input_hashes()

        def units(item: Item) -> Iterator[Unit | InputError]:
            for u in pages.units(item.url, fallback_published=item.published, skip=done):
                if isinstance(u, FetchError) and u.transient:
                    transient.add(item.url)
                yield u

        feed(ing, (units(item) for item in items), done)
        new_skips = report.skipped[skipped_before:]
        for path, reason in new_skips:
            self.log(f"skipped {path}: {reason}")
        failed = {path for path, _ in new_skips}
        pages.remember(failed)
        why = dict(new_skips)
        self.store.mark_items([SeenItem(it.url, watch.id, why.get(it.url))
                               for it in items if it.url not in transient])
        return report.ingested - stored_before, len(new_skips), transient


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
