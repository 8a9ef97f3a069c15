"""A slow question does not hold the others, and a question whose client has
gone is given up: against a real uvicorn server, with real sockets.

The slow question is a stand-in for the verdict engine (through the lookup
``service._engine`` does on every call, as ``stub_ask`` uses): for that one
question it reads the store over and over, with pure-Python work between the
reads that holds the GIL, as a hard question on a big store does, and never
finishes on its own. A stand-in, because the reader's and the verifier's
bounds keep every real question on a store of test size under a second, and a
store big enough to make the real engine slow for long takes minutes to read.
Everything the tests are about is the real code: the gate, the worker threads,
the watcher of the connection, the store's checks. Every other question goes
to the real engine. No assertion is about time: only about what finished
before what.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import PAGE, serve_app

from veracity.errors import Abandoned
from veracity.settings import Settings
from veracity.web import create_app

SLOW = "Did the slow question ever finish?"
QUICK = "Did Mayor Sandra Hale meet Governor Daniel Okafor?"
# Generous bounds on waiting for something that happens in well under a second
# on an idle machine; never asserted as durations.
WAIT = 60.0


class SlowEngine:
    """``veracity.verify.ask``, except that :data:`SLOW` runs until it is given up."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.started = threading.Event()
        self.ended = threading.Event()
        self.outcome: BaseException | None = None
        self.asked: list[str] = []

    def __call__(self, question: str, *, store: Any = None, db: Any = None,
                 as_of: str | None = None, time_budget: float | None = None) -> Any:
        self.asked.append(question)
        if question != SLOW:
            return self.real(question, store=store, db=db, as_of=as_of,
                             time_budget=time_budget)
        self.started.set()
        try:
            stop = time.monotonic() + 2 * WAIT
            while time.monotonic() < stop:
                store.get(1)
                sum(i * i for i in range(20_000))
            raise AssertionError("the slow question was never given up")
        except BaseException as exc:
            self.outcome = exc
            raise
        finally:
            self.ended.set()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> SlowEngine:
    import veracity.verify

    slow = SlowEngine(veracity.verify.ask)
    monkeypatch.setattr(veracity.verify, "ask", slow)
    return slow


def server(tmp_path: Path, slots: int) -> Iterator[tuple[str, Any]]:
    app = create_app(Settings(db=str(tmp_path / "web.sqlite"), ask_slots=slots),
                     allowed_hosts=["127.0.0.1"])
    for url in serve_app(app):
        r = httpx.post(f"{url}/api/ingest", timeout=WAIT, data={
            "text": PAGE.read_text(encoding="utf-8"), "published": "2024-11-13",
            "source": "Riverton Courier"})
        assert r.status_code == 200, r.text
        yield url, app


@pytest.fixture
def two_slots(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    yield from server(tmp_path, 2)


@pytest.fixture
def one_slot(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    yield from server(tmp_path, 1)


def send_question(url: str, question: str) -> socket.socket:
    """``POST /api/ask`` on a raw connection, left open without reading the answer."""
    body = json.dumps({"question": question}).encode()
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/json\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    return sock


def wait_for(what: threading.Event | Any, message: str) -> None:
    stop = time.monotonic() + WAIT
    while not (what.is_set() if isinstance(what, threading.Event) else what()):
        if time.monotonic() > stop:
            pytest.fail(message)
        time.sleep(0.02)


def test_a_quick_question_is_answered_while_a_slow_one_runs(
        engine: SlowEngine, two_slots: tuple[str, Any]) -> None:
    url, app = two_slots
    slow = send_question(url, SLOW)
    try:
        wait_for(engine.started, "the slow question never started")
        r = httpx.post(f"{url}/api/ask", json={"question": QUICK}, timeout=WAIT)
        # Answered by the real engine, in the usual shape, while the slow
        # question still runs (with one slot it would wait behind it).
        assert r.status_code == 200, r.text
        assert r.json()["question"] == QUICK
        assert r.json()["claim"]["participants"]
        assert not engine.ended.is_set()
    finally:
        slow.close()
    # The slow question's client went away: the question stops at its next
    # read of the store and frees its slot.
    wait_for(engine.ended, "the abandoned slow question kept running")
    assert isinstance(engine.outcome, Abandoned)
    wait_for(lambda: app.state.pool.ask_gate.busy == 0, "the slot was never freed")


def test_a_waiting_question_whose_client_left_is_never_answered(
        engine: SlowEngine, one_slot: tuple[str, Any]) -> None:
    url, app = one_slot
    slow = send_question(url, SLOW)
    wait_for(engine.started, "the slow question never started")
    waiting = send_question(url, QUICK)
    # Give the server the waiting request (its body read, waiting for the one
    # slot), then leave.
    wait_for(lambda: app.state.pool.ask_gate.waiting == 1, "the question never queued")
    waiting.close()
    wait_for(lambda: app.state.pool.ask_gate.waiting == 0, "the waiting question stayed in line")
    slow.close()
    wait_for(engine.ended, "the abandoned slow question kept running")
    # The next question is answered, and the one that left never reached the engine.
    r = httpx.post(f"{url}/api/ask", json={"question": QUICK}, timeout=WAIT)
    assert r.status_code == 200, r.text
    assert engine.asked == [SLOW, QUICK]
