"""Fixtures for the web tests: an app over a fresh store, an in-process client,
and the fixture pages."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_app(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server for ``app`` on loopback, in a thread of this process
    (so the spaCy pipeline other tests loaded is shared): its URL, until the
    generator is closed."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def serve(db: Path) -> Iterator[str]:
    """:func:`serve_app` for the store ``db`` with the default settings."""
    yield from serve_app(create_app(Settings(db=str(db))))


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
