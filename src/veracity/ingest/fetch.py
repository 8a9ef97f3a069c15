"""Fetching pages and feeds over HTTP, politely and safely.

Politely: robots.txt is read (RFC 9309) and obeyed for every URL and every
redirect, requests to one host are spaced by ``fetch_delay`` seconds (or the
site's Crawl-delay, when longer), the User-Agent says who is asking, and a
page fetched before is asked for again with its ETag / Last-Modified, so an
unchanged page costs a 304 and no body.

Safely: only http and https; every host is resolved here and each of its
addresses checked (no private, loopback, link-local, multicast or otherwise
non-public address unless ``allow_private``), on the first request and after
every redirect; the request then goes to the checked address itself (the
name kept in the Host header and for TLS), so a second DNS answer cannot
swap in another address between the check and the connection (DNS
rebinding). Redirects are followed by hand, at most ``fetch_max_redirects``,
loops refused; bodies stop at ``max_bytes`` (after decompression); the time
of a whole response is bounded, not just each read; a content type that is
not wanted is refused before the body is read. No proxy or netrc from the
environment is used.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from veracity.errors import InputError
from veracity.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt.
ROBOTS_MAX_BYTES = 512 * 1024
# A robots.txt is kept a day (RFC 9309 advises against caching it longer).
ROBOTS_TTL = 24 * 3600.0
# A robots.txt that could not be read is asked for again after this long.
ROBOTS_RETRY = 600.0
# Longest Crawl-delay honoured: some sites ask for minutes, which would stall a
# watch of many feeds; past this the site is still asked at most every minute.
MAX_CRAWL_DELAY = 60.0

Resolver = Callable[[str, int], list[str]]


class FetchError(InputError):
    """A URL that could not be fetched. ``transient`` errors (timeouts, refused
    connections, 5xx, 429) are worth trying again later; the others are not."""

    code = "fetch"

    def __init__(self, url: str, reason: str, *, transient: bool = False,
                 status: int | None = None) -> None:
        super().__init__(url, reason)
        self.transient = transient
        self.status = status  # the HTTP status, when the server answered with an error


@dataclass(frozen=True)
class Fetched:
    """One response: 200 with its body, or 304 (not modified) without one."""

    url: str  # the URL asked for
    final_url: str  # where the redirects ended
    status: int
    media_type: str | None  # "text/html", without parameters
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    """An http(s) address (what ``ingest`` fetches instead of opening a file)."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def address_problem(address: str) -> str | None:
    """Why ``address`` is not a public one (None when it is): the check that keeps
    a URL from reaching the local network or a cloud metadata service."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address dressed as IPv6 (::ffff:127.0.0.1, 6to4) is judged as IPv4.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return address_problem(str(embedded))
    for flag, words in (("is_loopback", "a loopback address"),
                        ("is_link_local", "a link-local address"),
                        ("is_private", "a private address"),
                        ("is_multicast", "a multicast address"),
                        ("is_unspecified", "an unspecified address"),
                        ("is_reserved", "a reserved address")):
        if getattr(ip, flag):
            return words
    return None if ip.is_global else "not a public address"


def system_resolve(host: str, port: int) -> list[str]:
    """Every address of ``host``, in the resolver's order, each once."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def media_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from a Content-Type header."""
    if not header:
        return None, None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower() or None
    return parts[0].lower() or None, charset


class Fetcher:
    """An HTTP client that keeps to the rules above; one per ingest or watch run
    (it remembers each host's last request and robots.txt)."""

    def __init__(self, settings: Settings, *, resolve: Resolver | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 allowed_private: Collection[str] = (),
                 verify: ssl.SSLContext | bool = True) -> None:
        self.settings = settings
        self.resolve = resolve or system_resolve
        self.sleep = sleep
        # Non-public addresses allowed even without ``allow_private`` (a library
        # caller's own service on one known address).
        self.allowed_private = frozenset(allowed_private)
        self.agent = settings.user_agent.split("/", 1)[0].split()[0].lower()
        # No connection is kept: each request goes to an address checked just
        # before, and a kept connection to one name must not serve another.
        # ``verify``: certificates are checked against the system's CAs, or
        # those of an SSLContext given here (an organisation's own CA).
        self.client = httpx.Client(
            verify=verify, timeout=httpx.Timeout(settings.fetch_timeout), follow_redirects=False,
            trust_env=False, limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": settings.user_agent})
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, RobotFileParser | FetchError]] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one public call -------------------------------------------------
    def get(self, url: str, *, accept: Collection[str] | None = None,
            etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Fetched:
        """GET ``url``, following redirects; raises FetchError with the reason."""
        return self._get(url, accept=accept, etag=etag, last_modified=last_modified,
                         max_bytes=max_bytes or self.settings.max_bytes, robots=True)

    def _get(self, url: str, *, accept: Collection[str] | None, etag: str | None,
             last_modified: str | None, max_bytes: int, robots: bool) -> Fetched:
        current = url.split("#", 1)[0]  # a fragment is the browser's, never sent
        visited: list[str] = []
        for _ in range(self.settings.fetch_max_redirects + 1):
            target, address = self._checked(url, current)
            if robots and not self._robots_allow(url, target):
                raise FetchError(url, f"robots.txt of {target.host} disallows "
                                      f"{target.raw_path.decode('ascii', 'replace')}")
            found = self._request(url, target, address, accept=accept, etag=etag,
                                  last_modified=last_modified, max_bytes=max_bytes)
            if isinstance(found, Fetched):
                return found
            visited.append(current)
            nxt = urljoin(current, found).split("#", 1)[0]
            if nxt in visited:
                raise FetchError(url, f"redirect loop: {nxt} redirects back to itself")
            current = nxt
        raise FetchError(url, f"more than {self.settings.fetch_max_redirects} redirects")

    # -- checks ------------------------------------------------------------
    def _checked(self, url: str, current: str) -> tuple[httpx.URL, str]:
        """The parsed URL and the one address to connect to, both checked."""
        try:
            target = httpx.URL(current)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"not a valid URL: {current} ({exc})") from exc
        if target.scheme not in ("http", "https") or not target.host:
            raise FetchError(url, f"only http and https addresses are fetched, not {current}")
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = self.resolve(host.strip("[]"), port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve {target.host}: "
                                  f"{getattr(exc, 'strerror', None) or exc}",
                             transient=True) from exc
        if not addresses:
            raise FetchError(url, f"cannot resolve {target.host}", transient=True)
        if not self.settings.allow_private:
            # Every address must be public: a name answering with one public and
            # one private address would otherwise let the private one through.
            for a in addresses:
                why = None if a in self.allowed_private else address_problem(a)
                if why:
                    name = target.host.strip("[]")
                    what = f"{name} is {why}" if name == a else f"{name} is at {a}, {why}"
                    raise FetchError(url, f"refused: {what} (--allow-private fetches it "
                                          "anyway)")
        return target, addresses[0]

    def _robots_allow(self, url: str, target: httpx.URL) -> bool:
        origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
        kept = self._robots.get(origin)
        now = time.monotonic()
        if kept is None or now - kept[0] > (ROBOTS_TTL if isinstance(kept[1], RobotFileParser)
                                            else ROBOTS_RETRY):
            kept = (now, self._read_robots(origin))
            self._robots[origin] = kept
        rules = kept[1]
        if isinstance(rules, FetchError):
            # RFC 9309: a robots.txt that cannot be reached (5xx, network) forbids
            # everything; said as what it is, and worth trying again later.
            raise FetchError(url, f"robots.txt of {target.host} cannot be read "
                                  f"({rules.reason}), so nothing is fetched from there",
                             transient=True)
        return rules.can_fetch(self.agent, str(target))

    def _read_robots(self, origin: str) -> RobotFileParser | FetchError:
        rules = RobotFileParser()
        try:
            got = self._get(origin + "/robots.txt", accept=None, etag=None,
                            last_modified=None, max_bytes=ROBOTS_MAX_BYTES, robots=False)
        except FetchError as exc:
            # RFC 9309: a robots.txt that does not exist (4xx) allows everything.
            if exc.status is not None and 400 <= exc.status < 500:
                rules.parse([])
                return rules
            return exc
        rules.parse(got.body.decode("utf-8", "replace").splitlines())
        return rules

    def _delay(self, host: str) -> float:
        rules = next((r for o, (_, r) in self._robots.items()
                      if urlsplit(o).hostname == host and isinstance(r, RobotFileParser)), None)
        crawl = rules.crawl_delay(self.agent) if rules is not None else None
        return max(self.settings.fetch_delay, min(float(crawl or 0), MAX_CRAWL_DELAY))

    # -- the request ---------------------------------------------------------
    def _request(self, url: str, target: httpx.URL, address: str, *,
                 accept: Collection[str] | None, etag: str | None, last_modified: str | None,
                 max_bytes: int) -> Fetched | str:
        """The response (a Fetched), or the Location of a redirect."""
        host = target.raw_host.decode("ascii").lower()
        wait = self._last.get(host, -1e9) + self._delay(host) - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        headers = {"Host": target.netloc.decode("ascii"), "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        extensions = {"sni_hostname": host} if target.scheme == "https" else {}
        timeout = self.settings.fetch_timeout
        start = time.monotonic()
        try:
            with self.client.stream("GET", target.copy_with(host=address), headers=headers,
                                    extensions=extensions) as r:
                return self._response(url, target, r, accept, max_bytes, start + timeout)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {timeout:g} s", transient=True) from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"network error: {_first_line(exc)}", transient=True) from exc
        finally:
            self._last[host] = time.monotonic()

    def _response(self, url: str, target: httpx.URL, r: httpx.Response,
                  accept: Collection[str] | None, max_bytes: int, deadline: float
                  ) -> Fetched | str:
        if r.status_code in REDIRECTS and r.headers.get("location"):
            return str(r.headers["location"])
        etag, modified = r.headers.get("etag"), r.headers.get("last-modified")
        if r.status_code == 304:
            return Fetched(url, str(target), 304, None, None, b"", etag, modified)
        if r.status_code != 200:
            raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".strip(),
                             transient=r.status_code >= 500 or r.status_code == 429,
                             status=r.status_code)
        kind, charset = media_type(r.headers.get("content-type"))
        if accept is not None and kind is not None and kind not in accept:
            raise FetchError(url, f"not {_wanted(accept)}: the server says {kind}")
        length = r.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(url, f"too large: {int(length):,} bytes over the limit of "
                                  f"{max_bytes:,} (raise it with --max-bytes)")
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, f"too large: over the limit of {max_bytes:,} bytes "
                                      "(raise it with --max-bytes)")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.settings.fetch_timeout:g} s "
                                      "(the body kept coming)", transient=True)
        return Fetched(url, str(target), 200, kind, charset, bytes(body), etag, modified)


def _wanted(accept: Collection[str]) -> str:
    if set(accept) <= HTML_TYPES:
        return "an HTML page"
    return "one of " + ", ".join(sorted(accept))


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
