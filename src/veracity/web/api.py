"""The HTTP API under ``/api``: a thin shell over the library, described by
OpenAPI at ``/api/openapi.json``.

Handlers that touch the store are plain ``def`` functions, so the server runs
them in its worker threads and a slow verdict does not hold up other requests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import StringConstraints
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from veracity.errors import TooLarge, UsageError
from veracity.ingest import IngestReport
from veracity.ingest.dates import parse_published
from veracity.ingest.language import language_code
from veracity.settings import Settings
from veracity.web import service
from veracity.web.attend import attended
from veracity.web.models import (
    MAX_ID,
    NOT_BLANK,
    AskRequest,
    CheckRequest,
    CheckResult,
    DocumentDetail,
    DocumentList,
    ErrorResponse,
    EventList,
    IngestResult,
    Verdict,
)
from veracity.web.responses import error_response
from veracity.web.service import PASTED, StorePool, Upload

router = APIRouter(prefix="/api", tags=["api"])

# A name with at least one visible character; longer ones cannot be entity names.
EntityName = Annotated[str, StringConstraints(pattern=NOT_BLANK, max_length=200)]


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    text = {400: "The request cannot be used (the message says why).",
            403: "A cross-site request that would change the store.",
            404: "No such document.",
            413: "The body or an uploaded file is over the size limit (setting max_bytes).",
            422: "A parameter or the body does not validate (details name each field).",
            503: "A part of veracity the server needs is not installed or not ready."}
    return {s: {"model": ErrorResponse, "description": text[s]} for s in statuses}


def _pool(request: Request) -> StorePool:
    return request.app.state.pool  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


@router.post("/ask", response_model=None, summary="Answer a question with a verdict",
             responses={200: {"model": Verdict, "description": "The verdict, as "
                              "`veracity ask --format json` prints it."},
                        **_errors(400, 403, 413, 422, 503)})
async def post_ask(body: AskRequest, request: Request) -> JSONResponse:
    """Parse the question into a claim, match stored events, and return the lead
    verdict with every matching event and its evidence."""
    as_of = body.as_of.isoformat() if body.as_of else None
    pool, budget = _pool(request), _settings(request).ask_time_budget
    return JSONResponse(await attended(request, pool, lambda gone: service.answer(
        pool, body.question, as_of, budget, gone)))


@router.post("/check", response_model=None, summary="Check every claim of an article",
             responses={200: {"model": CheckResult, "description": "The claims, as "
                              "`veracity check --format json` prints them."},
                        **_errors(400, 403, 413, 422, 503)})
async def post_check(body: CheckRequest, request: Request) -> JSONResponse:
    """Read the article (nothing is stored), list the claims it makes, and check
    each against the store without the article and its near-duplicate copies:
    the verdict with this article's sources and the rest of the corpus's answer,
    most important claims first; intentions, predictions and opinions apart."""
    source = " ".join(body.source.split()) if body.source else None
    pool, settings = _pool(request), _settings(request)
    result = await attended(request, pool, lambda gone: service.check_article(
        pool, settings, Upload(PASTED, body.text.encode("utf-8")),
        published=body.published.isoformat() if body.published else None, source=source,
        as_of=body.as_of.isoformat() if body.as_of else None, gone=gone))
    return JSONResponse(result.to_dict())


@router.get("/documents", response_model=DocumentList, summary="List stored documents",
            responses=_errors(422))
def list_documents(
    request: Request,
    kind: Annotated[Literal["article", "teaser"] | None, Query(description="only this kind")]
    = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_ID, description="skip this many")] = 0,
) -> dict[str, Any]:
    with _pool(request).store() as store:
        docs = store.documents(limit=limit, offset=offset, kind=kind)
    return {"documents": [d.summary() for d in docs], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(docs) == limit else None}


@router.get("/documents/{doc_id}", response_model=DocumentDetail,
            summary="One document with captions, teasers, attributions and events",
            responses=_errors(404, 422))
def get_document(request: Request,
                 doc_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """The text, its photo captions (offsets of caption spans are into the caption
    text), the teasers printed on its page, its copies, and the reader's
    attributions (source, cue, content), entities and events with offsets."""
    with _pool(request).store() as store:
        return service.document_detail(store, doc_id)


@router.get("/events", response_model=EventList,
            summary="Stored events with any of these participants",
            responses=_errors(400, 422))
def list_events(
    request: Request,
    entity: Annotated[list[EntityName], Query(min_length=1, max_length=50,
                                              description="a participant's name, any case; "
                                              "a surname or another name of it is resolved "
                                              "as in questions ('Trump' finds 'Donald "
                                              "Trump', 'Moscow' Russia's government); "
                                              "repeat for several")],
) -> dict[str, Any]:
    """Events having any of the participants named, each name resolved to the
    stored names it stands for (listed under ``resolved``)."""
    with _pool(request).store() as store:
        resolved = service.resolve_names(store, [e.strip() for e in entity])
        names = sorted({n for found in resolved.values() for n in found})
        return {"events": service.events_for(store, names), "resolved": resolved}


_INGEST_FIELDS: dict[str, dict[str, Any]] = {
    "files": {"type": "array", "items": {"type": "string", "format": "binary"},
              "description": "files to ingest: HTML (also .html.gz), pasted page text, "
              "JSON lines, WARC; each at most max_bytes"},
    "text": {"type": "string", "description": "page text pasted from a browser (headline, "
             "captions and 'More from ...' teasers are split off)"},
    "published": {"type": "string", "format": "date", "description": "publication date "
                  "(YYYY-MM-DD) for documents that do not carry one"},
    "source": {"type": "string", "maxLength": 200, "description": "outlet name"},
    "language": {"type": "string", "pattern": r"^[ \t]*[A-Za-z]{2}[ \t]*$",
                 "description": "ISO 639-1 code (en, ru, pt...) given to every document "
                 "instead of the detected language"},
}
# At least one file, or a pasted text with something in it.
_SOMETHING = [{"required": ["files"], "properties": {"files": {"minItems": 1}}},
              {"required": ["text"], "properties": {"text": {"pattern": NOT_BLANK}}}]
_INGEST_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": _INGEST_FIELDS,
                                       "anyOf": _SOMETHING}},
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["text"],
        "properties": {**{k: v for k, v in _INGEST_FIELDS.items() if k != "files"},
                       "text": {**_INGEST_FIELDS["text"], "pattern": NOT_BLANK}}}},
}}}


@dataclass(frozen=True)
class IngestForm:
    """What an ingest form sends: uploads (files, then the pasted text) and the
    metadata for all of them."""

    uploads: list[Upload]
    published: str | None
    source: str | None
    language: str | None  # ISO 639-1, instead of the detected language


async def read_ingest_form(request: Request) -> IngestForm:
    """Uploads (files, then the pasted text), published date, source and language of
    a form.

    The form is parsed here rather than by FastAPI so that a pasted text may be as
    large as an uploaded file (max_bytes), not Starlette's 1 MiB per field.
    """
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise UsageError("send the form as multipart/form-data (files) or "
                         "application/x-www-form-urlencoded (pasted text)")
    max_bytes = _settings(request).max_bytes
    try:
        form = await request.form(max_files=100, max_fields=100, max_part_size=max_bytes + 1)
    except StarletteHTTPException as exc:
        # Starlette says "Field exceeded maximum size of 48KB." with a 400.
        if "exceeded maximum size" in str(exc.detail):
            raise TooLarge(f"a form field is over the limit of {max_bytes:,} bytes "
                           "(setting max_bytes)") from exc
        raise
    uploads: list[Upload] = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile):
            data = await item.read()
            if item.filename or data:  # browsers send an empty part for "no file chosen"
                uploads.append(Upload(item.filename or "upload", data))
    text = form.get("text")
    if isinstance(text, UploadFile):
        text = (await text.read()).decode("utf-8", errors="replace")
    if text and text.strip():
        uploads.append(Upload(PASTED, text.encode("utf-8", errors="replace")))
    published = form.get("published")
    source = form.get("source")
    language = form.get("language")
    if not isinstance(published, str | None) or not isinstance(source, str | None) \
            or not isinstance(language, str | None):
        raise UsageError("'published', 'source' and 'language' are text fields, not files")
    code: str | None = None
    if isinstance(language, str) and language.strip():
        try:
            code = language_code(language)
        except ValueError as exc:
            raise UsageError(f"'language': {exc}") from exc
    if source:  # an outlet name: one line of visible text
        source = " ".join("".join(c for c in source if c.isprintable() or c.isspace()).split())
        if len(source) > 200:
            raise UsageError("'source' is an outlet name: at most 200 characters")
    if not uploads:
        raise UsageError("nothing to ingest: paste the page text into 'text' or upload "
                         "files as 'files'")
    return IngestForm(uploads, parse_published(published), source or None, code)


async def run_ingest(request: Request, form: IngestForm) -> IngestReport:
    pool, settings = _pool(request), _settings(request)

    def work() -> IngestReport:
        from veracity.watch.standing import after_ingest

        with pool.write_lock, pool.store() as store:
            report = service.ingest_uploads(store, settings, form.uploads,
                                            published=form.published, source=form.source,
                                            language=form.language)
            # Standing questions are asked again, as after ``veracity ingest``; their
            # alerts go to the alerts log and webhooks (a server has no stdout to use).
            after_ingest(store, settings, report.doc_ids, log=logging.getLogger(
                "veracity.web").warning)
            return report

    return await run_in_threadpool(work)


def nothing_ingested(report: IngestReport) -> bool:
    return not (report.ingested or report.already_done or report.duplicates)


@router.post("/ingest", response_model=IngestResult, openapi_extra=_INGEST_BODY,
             summary="Ingest uploaded files or pasted page text",
             responses=_errors(400, 403, 413, 422))
async def post_ingest(request: Request) -> Any:
    """Stores the documents found (with teasers and captions split off), reads
    them, and returns what was done. Inputs that cannot be ingested are listed
    under ``skipped``; when nothing at all could be ingested the answer is a 422
    error whose details list each input and why."""
    report = await run_ingest(request, await read_ingest_form(request))
    if nothing_ingested(report):
        reasons = "; ".join(f"{p}: {r}" for p, r in report.skipped) or "no documents found"
        return error_response(422, "bad_input", f"nothing ingested: {reasons}",
                              [{"path": p, "message": r} for p, r in report.skipped])
    return report.to_dict()
