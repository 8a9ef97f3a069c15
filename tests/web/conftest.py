"""Fixtures for the web tests: an app over a fresh store, an in-process client,
the fixture page, and a fixed verdict for the page-rendering test (it renders a
caption's evidence and a second event, which the fixture page does not give)."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class StubVerdict:
    """What ``veracity.verify.ask`` returns, reduced to ``to_dict``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def to_dict(self) -> dict[str, Any]:
        return self.data


def stub_verdict(question: str, text: str) -> dict[str, Any]:
    """A verdict in the JSON shape of ``veracity ask --format json`` quoting
    document 1 of the fixture page: the disputed meeting first, the 2019 photo
    caption after it."""
    quote = "Mayor Sandra Hale met Governor Daniel Okafor on Monday"
    start = text.index(quote)
    denial = "such reports were \"entirely false"
    dstart = text.index(denial)
    caption = "Mayor Sandra Hale greets Governor Daniel Okafor"
    return {
        "question": question,
        "claim": {"participants": ["Sandra Hale", "Daniel Okafor"], "class": "meet"},
        "verdict": "disputed",
        "events": [
            {"label": "disputed", "time": "2024-11-11", "lead": True,
             "summary": "meeting of Sandra Hale and Daniel Okafor, 2024-11-11",
             "reason": "asserted by unnamed sites, denied by Lena Marsh",
             "participants": ["Sandra Hale", "Daniel Okafor"],
             "evidence": [
                 {"source": "unnamed sites", "stance": "asserts", "quote": quote, "doc_id": 1,
                  "title": "Did Mayor Hale really meet Governor Okafor?",
                  "published": "2024-11-13", "start": start, "end": start + len(quote)},
                 {"source": "Lena Marsh", "stance": "denies", "quote": denial, "doc_id": 1,
                  "title": "Did Mayor Hale really meet Governor Okafor?",
                  "published": "2024-11-13", "start": dstart, "end": dstart + len(denial)},
             ]},
            {"label": "confirmed", "time": "2019-06-05",
             "participants": ["Sandra Hale", "Daniel Okafor"],
             "evidence": [
                 {"source": "Valley Wire", "stance": "asserts", "quote": caption, "doc_id": 1,
                  "title": "Did Mayor Hale really meet Governor Okafor?",
                  "published": "2024-11-13", "start": 0, "end": len(caption), "caption": 0},
             ]},
        ],
    }


@pytest.fixture
def stub_ask(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the verdict engine with a stub; returns the calls it received."""
    import veracity.verify

    calls: list[dict[str, Any]] = []

    def fake(question: str, *, store: Any = None, db: Any = None,
             as_of: str | None = None, time_budget: float | None = None) -> StubVerdict:
        calls.append({"question": question, "as_of": as_of, "store": store})
        text = store.get(1).doc.text
        return StubVerdict(stub_verdict(question, text))

    monkeypatch.setattr(veracity.verify, "ask", fake, raising=False)
    return calls
