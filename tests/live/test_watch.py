"""``veracity watch``: feeds and sitemaps on a loopback server polled for new
articles -- each stored once, a malformed or unreachable feed logged and
retried with backoff, conditional GET, sitemap indexes, and a long-running
``watch run`` that outlives a feed that is down and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.live.conftest import Loopback, Reply, Seen, page, rss

from veracity.cli import main
from veracity.ingest.fetch import Fetcher
from veracity.settings import Settings
from veracity.store import open_store
from veracity.watch.poll import Poller, backoff


def story(i: int) -> bytes:
    return page(f"Council story {i}", f"The council of Carrow voted on item {i} on Monday, "
                "the clerk said.", f"Item {i} passed with a large majority.")


def serve_stories(web: Loopback, n: int) -> None:
    for i in range(n):
        web.routes[f"/s{i}.html"] = Reply(body=story(i))


def run_once(db: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(["watch", "run", "--once", "--allow-private", "--no-read", "--db", db])
    out, err = capsys.readouterr()
    return rc, out, err


def titles(db: str) -> list[str]:
    with open_store(db) as store:
        return sorted(d.doc.title or "" for d in store.documents())


def test_a_feed_with_new_items_twice_stores_each_once(web: Loopback, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    db = str(tmp_path / "w.sqlite")
    serve_stories(web, 3)
    web.routes["/feed.xml"] = Reply(body=rss(web.url("/s0.html"), web.url("/s1.html")),
                                    content_type="application/rss+xml")
    assert main(["watch", "add", web.url("/feed.xml"), "--db", db]) == 0
    assert capsys.readouterr().out == f"watching {web.url('/feed.xml')} (id 1)\n"
    rc, out, err = run_once(db, capsys)
    assert rc == 0 and out == ""
    assert f"watch {web.url('/feed.xml')}: 2 new item(s), 2 document(s) stored" in err
    # the feed again, with one more item and the old ones repeated
    web.routes["/feed.xml"] = Reply(body=rss(web.url("/s2.html"), web.url("/s0.html"),
                                             web.url("/s1.html")),
                                    content_type="application/rss+xml")
    rc, out, err = run_once(db, capsys)
    assert rc == 0
    assert "1 new item(s), 1 document(s) stored" in err
    assert titles(db) == ["Council story 0", "Council story 1", "Council story 2"]
    # each page was fetched once (newest first): what was taken is never asked for again
    assert [p for p in web.paths() if p.startswith("/s")] == ["/s1.html", "/s0.html",
                                                              "/s2.html"]
    rc, _, err = run_once(db, capsys)
    assert "0 new item(s), 0 document(s) stored" in err and titles(db)[-1] == "Council story 2"


def test_malformed_and_unreachable_feeds_are_logged_and_the_others_go_on(
        web: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    serve_stories(web, 1)
    web.routes["/bad.xml"] = Reply(body=b"<rss><channel><item><link>", content_type="text/xml")
    web.routes["/down.xml"] = Reply(503, b"maintenance", content_type="text/plain")
    web.routes["/good.xml"] = Reply(body=rss(web.url("/s0.html")), content_type="text/xml")
    with socket_closed() as dead:
        for url in (web.url("/bad.xml"), web.url("/down.xml"), dead, web.url("/good.xml")):
            assert main(["watch", "add", url, "--db", db]) == 0
        capsys.readouterr()
        rc, _, err = run_once(db, capsys)
    assert rc == 1  # a feed failed
    assert titles(db) == ["Council story 0"]
    lines = err.splitlines()
    assert any(f"watch {web.url('/bad.xml')}: malformed feed:" in ln for ln in lines)
    assert any(f"watch {web.url('/down.xml')}: HTTP 503 Service Unavailable; failed 1 "
               "time(s) in a row, next try in 15m" in ln for ln in lines)
    # nothing listens there: its robots.txt cannot be read, so the feed is not asked for
    assert any(f"watch {dead}: robots.txt of 127.0.0.1 cannot be read (network error:" in ln
               for ln in lines)
    assert lines[-1].endswith("polled 4 feed(s): 1 new item(s), 1 document(s) stored, "
                              "3 failed")
    with open_store(db) as store:
        state = {w.url: w for w in store.watches()}
    bad = state[web.url("/bad.xml")]
    assert bad.failures == 1 and bad.last_error.startswith("malformed feed:")
    assert bad.retry_at is not None and state[web.url("/good.xml")].failures == 0


class socket_closed:
    """The address of a port nothing listens on (a feed that is down)."""

    def __enter__(self) -> str:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        return f"http://127.0.0.1:{port}/feed.xml"

    def __exit__(self, *exc: object) -> None:
        pass


def test_failing_feeds_wait_longer_each_time(web: Loopback, live_settings: Settings) -> None:
    assert [backoff(60, n) for n in (1, 2, 3, 6, 7, 50)] == [60, 120, 240, 1920, 1920, 1920]
    web.routes["/down.xml"] = Reply(500, b"", content_type="text/plain")
    with open_store(live_settings.db_path) as store, Fetcher(live_settings) as f:
        store.add_watch(web.url("/down.xml"))
        poller = Poller(store, replace(live_settings, watch_interval="60"), f)
        first = poller.poll()
        assert [r.error for r in first.results] == ["HTTP 500 Internal Server Error"]
        # not due again before its retry time: nothing polled
        assert poller.poll().results == ()
        w = store.watches()[0]
        retry = datetime.fromisoformat(w.retry_at or "")
        assert timedelta(seconds=59) <= retry - datetime.now(UTC) <= timedelta(seconds=61)
        assert 55 <= poller.seconds_to_next() <= 61
        # a second failure (polled now, as --once does) doubles the wait
        poller.poll(every=True)
        w = store.watches()[0]
        assert w.failures == 2
        retry = datetime.fromisoformat(w.retry_at or "")
        assert timedelta(seconds=119) <= retry - datetime.now(UTC) <= timedelta(seconds=121)
        # back up: the failures are forgotten
        web.routes["/down.xml"] = Reply(body=rss(), content_type="application/rss+xml")
        poller.poll(every=True)
        w = store.watches()[0]
        assert (w.failures, w.last_error, w.retry_at, w.kind) == (0, None, None, "rss")


def test_conditional_get_of_a_feed(web: Loopback, live_settings: Settings) -> None:
    serve_stories(web, 1)

    def feed(req: Seen) -> Reply:
        if req.headers.get("if-modified-since") == "Mon, 01 Jul 2024 10:00:00 GMT":
            return Reply(304, content_type=None, length=False)
        return Reply(body=rss(web.url("/s0.html")), content_type="application/rss+xml",
                     headers={"Last-Modified": "Mon, 01 Jul 2024 10:00:00 GMT"})

    web.routes["/feed.xml"] = feed
    with open_store(live_settings.db_path) as store, Fetcher(live_settings) as f:
        store.add_watch(web.url("/feed.xml"))
        poller = Poller(store, live_settings, f)
        first = poller.poll(every=True).results[0]
        second = poller.poll(every=True).results[0]
    assert (first.items, first.stored, first.not_modified) == (1, 1, False)
    assert (second.items, second.not_modified, second.error) == (0, True, None)


def test_items_over_the_limit_wait_for_the_next_poll(web: Loopback,
                                                     live_settings: Settings) -> None:
    serve_stories(web, 3)
    web.routes["/feed.xml"] = Reply(body=rss(*(web.url(f"/s{i}.html") for i in range(3))),
                                    content_type="application/rss+xml",
                                    headers={"ETag": '"same"'})
    settings = replace(live_settings, watch_max_items=2)
    with open_store(settings.db_path) as store, Fetcher(settings) as f:
        store.add_watch(web.url("/feed.xml"))
        poller = Poller(store, settings, f)
        first = poller.poll(every=True).results[0]
        second = poller.poll(every=True).results[0]
        assert (first.stored, first.left, second.stored, second.left) == (2, 1, 1, 0)
        # the feed's ETag was not kept while items were left: no 304 could hide them
        feed_asks = [s for s in web.seen if s.path == "/feed.xml"]
        assert "if-none-match" not in feed_asks[1].headers
        assert store.count() == 3


def test_sitemap_index_and_its_sitemaps(web: Loopback, live_settings: Settings) -> None:
    serve_stories(web, 2)
    web.routes["/sitemap.xml"] = Reply(content_type="application/xml", body=(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{web.url('/sm-1.xml')}</loc></sitemap>"
        f"<sitemap><loc>{web.url('/sm-missing.xml')}</loc></sitemap>"
        "</sitemapindex>").encode())
    web.routes["/sm-1.xml"] = Reply(content_type="application/xml", body=(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{web.url('/s0.html')}</loc></url>"
        f"<url><loc>{web.url('/s1.html')}</loc></url></urlset>").encode())
    logged: list[str] = []
    with open_store(live_settings.db_path) as store, Fetcher(live_settings) as f:
        store.add_watch(web.url("/sitemap.xml"))
        result = Poller(store, live_settings, f, log=logged.append).poll().results[0]
        assert (result.stored, result.error, result.watch.kind) == (2, None, "sitemapindex")
    assert f"watch {web.url('/sitemap.xml')}: sitemap {web.url('/sm-missing.xml')}: " \
           "HTTP 404 Not Found" in logged


def test_watch_list_and_remove(web: Loopback, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    assert main(["watch", "add", "https://news.example/feed.xml", "--db", db]) == 0
    assert main(["watch", "add", "https://news.example/feed.xml", "--db", db]) == 0
    assert main(["watch", "add", "not a url", "--db", db]) == 2
    out = capsys.readouterr()
    assert out.out.splitlines()[-1] == "already watching https://news.example/feed.xml (id 1)"
    assert "'not a url' is not an http:// or https:// address" in out.err
    assert main(["watch", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "   1  https://news.example/feed.xml  [not polled yet]  never polled" in listed
    assert main(["watch", "remove", "1", "--db", db]) == 0
    assert main(["watch", "remove", "1", "--db", db]) == 1
    out = capsys.readouterr()
    assert out.out == "stopped watching https://news.example/feed.xml (id 1)\n"
    assert "no watched feed '1'" in out.err


def interruptible(cmd: list[str], **kwargs: object) -> subprocess.Popen[str]:
    """Start ``cmd`` as a terminal would, Ctrl-C reaching it: a test run from a
    background job (``pytest &``, CI under nohup) has SIGINT ignored, and a
    child inherits that, so it would never see the Ctrl-C sent below."""
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(cmd, text=True, **kwargs)  # type: ignore[call-overload]
    finally:
        signal.signal(signal.SIGINT, old)


def test_a_long_run_outlives_a_feed_that_is_down_and_stops_on_ctrl_c(
        web: Loopback, tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite")
    serve_stories(web, 1)
    web.routes["/feed.xml"] = Reply(503, b"down", content_type="text/plain")
    assert main(["watch", "add", web.url("/feed.xml"), "--db", db]) == 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = interruptible(
        [sys.executable, "-m", "veracity.cli", "watch", "run", "--interval", "1s",
         "--allow-private", "--no-read", "--db", db],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")),
                              daemon=True)
    reader.start()

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 60
        while not any(text in ln for ln in list(lines)):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)

    try:
        # down first (polled, failed), then back up: the run picks the item up
        wait_for("HTTP 503 Service Unavailable; failed 1 time(s) in a row, next try in 1s")
        web.routes["/feed.xml"] = Reply(body=rss(web.url("/s0.html")),
                                        content_type="application/rss+xml")
        wait_for("1 new item(s), 1 document(s) stored")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        reader.join(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = "".join(lines)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert err.rstrip().endswith("watch: stopped")
    assert titles(db) == ["Council story 0"]
    with open_store(db) as store:  # the store is consistent and the feed healthy again
        assert store.watches()[0].failures == 0


def test_ctrl_c_in_the_middle_of_a_poll_loses_nothing(web: Loopback, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    db = str(tmp_path / "w.sqlite")
    web.routes["/s0.html"] = Reply(body=story(0), delay=3.0)  # still coming at Ctrl-C
    web.routes["/feed.xml"] = Reply(body=rss(web.url("/s0.html")),
                                    content_type="application/rss+xml",
                                    headers={"ETag": '"f1"'})
    assert main(["watch", "add", web.url("/feed.xml"), "--db", db]) == 0
    proc = interruptible(
        [sys.executable, "-m", "veracity.cli", "watch", "run", "--allow-private",
         "--no-read", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while "/s0.html" not in web.paths():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert (proc.returncode, out, "Traceback" in err) == (0, "", False), err
    assert err.rstrip().endswith("watch: stopped")
    with open_store(db) as store:
        # nothing half-done: no document, the item not taken, the feed's ETag not kept
        assert store.count() == 0
        assert store.seen_items([web.url("/s0.html")]) == set()
        assert store.fetch_state(web.url("/feed.xml")) is None
    web.routes["/s0.html"] = Reply(body=story(0))
    capsys.readouterr()
    assert run_once(db, capsys)[0] == 0 and titles(db) == ["Council story 0"]
