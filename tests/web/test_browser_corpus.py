"""The corpus pages in a real headless Chromium against a real uvicorn server:
follow a verdict to its history, download its ClaimReview, open the page of a
name from the verdict, read a quiet document page and underline its events on
demand, follow the link to the original.  Skipped, as the other browser
tests, without Debian's Chromium; screenshots go to artifacts/web/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import PAGE
from tests.web.test_browser import artifacts, browser, page, serve  # noqa: F401

from veracity.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "news.jsonl"
MEETING = "Did Lena Ortiz meet Paul Brandt?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = Path(tmp_path_factory.mktemp("corpus-browser")) / "web.sqlite"
    assert main(["ingest", str(CORPUS), "--db", str(db)]) == 0
    assert main(["ingest", str(PAGE), "--db", str(db), "--published", "2024-11-13"]) == 0
    yield from serve(db)


def test_from_a_verdict_to_its_history_and_claimreview(server: str, page: Any) -> None:  # noqa: F811
    page.goto(server)
    page.fill("#q", MEETING)
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#verdict")
    with page.expect_download() as info:
        page.click("#claimreview-link")
    download = info.value
    assert download.suggested_filename == "claimreview.jsonld"
    review = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Confirmed"
    page.click("#history-link")
    page.wait_for_selector("#history")
    rows = page.locator("#history tbody tr")
    assert rows.count() == 4
    assert rows.nth(2).locator(".badge").inner_text().strip().lower() == "confirmed"
    assert "was reported" in rows.nth(2).inner_text()
    page.screenshot(path=str(artifacts() / "history.png"), full_page=True)
    rows.first.locator("td.date a").click()  # the verdict as it stood that day
    page.wait_for_selector("#verdict")
    assert page.inner_text("#verdict").strip().lower() == "reported"
    assert "as_of=2024-05-01" in page.url


def test_a_name_on_the_verdict_opens_its_page(server: str, page: Any) -> None:  # noqa: F811
    page.goto(f"{server}/ask?q=Did%20Hale%20bribe%20Ortiz%3F")
    page.wait_for_selector("#verdict")
    page.locator("article.event a.entity", has_text="Victor Hale").first.click()
    page.wait_for_selector("#entity-summary")
    assert "/entities/Victor%20Hale" in page.url
    assert "Victor Hale" in page.inner_text("#entity-summary")
    blocks = page.locator("article.source-view")
    assert blocks.count() >= 2
    assert page.locator("article.source-view tr.stance-denies").count() >= 1
    page.screenshot(path=str(artifacts() / "entity.png"), full_page=True)
    # a quote on it leads to its words in the document
    page.locator("article.source-view td.quote a").first.click()
    page.wait_for_load_state()
    assert page.locator("mark#quote").is_visible()


def test_a_quiet_document_page_with_events_on_demand(server: str, page: Any) -> None:  # noqa: F811
    page.goto(f"{server}/documents/3")
    assert page.locator("#text .hl-event").count() == 0
    assert page.locator("#text .hl-source").first.is_visible()
    assert not page.locator("details#events ul.stances").first.is_visible()  # folded
    page.screenshot(path=str(artifacts() / "document-quiet.png"), full_page=True)
    page.click("#toggle-events")
    page.wait_for_load_state()
    underlined = page.locator("#text .hl-event").first
    assert underlined.is_visible()
    assert "underline" in underlined.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert page.locator("details#events").evaluate("e => e.open")
    original = page.locator("a#original")
    assert original.get_attribute("href") == "https://valley-times.example/ortiz-confirms"
    assert original.get_attribute("rel") == "noopener noreferrer nofollow"


def test_teasers_are_listed_by_their_first_words(server: str, page: Any) -> None:  # noqa: F811
    page.goto(f"{server}/documents")
    cells = page.locator("table.docs td a.untitled").all_inner_texts()
    assert cells and all(c.strip() and c != "(no title)" for c in cells)
    assert cells[0].startswith("Bakers in the old town")
    page.screenshot(path=str(artifacts() / "documents.png"), full_page=True)
