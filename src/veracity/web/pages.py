"""Server-rendered pages: question box, verdict, documents, paste/upload form.

No JavaScript: forms submit with GET (questions, so a verdict page is a link
one can share) or POST (ingest). Templates autoescape everything; article text
is turned into HTML only by :func:`veracity.web.highlight.highlight`.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from veracity import __version__
from veracity.errors import NotFound, VeracityError
from veracity.types import StoredDocument
from veracity.web import service
from veracity.web.api import nothing_ingested, read_ingest_form, run_ingest
from veracity.web.attend import attended
from veracity.web.highlight import ClaimSpan, Mark, highlight, link_claims, marks_for
from veracity.web.models import MAX_ID

router = APIRouter(include_in_schema=False)

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=True, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=_env)

LABELS: dict[str, str] = {
    "confirmed": "asserted first-hand or by two or more independent sources, denied by none",
    "reported": "asserted by one source or only by unnamed sources, denied by none",
    "disputed": "asserted by at least one source and denied by at least one other",
    "denied": "denied or rejected, asserted by none",
    "no_evidence": "nothing in the store speaks to it",
}
STANCES: dict[str, str] = {
    "asserts": "asserts", "probable": "says it is probable", "possible": "says it is possible",
    "denies": "denies", "uncommitted": "reports without taking a position",
    "no_comment": "declines to comment",
}


def render(request: Request, name: str, context: dict[str, Any],
           status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"version": __version__, "labels": LABELS, "stances": STANCES,
                        "entity_href": entity_href, **context}, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message}, status)


def quote_href(doc_id: int, start: int, end: int, caption: int | None = None) -> str:
    """Link to a quote in its document: the page marks [start, end) and scrolls to it."""
    params: dict[str, int] = {"start": start, "end": end}
    if caption is not None:
        params["caption"] = caption
    return f"/documents/{int(doc_id)}?{urlencode(params)}#quote"


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links: a stored ``javascript:`` URL stays text."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def listed(s: StoredDocument) -> dict[str, Any]:
    """A document as listings show it: its summary, a label (a teaser's first
    words when it has no title) and a link to the original when it has one."""
    return {**s.summary(), "label": s.doc.heading(), "original": safe_url(s.doc.url)}


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> Response:
    pool = request.app.state.pool
    with pool.store() as store:
        total = store.count()
        recent = store.documents(limit=20, offset=max(0, total - 20), kind="article")
    return render(request, "index.html", {"recent": [listed(d) for d in recent][::-1],
                                          "total": total})


def _labels(request: Request, verdict: dict[str, Any]) -> dict[int, str]:
    """The first words of each quoted document that has no title (a teaser)."""
    ids = {e["doc_id"] for ev in verdict.get("events") or () for e in ev.get("evidence") or ()
           if not e.get("title")}
    ids |= {m["doc_id"] for m in verdict.get("near_misses") or () if not m.get("title")}
    out: dict[int, str] = {}
    with request.app.state.pool.store() as store:
        for i in sorted(ids):
            try:
                out[i] = store.get(i).doc.heading()
            except NotFound:  # removed since: the verdict still names it by id
                pass
    return out


def _verdict_view(verdict: dict[str, Any],
                  labels: dict[int, str] | None = None) -> dict[str, Any]:
    """Links for every quote and original article, a label for every document,
    and which event leads: the engine flags it with ``lead`` (the first event,
    when the question is about one of them)."""
    labels = labels or {}

    def quoted(e: dict[str, Any]) -> dict[str, Any]:
        label = e.get("title") or labels.get(e["doc_id"]) or f"document {e['doc_id']}"
        return {**e, "href": quote_href(e["doc_id"], e["start"], e["end"], e.get("caption")),
                "label": label, "original": safe_url(e.get("url"))}

    events: list[dict[str, Any]] = []
    for i, ev in enumerate(verdict.get("events") or ()):
        is_lead = i == 0 and bool(ev.get("lead", True))
        ev = {**ev, "is_lead": is_lead,
              "first_other": not is_lead and not any(e["first_other"] for e in events)}
        events.append({**ev, "evidence": [quoted(e) for e in ev.get("evidence") or ()]})
    near = [quoted(m) for m in verdict.get("near_misses") or ()]
    return {**verdict, "events": events, "near_misses": near}


def ask_href(q: str, as_of: str | None = None) -> str:
    return "/ask?" + urlencode({"q": q, **({"as_of": as_of} if as_of else {})})


def question_links(q: str, as_of: str) -> dict[str, str]:
    """The other views of one question: its history and its ClaimReview."""
    params = {"q": q, **({"as_of": as_of} if as_of else {})}
    return {"history": f"/history?{urlencode({'q': q})}",
            "claimreview": f"/claimreview?{urlencode(params)}"}


@router.get("/ask", response_class=HTMLResponse)
async def ask_page(request: Request, q: Annotated[str, Query(max_length=2000)] = "",
                   as_of: Annotated[str, Query(max_length=40)] = "") -> Response:
    if not q.strip():
        return RedirectResponse("/", status_code=303)
    from veracity.ingest.dates import parse_published

    pool, budget, day = (request.app.state.pool, request.app.state.settings.ask_time_budget,
                         parse_published(as_of))

    def work(gone: threading.Event) -> tuple[dict[str, Any], dict[int, str]]:
        verdict = service.answer(pool, q, day, budget, gone)
        return verdict, _labels(request, verdict)  # store reads, off the event loop

    verdict, labels = await attended(request, pool, work)
    return render(request, "verdict.html", {
        "q": q, "as_of": as_of, "v": _verdict_view(verdict, labels),
        "links": question_links(q, as_of)})


@router.get("/claimreview")
async def claimreview_download(request: Request,
                               q: Annotated[str, Query(max_length=2000)] = "",
                               as_of: Annotated[str, Query(max_length=40)] = "") -> Response:
    """The verdict as schema.org ClaimReview JSON-LD, as a file to save."""
    from veracity.errors import UsageError
    from veracity.ingest.dates import parse_published

    if not q.strip():
        raise UsageError("no question: give it as ?q=...")
    pool, budget, day = (request.app.state.pool, request.app.state.settings.ask_time_budget,
                         parse_published(as_of))
    review = await attended(request, pool,
                            lambda gone: service.claim_review(pool, q, day, budget, gone))
    return JSONResponse(review, media_type="application/ld+json", headers={
        "content-disposition": 'attachment; filename="claimreview.jsonld"'})


@router.get("/history", response_class=HTMLResponse)
async def history_page(request: Request,
                       q: Annotated[str, Query(max_length=2000)] = "") -> Response:
    """How the verdict changed as documents were published, one row per date."""
    if not q.strip():
        return RedirectResponse("/", status_code=303)
    pool, budget = request.app.state.pool, request.app.state.settings.ask_time_budget
    points = await attended(request, pool, lambda gone: service.history(pool, q, budget, gone))
    rows = []
    before = None
    for p in points:
        lead = p.verdict.lead
        rows.append({"date": p.date, "verdict": p.verdict.verdict, "new": p.new_documents,
                     "lead": lead.summary if lead else None,
                     "sources": dict(sorted(lead.sources.items())) if lead else {},
                     "was": before if before not in (None, p.verdict.verdict) else None,
                     "href": ask_href(q, p.date)})
        before = p.verdict.verdict
    last = points[-1].verdict.to_dict() if points else {}
    return render(request, "history.html", {"q": q, "rows": rows, "v": last,
                                            "links": question_links(q, "")})


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


@router.get("/entities", response_class=HTMLResponse)
def entities_form(request: Request,
                  name: Annotated[str, Query(max_length=200)] = "") -> Response:
    """A box for a name; the answer is the entity's own page."""
    if name.strip():
        return RedirectResponse(entity_href(" ".join(name.split())), status_code=303)
    return render(request, "entity.html", {"e": None, "name": ""})


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str) -> Response:
    """What the corpus says about a person, country or organisation: the stored
    names it stands for, then each source's stances toward the events it is in."""
    from veracity.errors import UsageError

    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise UsageError("a name of 1 to 200 characters, such as /entities/Trump")
    report = service.entity(request.app.state.pool, name)
    sources = []
    for v in report.sources:
        statements = [{**asdict(x), "href": quote_href(x.doc_id, x.start, x.end, x.caption),
                       "original": safe_url(x.url)} for x in v.statements]
        sources.append({"source": v.source, "stances": v.stances, "total": v.total,
                        "statements": statements})
    return render(request, "entity.html", {"e": report, "name": name, "sources": sources})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request,
                   offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> Response:
    with request.app.state.pool.store() as store:
        docs = store.documents(limit=100, offset=offset)
    return render(request, "documents.html", {
        "docs": [listed(d) for d in docs], "offset": offset,
        "next": offset + 100 if len(docs) == 100 else None})


def _stance_links(doc_id: int, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for ev in events:
        stances = [{**s, "href": quote_href(doc_id, s["start"], s["end"], ev.get("caption"))}
                   for s in ev.get("stances") or ()]
        out.append({**ev, "stances": stances,
                    "href": quote_href(doc_id, ev["start"], ev["end"], ev.get("caption"))})
    return out


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: int,
    start: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    end: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    caption: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    ingested: Annotated[int | None, Query(ge=0, le=10**6)] = None,
    events: Annotated[bool, Query(description="underline the events' words")] = False,
) -> Response:
    """The text with who says what highlighted; the reader's events are listed
    on demand and their words underlined only when asked (``?events=1``): it
    finds an event in almost every verb, and underlining them all buried the
    attributions."""
    if not 1 <= doc_id <= MAX_ID:
        raise NotFound(f"no document {doc_id}")
    with request.app.state.pool.store() as store:
        d = service.document_detail(store, doc_id)
        heading = store.get(doc_id).doc.heading()
        parent = listed(store.get(d["parent_id"])) if d["parent_id"] else None
        # Teasers seldom have a headline of their own: show their first words.
        d["teasers"] = [listed(t) for t in store.children(doc_id)]
        d["copies"] = [listed(c) for c in store.copies(doc_id)]
    quote = (Mark(start, end, "quote", "the quoted evidence")
             if start is not None and end is not None else None)

    def marked(text: str, where: int | None) -> Any:
        marks = marks_for(d, where, events=events)
        if quote and caption == where:
            marks.append(quote)
        return highlight(text, marks)

    captions = [{**c, "html": marked(c["text"], c["index"])} for c in d["captions_list"]]
    here = {k: v for k, v in (("start", start), ("end", end), ("caption", caption))
            if v is not None}
    params = urlencode({**here, **({} if events else {"events": 1})})
    toggle = f"/documents/{doc_id}" + (f"?{params}" if params else "")
    return render(request, "document.html", {
        "d": d, "heading": heading, "parent": parent, "body": marked(d["text"], None),
        "captions": captions, "events": _stance_links(doc_id, d["events"]),
        "link": safe_url(d["url"]), "quoted": quote is not None, "ingested": ingested,
        "underlined": events, "toggle": toggle + ("#quote" if quote else "")})


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> Response:
    return render(request, "ingest.html", {"max_bytes": request.app.state.settings.max_bytes})


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request) -> Response:
    """Ingest the form; go to the new article, or say what happened."""
    max_bytes = request.app.state.settings.max_bytes
    try:
        report = await run_ingest(request, await read_ingest_form(request))
    except VeracityError as exc:
        if exc.code not in ("usage", "bad_input"):
            raise
        return render(request, "ingest.html", {"max_bytes": max_bytes, "error": str(exc)}, 400)
    result = report.to_dict()
    if nothing_ingested(report):
        return render(request, "ingest.html", {"max_bytes": max_bytes, "report": result}, 422)
    pool = request.app.state.pool

    def articles() -> list[dict[str, Any]]:
        with pool.store() as store:
            return [listed(store.get(i)) for i in report.doc_ids]

    docs = await run_in_threadpool(articles)
    main = [x for x in docs if x["kind"] == "article"]
    if len(main) == 1 and not report.skipped:
        return RedirectResponse(f"/documents/{main[0]['id']}?ingested={len(docs)}",
                                status_code=303)
    return render(request, "ingest.html", {"max_bytes": max_bytes, "report": result,
                                           "docs": docs})


# -- check an article -----------------------------------------------------------

def _check_view(result: Any) -> dict[str, Any]:
    """The check as the template shows it: the article text with each claim's
    sentence linked to its evidence, and links for every quote of the corpus."""
    data = result.to_dict()
    claims = []
    for c in data["claims"]:
        answer = _verdict_view(c["answer"])
        own = [e for e in c["evidence"] if e.get("this_article")]
        claims.append({**c, "answer": answer, "own": own})
    spans = [ClaimSpan(c["start"], c["end"], c["id"], c["verdict"],
                       f"{c['verdict'].replace('_', ' ')}: {c['statement']}")
             for c in claims if c["start"] is not None]
    headline = next((c for c in claims if c.get("headline")), None)
    return {**data, "claims": claims, "body": link_claims(result.text, spans),
            "headline": headline}


async def _check_form(request: Request) -> tuple[Any, str | None, str | None, str | None]:
    """The upload (a file, else the pasted text), published, source and as_of."""
    from starlette.datastructures import UploadFile

    from veracity.errors import UsageError
    from veracity.ingest.dates import parse_published

    max_bytes = request.app.state.settings.max_bytes
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise UsageError("send the form as multipart/form-data")
    form = await request.form(max_files=1, max_fields=20, max_part_size=max_bytes + 1)
    upload = None
    item = form.get("file")
    if isinstance(item, UploadFile):
        data = await item.read()
        if item.filename or data:
            upload = service.Upload(item.filename or "upload", data)
    text = form.get("text")
    if upload is None and isinstance(text, str) and text.strip():
        upload = service.Upload(service.PASTED, text.encode("utf-8", errors="replace"))
    if upload is None:
        raise UsageError("nothing to check: paste the article's text or upload its file")
    fields = {k: form.get(k) for k in ("published", "source", "as_of")}
    if not all(isinstance(v, str | None) for v in fields.values()):
        raise UsageError("'published', 'source' and 'as_of' are text fields, not files")
    source = " ".join(str(fields["source"] or "").split())[:200] or None
    return (upload, parse_published(fields["published"]), source,  # type: ignore[arg-type]
            parse_published(fields["as_of"]))  # type: ignore[arg-type]


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> Response:
    return render(request, "check.html", {"max_bytes": request.app.state.settings.max_bytes})


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request) -> Response:
    """Check the pasted or uploaded article; nothing is stored."""
    settings = request.app.state.settings
    try:
        upload, published, source, as_of = await _check_form(request)
        pool = request.app.state.pool
        result = await attended(request, pool, lambda gone: service.check_article(
            pool, settings, upload, published=published, source=source, as_of=as_of,
            gone=gone))
    except VeracityError as exc:
        if exc.code not in ("usage", "bad_input"):
            raise
        return render(request, "check.html", {"max_bytes": settings.max_bytes,
                                              "error": str(exc)}, 400)
    return render(request, "check.html", {"max_bytes": settings.max_bytes,
                                          "c": _check_view(result)})
