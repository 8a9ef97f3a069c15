"""The page of watched questions: every standing question with its verdict now
and each recorded change, linked to the documents that caused it; then the
feeds and sitemaps watched and how their last polls went. Read-only: questions
and feeds are added with ``veracity watch``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from veracity.web.pages import render, safe_url

router = APIRouter(include_in_schema=False)


def when(iso: str | None) -> str | None:
    """"2024-06-11 09:00 UTC" from a stored ISO time (they are all UTC)."""
    if not iso:
        return iso
    return iso.replace("T", " ")[:16] + (" UTC" if iso.endswith("+00:00") else "")


def watched_view(store: Any) -> dict[str, Any]:
    """Questions (newest change first) and watches, as plain dicts for the template."""
    from veracity.watch.standing import doc_refs

    changes = store.changes()
    ids = list(dict.fromkeys(d for c in changes for d in c.doc_ids))
    docs = {r.id: {**asdict(r), "url": safe_url(r.url)} for r in doc_refs(store, ids)}
    by_question: dict[int, list[dict[str, Any]]] = {}
    for c in changes:
        by_question.setdefault(c.question_id, []).append(
            {**c.to_dict(), "at": when(c.at),
             "documents": [docs[d] for d in c.doc_ids if d in docs]})
    questions = [{**q.to_dict(), "href": "/ask?" + urlencode({"q": q.question}),
                  "checked_at": when(q.checked_at), "added_at": when(q.added_at),
                  "changes": by_question.get(q.id, [])[::-1]} for q in store.questions()]
    watches = [{**w.to_dict(), "href": safe_url(w.url), "ok_at": when(w.ok_at),
                "retry_at": when(w.retry_at)} for w in store.watches()]
    return {"questions": questions, "watches": watches}


@router.get("/watched", response_class=HTMLResponse)
def watched_page(request: Request) -> Response:
    with request.app.state.pool.store() as store:
        view = watched_view(store)
    return render(request, "watched.html", view)
