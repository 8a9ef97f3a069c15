"""The check page in a real headless Chromium against a real uvicorn server:
paste an article, see its claims in their verdicts' colours, click one for its
evidence.  Skipped, as the other browser tests, without Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.check.conftest import CORPUS, RESIGNED
from tests.web.test_browser import artifacts, browser, page, serve  # noqa: F401

from veracity.cli import main

uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = Path(tmp_path_factory.mktemp("check-browser")) / "web.sqlite"
    assert main(["ingest", str(CORPUS), "--db", str(db)]) == 0
    yield from serve(db)


def test_paste_an_article_and_click_a_disputed_claim(server: str, page: Any) -> None:  # noqa: F811
    page.goto(f"{server}/check")
    page.fill("#text", RESIGNED.read_text(encoding="utf-8"))
    page.fill("#published", "2024-05-08")
    page.fill("#source", "Vesterby Courier")
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#summary")
    page.screenshot(path=str(artifacts() / "check.png"), full_page=True)
    link = page.locator("#article-text a.claim.label-disputed").first
    target = link.get_attribute("href")
    link.click()
    assert "denies" in page.inner_text(f"{target} table.evidence")
