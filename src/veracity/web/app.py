"""The ASGI application: API and pages over one store, errors in one shape, and
the guards that make a loopback server safe to leave running.

Guards (all on by default):

* Host header check against loopback names (and the bound host): a page on
  another site cannot reach the server through DNS rebinding;
* cross-site POSTs refused (``Origin`` or ``Sec-Fetch-Site``): a page on another
  site cannot make the browser ingest into the store;
* request bodies capped at ``settings.max_bytes`` (plus form overhead), checked
  on ``Content-Length`` and while streaming;
* a Content-Security-Policy without any script source, so even markup that
  slipped through escaping could not run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veracity import __version__
from veracity.errors import TooLarge, VeracityError
from veracity.settings import Settings
from veracity.web import api, pages, watched
from veracity.web.pages import error_page
from veracity.web.responses import STATUS, error_response
from veracity.web.service import StorePool

log = logging.getLogger("veracity.web")

HERE = Path(__file__).parent
LOOPBACK_HOSTS: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Multipart boundaries and the small form fields around an upload.
FORM_OVERHEAD = 64 * 1024
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")

def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _render_error(request: Request, status: int, code: str, message: str,
                  details: list[dict[str, Any]] | None = None) -> Response:
    if _wants_json(request):
        return error_response(status, code, message, details)
    return error_page(request, status, message)


_HTTP_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VeracityError)
    async def _veracity(request: Request, exc: VeracityError) -> Response:
        status = STATUS.get(exc.code, 500)
        return _render_error(request, status, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            details.append({"field": where, "message": str(e.get("msg", "invalid"))})
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
        return _render_error(request, 422, "invalid_request",
                             f"invalid request: {message or 'cannot read it'}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if isinstance(exc.__cause__, TooLarge):  # body cut while FastAPI read it
            return _render_error(request, 413, "too_large", str(exc.__cause__))
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"no such page or endpoint: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        response = _render_error(request, exc.status_code, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        return internal_error(request, exc)


def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path,
                  exc_info=exc)
    return _render_error(request, 500, "internal",
                         f"internal error ({type(exc).__name__}); the server log has "
                         "the details")


class HeadAsGet:
    """HEAD answered as the GET of the same path without its body (RFC 9110: the
    same status and headers), for every page, the API and static files.  FastAPI
    routes declared with GET answer HEAD with 405, which link checkers and
    ``curl -I`` take for a broken page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class Guard:
    """Host check, cross-site POST check, body size cap, security headers."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", ())}
        host = headers.get("host", "")
        refusal = self._refuse(scope["method"], host, headers)
        if refusal:
            await refusal(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge(f"request body over the limit of {self.max_body:,} bytes "
                                   "(setting max_bytes)")
            return message

        started = False

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(b"content-security-policy", CSP.encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except Exception as exc:
            # Answered here, inside this guard, rather than by Starlette's outermost
            # handler: a 500 then has the security headers too, and the exception
            # stops here, so the server keeps the client's connection open.
            if started:
                raise
            await internal_error(Request(scope), exc)(scope, receive, secured_send)

    def _refuse(self, method: str, host: str, headers: dict[str, str]) -> Response | None:
        name = urlsplit(f"//{host}").hostname or ""
        if "*" not in self.allowed and name.lower() not in self.allowed | {f"[{name}]"}:
            return error_response(400, "bad_host", f"host {host!r} is not served here; "
                                  "use http://127.0.0.1 (or start with --host)")
        if method not in ("GET", "HEAD", "OPTIONS"):
            # Browsers say where a request comes from in Sec-Fetch-Site; older ones
            # only in Origin ("null" from a sandboxed frame on another site).
            site, origin = headers.get("sec-fetch-site"), headers.get("origin")
            if site is not None:
                cross = site not in ("same-origin", "none")
            else:
                cross = bool(origin) and urlsplit(origin).netloc.lower() != host.lower()
            if cross:
                return error_response(403, "forbidden", "cross-site requests that change "
                                      "the store are refused")
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                return error_response(413, "too_large",
                                      f"request body of {int(length):,} bytes is over the "
                                      f"limit of {self.max_body:,} bytes (setting max_bytes)")
        return None


def allowed_hosts_for(host: str) -> set[str]:
    """Loopback names, plus the bound address; a wildcard bind allows any Host."""
    if host in ("0.0.0.0", "::", ""):
        return {"*"}
    return set(LOOPBACK_HOSTS) | {host.lower()}


def create_app(settings: Settings, *, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The web app over the store ``settings.db_path``.

    The store is opened (and created or migrated) here, so a wrong ``--db``
    fails when the server starts, not at its first request.
    """
    pool = StorePool(settings.db_path, settings.ask_slots)
    with pool.store():
        pass

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="veracity", version=__version__, lifespan=lifespan,
        description="Did it actually happen? Ask about events in your own news corpus and "
        "get a verdict with quoted evidence; list and read stored documents; ingest pages. "
        "Every error has the shape {\"error\": {\"status\", \"code\", \"message\", "
        "\"details\"}}.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.settings = settings
    app.state.pool = pool
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(watched.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(HeadAsGet)  # inside the guard: a HEAD is checked as itself
    app.add_middleware(Guard, max_body=settings.max_bytes + FORM_OVERHEAD,
                       allowed_hosts=LOOPBACK_HOSTS if allowed_hosts is None else allowed_hosts)
    return app


# The serve command tells its worker processes the address it binds to.
SERVE_HOST_ENV = "VERACITY_SERVE_HOST"


def app_from_environment() -> FastAPI:
    """The app of each process of ``veracity serve --processes N``.

    Settings come layered as everywhere else (the serve command exports its
    ``--db`` and ``--max-bytes`` as ``VERACITY_DB`` / ``VERACITY_MAX_BYTES``);
    the bound address, for the Host check, comes from ``VERACITY_SERVE_HOST``.
    """
    from veracity.settings import load_settings

    host = os.environ.get(SERVE_HOST_ENV, "127.0.0.1")
    return create_app(load_settings(), allowed_hosts=allowed_hosts_for(host))
