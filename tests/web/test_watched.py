"""The page of watched questions (``/watched``): each standing question with its
verdict and recorded changes linked to their documents, the watched feeds with
their state; text from the web escaped. Through the in-process client, then in
a real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from veracity.settings import Settings
from veracity.store import NewDocument, open_store
from veracity.types import Document

QUESTION = "Did Brandt phone Victor Hale?"


def fill(db: str) -> None:
    """A store with a standing question that went reported -> disputed, and two feeds."""
    with open_store(db) as store:
        a = store.add_document(NewDocument(Document(
            text="Brandt phoned Hale, people familiar with the call said.",
            title="Brandt phoned Hale, sources say", source="Northern Post",
            published="2024-06-10", url="https://northern.example/a"), "h-a"))
        b = store.add_document(NewDocument(Document(
            text="A spokesman denied that Brandt phoned Hale.",
            title="Governor's office denies call <script>x</script>", source="Coastal Wire",
            published="2024-06-11", url="javascript:alert(1)"), "h-b"))
        q, _ = store.add_question(QUESTION, "http://127.0.0.1:9/hook")
        store.record_verdict(q.id, None, "reported", "2024-06-10T12:00:00+00:00",
                             lead="phone call — Paul Brandt and Victor Hale", doc_ids=[a])
        store.record_verdict(q.id, "reported", "disputed", "2024-06-11T09:00:00+00:00",
                             lead="phone call — Paul Brandt and Victor Hale", doc_ids=[b, 99])
        store.add_question("Did Hale visit the harbour?")
        ok, _ = store.add_watch("https://northern.example/feed.xml")
        store.update_watch(replace(ok, kind="rss", title="Northern Post",
                                   ok_at="2024-06-11T09:00:00+00:00"))
        bad, _ = store.add_watch("https://coastal.example/sitemap.xml")
        store.update_watch(replace(bad, failures=2, last_error="HTTP 503 Service Unavailable",
                                   retry_at="2024-06-11T10:00:00+00:00"))


def test_the_page_lists_questions_changes_and_feeds(client: Any, settings: Settings) -> None:
    fill(settings.db_path)
    r = client.get("/watched")
    assert r.status_code == 200
    html = r.text
    assert '<a href="/watched">Watched</a>' in html  # in the navigation
    section = html[html.index('id="question-1"'):html.index('id="question-2"')]
    assert QUESTION in section and 'href="/ask?q=Did+Brandt+phone+Victor+Hale%3F"' in section
    # newest change first, each with the documents that caused it
    assert section.index("2024-06-11 09:00 UTC") < section.index("2024-06-10 12:00 UTC")
    assert '<a href="/documents/2">Governor&#39;s office denies call &lt;script&gt;x' \
           '&lt;/script&gt;</a>' in section
    assert '<a href="/documents/1">Brandt phoned Hale, sources say</a>' in section
    # removed since: named, not linked
    assert "documents/99" not in section and "document 99 <span class=\"meta\">(removed)" in section
    assert "<script>x</script>" not in html
    assert 'class="badge label-disputed"' in section and "first answer" in section
    later = html[html.index('id="question-2"'):]
    assert "not answered" in later
    assert "failed 2 time(s): HTTP 503 Service Unavailable" in html
    assert '<a href="https://northern.example/feed.xml" rel="noreferrer nofollow">' \
           "Northern Post</a>" in html


def test_the_page_with_nothing_watched(client: Any) -> None:
    html = client.get("/watched").text
    assert "No standing questions." in html and "No feeds watched." in html


# -- in Chromium ----------------------------------------------------------------

@pytest.fixture(scope="module")
def watched_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.web.test_browser import serve

    db = tmp_path_factory.mktemp("watched") / "web.sqlite"
    fill(str(db))
    yield from serve(db)


def test_in_a_browser(watched_server: str, page_in_browser: Any) -> None:
    from tests.web.test_browser import artifacts

    pg = page_in_browser
    pg.goto(watched_server)
    pg.click("text=Watched")
    pg.wait_for_selector("#question-1")
    assert pg.url.endswith("/watched")
    badge = pg.locator("#question-1 > p .badge")
    assert badge.inner_text().strip() == "disputed"
    colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # styled as a verdict
    rows = pg.locator("#question-1 tr.change")
    assert rows.count() == 2
    pg.screenshot(path=str(artifacts() / "watched.png"), full_page=True)
    rows.first.locator("td.docs a").first.click()
    pg.wait_for_load_state()
    assert pg.url.endswith("/documents/2")
    assert "Governor's office denies call" in pg.inner_text("h1")


@pytest.fixture
def page_in_browser(tmp_path: Path) -> Iterator[Any]:
    from tests.web import test_browser

    if not test_browser.CHROMIUM.exists():
        pytest.skip(f"{test_browser.CHROMIUM} is not installed")
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(test_browser.CHROMIUM),
            headless=True, args=[f for f in test_browser.FLAGS if f != "--headless"],
            timeout=60_000, viewport={"width": 1200, "height": 900})
        pg = context.new_page()
        yield pg
        context.close()
