"""A real HTTP server on loopback for the fetching and watching tests: each test
sets the answer of each path (status, headers, body, a delay) and reads back
the requests it received, with their headers and arrival times."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from veracity.settings import Settings


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before the status line
    length: bool = True  # send Content-Length (else the body ends with the connection)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float  # time.monotonic() on arrival


Route = Reply | Callable[[Seen], Reply]


class Loopback:
    """A threaded HTTP/1.0 server on 127.0.0.1 and a free port."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def _answer(self) -> None:
                size = int(self.headers.get("content-length") or 0)
                req = Seen(self.command, self.path,
                           {k.lower(): v for k, v in self.headers.items()},
                           self.rfile.read(size) if size else b"", time.monotonic())
                owner.seen.append(req)
                route = owner.routes.get(self.path)
                reply = (Reply(404, b"not found", content_type="text/plain") if route is None
                         else route(req) if callable(route) else route)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if reply.length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_GET = _answer
            do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run here do not wait between requests to the test server (the
    delay itself is tested with its own setting)."""
    monkeypatch.setenv("VERACITY_FETCH_DELAY", "0")


@pytest.fixture
def web() -> Iterator[Loopback]:
    server = Loopback()
    yield server
    server.close()


@pytest.fixture
def live_settings(tmp_path: Path) -> Settings:
    """Loopback allowed (the test server), no per-host delay, short timeouts."""
    return Settings(db=str(tmp_path / "live.sqlite"), allow_private=True, fetch_delay=0.0,
                    fetch_timeout=5.0, read_on_ingest=False)


def page(title: str, *paragraphs: str, date: str | None = None) -> bytes:
    """A small news page as a site would serve it."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode()


def rss(*links: str, title: str = "Test feed") -> bytes:
    items = "".join(f"<item><title>item {i}</title><link>{u}</link>"
                    f"<pubDate>Mon, 0{1 + i % 9} Jul 2024 10:00:00 GMT</pubDate></item>"
                    for i, u in enumerate(links))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.test/</link>{items}</channel></rss>").encode()
