"""Web pages given by URL: fetched (``veracity.ingest.fetch``), then read by the
same HTML extraction as a saved page, with the address as the document's url.

A page fetched and stored before is asked for conditionally: a 304 answer, or
the same bytes as last time, counts as already stored without being read
again. The validators are saved only once the page's documents are stored,
so a page that failed is fetched in full next time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from veracity.errors import InputError, crash_reason
from veracity.ingest.detect import Decoded, decode_html, decode_text
from veracity.ingest.fetch import HTML_TYPES, Fetched, Fetcher, FetchError
from veracity.ingest.html import extract_html
from veracity.ingest.records import Unit, raw_hash
from veracity.store.base import FetchState, Store


def _text(page: Fetched) -> Decoded:
    """The page's text in the charset its server named, else detected as for files."""
    if page.charset:
        try:
            return Decoded(page.body.decode(page.charset), page.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset label: detect as for a file
    return decode_html(page.url, page.body) if looks_like_html(page.body) \
        else decode_text(page.url, page.body)


def looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(t in head for t in (
        b"<html", b"<!doctype html", b"<head", b"<body", b"<title", b"<article", b"<p"))


class Pages:
    """Fetches pages for one ingest and remembers, per URL, what to save once the
    page is stored."""

    def __init__(self, fetcher: Fetcher, store: Store, max_bytes: int) -> None:
        self.fetcher = fetcher
        self.store = store
        self.max_bytes = max_bytes
        self._pending: dict[str, FetchState] = {}

    def units(self, url: str, *, published: str | None = None, source: str | None = None,
              fallback_published: str | None = None, skip: set[str] | None = None
              ) -> Iterator[Unit | InputError]:
        """The unit of one page (an InputError when it cannot be had); never raises.
        ``fallback_published`` dates the page when neither ``published`` nor the
        page itself gives a date (a feed item's date)."""
        try:
            yield self._unit(url, published, source, fallback_published, skip)
        except InputError as exc:
            yield exc
        except Exception as exc:  # our own bug: this URL's line, the batch goes on
            yield InputError(url, crash_reason(exc))

    def _unit(self, url: str, published: str | None, source: str | None,
              fallback: str | None, skip: set[str] | None) -> Unit:
        before = self.store.fetch_state(url)
        known = before is not None and before.raw_hash is not None and (
            skip is None or before.raw_hash in skip)
        page = self.fetcher.get(url, accept=HTML_TYPES, max_bytes=self.max_bytes,
                                etag=before.etag if known and before else None,
                                last_modified=before.last_modified if known and before else None)
        if page.not_modified:
            if before is None or before.raw_hash is None:
                raise FetchError(url, "the server answered 304 (not modified) to a request "
                                      "that was not conditional")
            return Unit(url, before.raw_hash, ())
        if not page.body.strip():
            raise InputError(url, "empty page")
        if page.media_type is None and not looks_like_html(page.body):
            raise InputError(url, "not an HTML page (no content type, and it does not look "
                                  "like HTML)")
        h = raw_hash(page.body)
        self._pending[url] = FetchState(url, page.etag, page.last_modified, h,
                                        datetime.now(UTC).isoformat(timespec="seconds"))
        if skip is not None and h in skip:
            return Unit(url, h, ())
        decoded = _text(page)
        doc = extract_html(url, decoded.text, url=page.final_url, published=published,
                           source=source)
        if doc.published is None and fallback:
            doc = replace(doc, published=fallback)
        return Unit(url, h, (doc,), (decoded.note(),) if decoded.unsure else ())

    def remember(self, failed: set[str]) -> None:
        """Save the validators of every page fetched here except those in ``failed``."""
        for url, state in self._pending.items():
            if url not in failed:
                self.store.save_fetch_state(state)
        self._pending.clear()
