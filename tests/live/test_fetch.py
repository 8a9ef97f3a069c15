"""``veracity ingest URL``: fetching against a real HTTP server on loopback --
robots.txt, the per-host delay, time and size limits, redirects, content types,
conditional GET, and the refusal of non-public addresses."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from dataclasses import replace

import pytest
from tests.live.conftest import Loopback, Reply, Seen, page

from veracity.cli import main
from veracity.ingest.fetch import Fetcher, FetchError, address_problem, is_url
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store

ARTICLE = page("Harbour reopens", "The harbour of Carrow reopened on Monday after repairs, "
               "the port authority said.", "Ferries resumed their usual timetable.",
               date="2024-07-01")
OTHER = page("Tram fares rise", "Tram fares in Lindholm rise by ten cents from August, the "
             "city council decided on Tuesday.", date="2024-07-02")


def _ingest(settings: Settings, *urls: str, fetcher: Fetcher | None = None):
    with open_store(settings.db_path) as store:
        report = ingest(list(urls), store, settings, fetcher=fetcher)
        docs = store.documents()
    return report, docs


def test_a_page_is_stored_with_its_address(web: Loopback, live_settings: Settings) -> None:
    web.routes["/news/harbour.html"] = Reply(body=ARTICLE)
    report, docs = _ingest(live_settings, web.url("/news/harbour.html"))
    assert (report.ingested, report.skipped) == (1, [])
    d = docs[0].doc
    assert (d.title, d.url, d.origin, d.published) == (
        "Harbour reopens", web.url("/news/harbour.html"), web.url("/news/harbour.html"),
        "2024-07-01")
    # the request said who we are
    got = next(s for s in web.seen if s.path == "/news/harbour.html")
    assert got.headers["user-agent"].startswith("veracity/")


def test_robots_txt_refusal(web: Loopback, live_settings: Settings) -> None:
    web.routes["/robots.txt"] = Reply(body=b"User-agent: veracity\nDisallow: /private/\n\n"
                                      b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    web.routes["/private/a.html"] = Reply(body=ARTICLE)
    web.routes["/public/b.html"] = Reply(body=OTHER)
    report, docs = _ingest(live_settings, web.url("/private/a.html"), web.url("/public/b.html"))
    assert [d.doc.title for d in docs] == ["Tram fares rise"]
    assert report.skipped == [(web.url("/private/a.html"),
                               "robots.txt of 127.0.0.1 disallows /private/a.html")]
    # refused before asking: the page itself was never requested; robots.txt once
    assert web.paths() == ["/robots.txt", "/public/b.html"]


def test_robots_txt_that_cannot_be_read_forbids_everything(web: Loopback,
                                                          live_settings: Settings) -> None:
    # RFC 9309: a robots.txt answering 5xx is "unreachable", so nothing is fetched
    web.routes["/robots.txt"] = Reply(503, b"busy", content_type="text/plain")
    web.routes["/a.html"] = Reply(body=ARTICLE)
    report, _ = _ingest(live_settings, web.url("/a.html"), web.url("/b.html"))
    assert report.skipped == [
        (web.url(p), "robots.txt of 127.0.0.1 cannot be read (HTTP 503 Service Unavailable), "
                     "so nothing is fetched from there") for p in ("/a.html", "/b.html")]
    assert web.paths() == ["/robots.txt"]  # asked once, not again for the second page


def test_per_host_delay_is_honoured(web: Loopback, live_settings: Settings) -> None:
    for i in range(3):
        web.routes[f"/p{i}.html"] = Reply(body=page(f"Story {i}", f"Story number {i} of the "
                                                    "day was published by the council."))
    settings = replace(live_settings, fetch_delay=0.4)
    start = time.monotonic()
    report, _ = _ingest(settings, *(web.url(f"/p{i}.html") for i in range(3)))
    assert report.ingested == 3
    times = [s.at for s in web.seen]  # robots.txt, then the three pages
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.4 - 0.02, gaps
    assert time.monotonic() - start >= 3 * 0.4 - 0.05


def test_crawl_delay_of_robots_txt_is_honoured_when_longer(web: Loopback,
                                                          live_settings: Settings) -> None:
    # (Python's robots.txt parser reads whole seconds only)
    web.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 1\n",
                                      content_type="text/plain")
    web.routes["/a.html"] = Reply(body=ARTICLE)
    web.routes["/b.html"] = Reply(body=OTHER)
    _ingest(replace(live_settings, fetch_delay=0.1), web.url("/a.html"), web.url("/b.html"))
    t = {s.path: s.at for s in web.seen}
    assert t["/b.html"] - t["/a.html"] >= 1 - 0.02


def test_timeout(web: Loopback, live_settings: Settings) -> None:
    web.routes["/slow.html"] = Reply(body=ARTICLE, delay=3.0)
    start = time.monotonic()
    report, docs = _ingest(replace(live_settings, fetch_timeout=0.5), web.url("/slow.html"))
    assert time.monotonic() - start < 2.5
    assert report.skipped == [(web.url("/slow.html"), "timed out after 0.5 s")]
    assert docs == []


@pytest.mark.parametrize("length", [
    True,    # the Content-Length says so: refused before reading
    False,   # no length: the body is cut off at the limit
])
def test_oversize_body(web: Loopback, live_settings: Settings, length: bool) -> None:
    web.routes["/big.html"] = Reply(body=ARTICLE + b"<p>" + b"x" * 50_000 + b"</p>",
                                    length=length)
    report, docs = _ingest(replace(live_settings, max_bytes=10_000), web.url("/big.html"))
    (url, reason), = report.skipped
    assert url == web.url("/big.html") and reason.startswith("too large:")
    assert ("over the limit of 10,000" in reason) and docs == []


def test_redirect_loop_and_too_many_redirects(web: Loopback, live_settings: Settings) -> None:
    web.routes["/a"] = Reply(302, headers={"Location": "/b"})
    web.routes["/b"] = Reply(301, headers={"Location": web.url("/a")})
    for i in range(8):
        web.routes[f"/r{i}"] = Reply(307, headers={"Location": f"/r{i + 1}"})
    web.routes["/old"] = Reply(301, headers={"Location": "/new.html"})
    web.routes["/new.html"] = Reply(body=ARTICLE)
    report, docs = _ingest(live_settings, web.url("/a"), web.url("/r0"), web.url("/old"))
    reasons = dict(report.skipped)
    assert reasons[web.url("/a")] == f"redirect loop: {web.url('/a')} redirects back to itself"
    assert reasons[web.url("/r0")] == "more than 5 redirects"
    assert "/r6" not in web.paths()  # 5 redirects followed, no more
    # a redirect that ends somewhere: the document has the address it ended at
    assert [d.doc.url for d in docs] == [web.url("/new.html")]


@pytest.mark.parametrize("content_type", ["application/pdf", "application/json", "image/png"])
def test_content_that_is_not_html(web: Loopback, live_settings: Settings,
                                  content_type: str) -> None:
    web.routes["/file"] = Reply(body=ARTICLE, content_type=content_type)
    report, docs = _ingest(live_settings, web.url("/file"))
    assert report.skipped == [(web.url("/file"),
                               f"not an HTML page: the server says {content_type}")]
    assert docs == []


def test_conditional_get_answered_304(web: Loopback, live_settings: Settings) -> None:
    def answer(req: Seen) -> Reply:
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(304, content_type=None, length=False)
        return Reply(body=ARTICLE, headers={"ETag": '"v1"',
                                            "Last-Modified": "Mon, 01 Jul 2024 10:00:00 GMT"})

    web.routes["/h.html"] = answer
    first, _ = _ingest(live_settings, web.url("/h.html"))
    second, docs = _ingest(live_settings, web.url("/h.html"))
    assert (first.ingested, second.ingested, second.already_done, len(docs)) == (1, 0, 1, 1)
    asks = [s for s in web.seen if s.path == "/h.html"]
    assert "if-none-match" not in asks[0].headers
    assert asks[1].headers["if-none-match"] == '"v1"'
    assert asks[1].headers["if-modified-since"] == "Mon, 01 Jul 2024 10:00:00 GMT"


def test_a_page_that_failed_is_not_asked_for_conditionally(web: Loopback,
                                                           live_settings: Settings) -> None:
    # a page with no article was not stored: its validators are not kept
    web.routes["/nav.html"] = Reply(body=b"<html><body><a href='/'>Home</a></body></html>",
                                    headers={"ETag": '"n1"'})
    _ingest(live_settings, web.url("/nav.html"))
    _ingest(live_settings, web.url("/nav.html"))
    asks = [s for s in web.seen if s.path == "/nav.html"]
    assert len(asks) == 2 and "if-none-match" not in asks[1].headers


def test_ssrf_refused_without_allow_private(web: Loopback, live_settings: Settings) -> None:
    web.routes["/a.html"] = Reply(body=ARTICLE)
    report, docs = _ingest(replace(live_settings, allow_private=False), web.url("/a.html"))
    assert report.skipped == [(web.url("/a.html"), "refused: 127.0.0.1 is a loopback "
                               "address (--allow-private fetches it anyway)")]
    assert web.seen == [] and docs == []  # not even robots.txt was asked for


def test_a_redirect_to_a_private_address_is_refused(web: Loopback,
                                                    live_settings: Settings) -> None:
    # The test server's own address is let through by name; every other
    # non-public address stays refused, also when a redirect leads there.
    settings = replace(live_settings, allow_private=False)
    web.routes["/meta"] = Reply(302, headers={"Location": "http://169.254.169.254/latest/"})
    web.routes["/lan"] = Reply(302, headers={"Location": "http://10.1.2.3/admin"})
    with Fetcher(settings, allowed_private={"127.0.0.1"}) as f:
        report, docs = _ingest(settings, web.url("/meta"), web.url("/lan"), fetcher=f)
    assert dict(report.skipped) == {
        web.url("/meta"): "refused: 169.254.169.254 is a link-local address "
                          "(--allow-private fetches it anyway)",
        web.url("/lan"): "refused: 10.1.2.3 is a private address "
                         "(--allow-private fetches it anyway)"}


def test_every_address_of_a_name_is_checked_and_the_checked_one_is_used(
        web: Loopback, live_settings: Settings) -> None:
    settings = replace(live_settings, allow_private=False)
    web.routes["/a.html"] = Reply(body=ARTICLE)
    names = {"news.test": ["127.0.0.1"], "mixed.test": ["127.0.0.1", "10.0.0.5"]}
    with Fetcher(settings, resolve=lambda host, port: names[host],
                 allowed_private={"127.0.0.1"}) as f:
        got = f.get(f"http://news.test:{web.port}/a.html")
        with pytest.raises(FetchError, match="mixed.test is at 10.0.0.5, a private address"):
            f.get(f"http://mixed.test:{web.port}/a.html")
    # the connection went to the address checked, with the name in the Host header
    assert got.final_url == f"http://news.test:{web.port}/a.html"
    assert web.seen[-1].headers["host"] == f"news.test:{web.port}"


@pytest.mark.parametrize("address, problem", [
    ("8.8.8.8", None),
    ("2606:4700:4700::1111", None),
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.1", "a private address"),
    ("172.16.5.4", "a private address"),
    ("192.168.1.1", "a private address"),
    ("169.254.169.254", "a link-local address"),   # cloud metadata
    ("fe80::1", "a link-local address"),
    ("fc00::1", "a private address"),               # unique local
    ("::ffff:127.0.0.1", "a loopback address"),     # IPv4-mapped
    ("2002:7f00:1::1", "a loopback address"),       # 6to4 around 127.0.0.1
    ("0.0.0.0", "a private address"),
    ("224.0.0.1", "a multicast address"),
    ("100.64.0.1", "not a public address"),         # carrier-grade NAT
])
def test_address_problems(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


def test_urls_and_files_mixed_on_one_command_line(web: Loopback, live_settings: Settings,
                                                  tmp_path, capsys) -> None:
    web.routes["/a.html"] = Reply(body=ARTICLE)
    f = tmp_path / "tram.html"
    f.write_bytes(OTHER)
    missing = web.url("/gone.html")
    rc = main(["ingest", web.url("/a.html"), str(f), missing, "--db", live_settings.db_path,
               "--allow-private", "--no-read"])
    out, err = capsys.readouterr()
    assert rc == 0
    assert err.splitlines() == [f"skipped {missing}: HTTP 404 Not Found"]
    assert out.startswith(f"ingested 2 document(s) (0 teaser(s)) into {live_settings.db_path}")
    with open_store(live_settings.db_path) as store:
        assert sorted(d.doc.title or "" for d in store.documents()) == [
            "Harbour reopens", "Tram fares rise"]


def test_the_cli_refuses_loopback_without_the_flag(web: Loopback, tmp_path, capsys) -> None:
    web.routes["/a.html"] = Reply(body=ARTICLE)
    rc = main(["ingest", web.url("/a.html"), "--db", str(tmp_path / "v.sqlite"), "--no-read"])
    assert rc == 1
    assert "refused: 127.0.0.1 is a loopback address" in capsys.readouterr().err
    assert web.seen == []


@pytest.mark.parametrize("text, url", [
    ("https://example.com/a", True),
    ("http://example.com", True),
    ("ftp://example.com/a", False),
    ("file:///etc/passwd", False),
    ("example.com/a.html", False),   # a path, not a URL
    ("news/2024.html", False),
])
def test_what_counts_as_a_url(text: str, url: bool) -> None:
    assert is_url(text) is url


def _certificate(folder, name: str) -> tuple[str, str]:
    """A self-signed certificate for ``name`` (made with the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    key, cert = folder / f"{name}.key", folder / f"{name}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}"], check=True, capture_output=True)
    return str(cert), str(key)


@pytest.mark.parametrize("served_as, ok", [
    ("news.test", True),     # the certificate names the host asked for
    ("other.test", False),   # it names another: refused, though the address is the same
])
def test_https_checks_the_certificate_against_the_name_not_the_address(
        tmp_path, live_settings: Settings, served_as: str, ok: bool) -> None:
    cert, key = _certificate(tmp_path, served_as)
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    trusted = ssl.create_default_context(cafile=cert)
    site = Loopback(tls=server_side)
    try:
        site.routes["/a.html"] = Reply(body=ARTICLE)
        settings = replace(live_settings, allow_private=False)
        with Fetcher(settings, resolve=lambda host, port: ["127.0.0.1"],
                     allowed_private={"127.0.0.1"}, verify=trusted) as f:
            if ok:
                got = f.get(f"https://news.test:{site.port}/a.html")
                assert got.body == ARTICLE and site.seen[-1].headers["host"] == \
                    f"news.test:{site.port}"
            else:
                with pytest.raises(FetchError, match="certificate verify failed"):
                    f.get(f"https://news.test:{site.port}/a.html")
    finally:
        site.close()
