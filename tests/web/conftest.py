"""Fixtures for the web tests: an app over a fresh store, an in-process client,
and the fixture pages."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from veracity.settings import Settings
from veracity.web import create_app

with warnings.catch_warnings():
    # Starlette 1.x suggests httpx2 for its test client; httpx works the same here.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

HERE = Path(__file__).parent
PAGE = HERE / "fixtures" / "riverton-page.txt"
# The same article with a photo caption that says the two met in 2019: the
# verdict page then has a second event, and evidence read from a caption.
CAPTION_PAGE = HERE / "fixtures" / "riverton-caption-page.txt"
# A small limit so the size tests do not need megabytes; the fixture page fits.
MAX_BYTES = 50_000


@pytest.fixture
def page_text() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "web.sqlite"), max_bytes=MAX_BYTES)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


@pytest.fixture
def ingested(client: TestClient, page_text: str) -> TestClient:
    """The client, with the fixture page pasted in (published 2024-11-13)."""
    r = client.post("/api/ingest", data={"text": page_text, "published": "2024-11-13",
                                         "source": "Riverton Courier"})
    assert r.status_code == 200, r.text
    return client
