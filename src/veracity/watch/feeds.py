"""Feeds and sitemaps -> the addresses of their articles.

Read here: RSS 2.0 and 0.9x, RSS 1.0 (RDF), Atom, JSON Feed (1.0 and 1.1),
XML sitemaps (also gzipped) with their Google News extension, and sitemap
indexes (whose child sitemaps the poller fetches). XML is parsed with entities
left unexpanded, no DTD and no network, so a hostile feed cannot read local
files or blow up in memory; a feed that does not parse is a :class:`FeedError`
saying where.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from veracity.errors import InputError

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "application/json", "text/plain",
    "application/x-gzip", "application/gzip", "application/octet-stream",
    "application/x-rss+xml", "text/rss+xml", "text/atom+xml"})


class FeedError(InputError):
    """A feed or sitemap that cannot be read."""

    code = "bad_feed"


@dataclass(frozen=True)
class Item:
    """One article a feed or sitemap points to."""

    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, when the feed dates it


@dataclass(frozen=True)
class Feed:
    """What one feed or sitemap document lists."""

    kind: str  # rss, atom, jsonfeed, sitemap, sitemapindex
    title: str | None
    items: tuple[Item, ...] = ()
    sitemaps: tuple[Item, ...] = ()  # a sitemap index's child sitemaps

    def newest_first(self) -> list[Item]:
        """Items by date, newest first, undated ones last (in feed order)."""
        return sorted(self.items, key=lambda it: it.published or "", reverse=True)


def _date(text: str | None) -> str | None:
    """YYYY-MM-DD of an RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    when: datetime | None
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            when = None
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.date().isoformat()


def _link(base: str, href: str | None) -> str | None:
    """An item's address made absolute; None unless it is http(s)."""
    if not href or not href.strip():
        return None
    url = urljoin(base, href.strip()).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc else None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child(el: Any, *names: str) -> Any:
    for c in el:
        if _local(c.tag) in names:
            return c
    return None


def _text(el: Any, *names: str) -> str | None:
    c = _child(el, *names)
    if c is None:
        return None
    text = " ".join("".join(c.itertext()).split())
    return text or None


def parse_feed(url: str, body: bytes) -> Feed:
    """The items (or child sitemaps) of a feed or sitemap fetched from ``url``."""
    data = _gunzip(url, body)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedError(url, "empty feed")
    if head.startswith(b"{"):
        return _json_feed(url, head)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(head, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(url, f"malformed feed: {exc.msg} (line {exc.lineno})") from exc
    if root is None:
        raise FeedError(url, "malformed feed: no XML element")
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            raise FeedError(url, "malformed feed: an RSS feed without <channel>")
        return Feed("rss", _text(channel, "title"), _rss_items(url, channel))
    if kind == "rdf":
        channel = _child(root, "channel")
        return Feed("rss", _text(channel, "title") if channel is not None else None,
                    _rss_items(url, root))
    if kind == "feed":
        return Feed("atom", _text(root, "title"), _atom_items(url, root))
    if kind in ("urlset", "sitemapindex"):
        found = []
        for entry in root:
            if _local(entry.tag) not in ("url", "sitemap"):
                continue
            link = _link(url, _text(entry, "loc"))
            if link:
                news = _child(entry, "news")
                date = _text(news, "publication_date") if news is not None else None
                title = _text(news, "title") if news is not None else None
                found.append(Item(link, title, _date(date or _text(entry, "lastmod"))))
        if kind == "urlset":
            return Feed("sitemap", None, tuple(found))
        return Feed("sitemapindex", None, sitemaps=tuple(found))
    raise FeedError(url, f"not a feed or sitemap: the document is <{kind}>")


def _gunzip(url: str, body: bytes) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz served as a file) unpacked; a bomb is
    stopped at 50 times the packed size or 50 MB, whichever is smaller."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    limit = min(50 * len(body), 50_000_000)
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpacker.decompress(body, limit)
    except zlib.error as exc:
        raise FeedError(url, f"malformed feed: corrupt gzip ({exc})") from exc
    if unpacker.unconsumed_tail:
        raise FeedError(url, f"too large: over {limit:,} bytes once unpacked")
    if not unpacker.eof:
        raise FeedError(url, "malformed feed: corrupt gzip (cut off)")
    return out


def _rss_items(url: str, parent: Any) -> tuple[Item, ...]:
    out = []
    for el in parent:
        if _local(el.tag) != "item":
            continue
        link = _link(url, _text(el, "link"))
        if link is None:
            guid = _child(el, "guid")
            if guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
                link = _link(url, _text(el, "guid"))
        if link:
            out.append(Item(link, _text(el, "title"), _date(_text(el, "pubdate", "date"))))
    return tuple(out)


def _atom_items(url: str, root: Any) -> tuple[Item, ...]:
    out = []
    for entry in root:
        if _local(entry.tag) != "entry":
            continue
        href = None
        for link in entry:
            if _local(link.tag) == "link" and (link.get("rel") or "alternate") == "alternate":
                href = link.get("href")
                break
        target = _link(url, href)
        if target:
            when = _text(entry, "published") or _text(entry, "updated")
            out.append(Item(target, _text(entry, "title"), _date(when)))
    return tuple(out)


def _json_feed(url: str, data: bytes) -> Feed:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(url, f"malformed feed: not JSON ({exc})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError(url, "malformed feed: a JSON Feed needs an 'items' list")
    out = []
    for it in doc["items"]:
        if not isinstance(it, dict):
            continue
        link = None
        for key in ("url", "external_url", "id"):
            value = it.get(key)
            # An id is an address only when it is a whole one ("1" is not "/1").
            if isinstance(value, str) and (key != "id" or urlsplit(value).netloc):
                link = _link(url, value)
            if link:
                break
        if link:
            title = it.get("title") if isinstance(it.get("title"), str) else None
            when = it.get("date_published") or it.get("date_modified")
            out.append(Item(link, title, _date(when if isinstance(when, str) else None)))
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    return Feed("jsonfeed", title, tuple(out))
