"""Feeds and sitemaps parsed into the addresses of their articles: each format,
relative links, dates, and feeds that are malformed or hostile."""

from __future__ import annotations

import gzip
import json

import pytest

from veracity.watch.feeds import FeedError, parse_feed

BASE = "https://news.example/feed"


def test_rss_2() -> None:
    feed = parse_feed(BASE, b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Carrow News</title>
<item><title>Harbour reopens</title><link>https://news.example/a</link>
  <pubDate>Mon, 01 Jul 2024 23:30:00 -0200</pubDate></item>
<item><title>Only a guid</title><guid>https://news.example/b#top</guid></item>
<item><title>Guid that is not a link</title><guid isPermaLink="false">tag:1</guid></item>
<item><title>Relative</title><link>/c</link></item>
</channel></rss>""")
    assert (feed.kind, feed.title) == ("rss", "Carrow News")
    assert [(i.url, i.published) for i in feed.items] == [
        ("https://news.example/a", "2024-07-02"),  # 23:30 at -2h is the 2nd in UTC
        ("https://news.example/b", None),          # fragment dropped
        ("https://news.example/c", None)]


def test_rss_1_rdf() -> None:
    feed = parse_feed(BASE, b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>RDF news</title></channel>
<item><title>One</title><link>https://news.example/1</link><dc:date>2024-07-03T08:00:00Z</dc:date></item>
</rdf:RDF>""")
    assert feed.title == "RDF news"
    assert [(i.url, i.published) for i in feed.items] == [("https://news.example/1", "2024-07-03")]


def test_atom() -> None:
    feed = parse_feed(BASE, b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><title>A</title><link rel="alternate" href="https://news.example/x"/>
  <link rel="enclosure" href="https://news.example/x.mp3"/><updated>2024-07-04T10:00:00Z</updated></entry>
<entry><title>B</title><link href="y"/><published>2024-07-05T10:00:00+02:00</published></entry>
</feed>""")
    assert (feed.kind, feed.title) == ("atom", "Atom news")
    assert [(i.url, i.published) for i in feed.items] == [
        ("https://news.example/x", "2024-07-04"), ("https://news.example/y", "2024-07-05")]


def test_json_feed() -> None:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON news", "items": [
        {"id": "1", "url": "https://news.example/j1", "date_published": "2024-07-06T09:00:00Z"},
        {"id": "https://news.example/j2"},                    # the id is the address
        {"id": "3", "external_url": "https://other.example/j3"},
        {"id": "4"},                                          # no address: left out
        "not an item"]}
    feed = parse_feed(BASE, json.dumps(doc).encode())
    assert (feed.kind, feed.title) == ("jsonfeed", "JSON news")
    assert [i.url for i in feed.items] == ["https://news.example/j1", "https://news.example/j2",
                                           "https://other.example/j3"]
    assert feed.items[0].published == "2024-07-06"


def test_sitemap_with_news_extension_gzipped() -> None:
    xml = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/s1</loc><lastmod>2024-07-01</lastmod></url>
<url><loc>https://news.example/s2</loc><news:news><news:publication_date>2024-07-08T06:00:00Z</news:publication_date>
  <news:title>Ferry strike</news:title></news:news></url>
</urlset>"""
    feed = parse_feed(BASE, gzip.compress(xml))
    assert feed.kind == "sitemap"
    assert [(i.url, i.title, i.published) for i in feed.items] == [
        ("https://news.example/s1", None, "2024-07-01"),
        ("https://news.example/s2", "Ferry strike", "2024-07-08")]
    assert [i.url for i in feed.newest_first()] == ["https://news.example/s2",
                                                     "https://news.example/s1"]


def test_sitemap_index() -> None:
    feed = parse_feed(BASE, b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-2024-06.xml</loc><lastmod>2024-06-30</lastmod></sitemap>
<sitemap><loc>https://news.example/sitemap-2024-07.xml</loc><lastmod>2024-07-08</lastmod></sitemap>
</sitemapindex>""")
    assert feed.kind == "sitemapindex" and feed.items == ()
    assert [s.url for s in feed.sitemaps] == ["https://news.example/sitemap-2024-06.xml",
                                              "https://news.example/sitemap-2024-07.xml"]


@pytest.mark.parametrize("body, reason", [
    (b"<rss><channel><item><link>https://a", "malformed feed: "),   # cut off
    (b"<html><body>Not a feed</body></html>", "not a feed or sitemap: the document is <html>"),
    (b"<rss version='2.0'></rss>", "malformed feed: an RSS feed without <channel>"),
    (b'{"version": "x"}', "malformed feed: a JSON Feed needs an 'items' list"),
    (b"{not json", "malformed feed: not JSON"),
    (b"   ", "empty feed"),
    (b"\x1f\x8b\x08\x00garbage", "malformed feed: corrupt gzip"),
])
def test_malformed_feeds_say_why(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as err:
        parse_feed(BASE, body)
    assert err.value.path == BASE and err.value.reason.startswith(reason)


def test_entities_are_not_expanded(tmp_path) -> None:
    # An external entity must not read a local file; a nested one must not blow up.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">
 <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&xxe;&c;</title>
<item><title>x</title><link>https://news.example/&xxe;</link></item></channel></rss>""".encode()
    feed = parse_feed(BASE, body)
    assert "TOP SECRET" not in repr(feed)
    assert len(repr(feed)) < 2000


def test_only_web_addresses_are_items() -> None:
    feed = parse_feed(BASE, b"""<rss version="2.0"><channel><title>t</title>
<item><link>javascript:alert(1)</link></item><item><link>file:///etc/passwd</link></item>
<item><link>mailto:x@example.com</link></item><item><link>https://news.example/ok</link></item>
</channel></rss>""")
    assert [i.url for i in feed.items] == ["https://news.example/ok"]
