"""Standing questions: asked again after every ingest that stored something;
when a verdict changes, an alert.

The alert is one :class:`Alert`: the command line prints it on stdout, and
:func:`deliver` appends it to the alerts log (one JSON object a line) and POSTs
it to the question's webhook, if it has one. A webhook that fails is logged
and never stops anything. The store records each change (compare-and-set on
the last verdict), so two processes re-asking at once alert once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from veracity.errors import NotFound, StoreError, UsageError, VeracityError, crash_reason
from veracity.settings import Settings
from veracity.store.base import StandingQuestion, Store, VerdictChange

Log = Callable[[str], None]
# Documents named as the cause of a change when none of the new ones is cited
# (the verdict moved because the evidence was regrouped): the first ones only.
MAX_CAUSES = 20


@dataclass(frozen=True)
class DocRef:
    """A document as an alert names it."""

    id: int
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    removed: bool = False  # no longer in the store


@dataclass(frozen=True)
class Alert:
    """A standing question's verdict changed."""

    question: StandingQuestion
    change: VerdictChange
    documents: tuple[DocRef, ...]

    def to_dict(self) -> dict[str, Any]:
        c = self.change
        return {"at": c.at, "question_id": self.question.id,
                "question": self.question.question, "old_verdict": c.old_verdict,
                "verdict": c.verdict, "lead": c.lead, "change_id": c.id,
                "documents": [asdict(d) for d in self.documents]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_webhook(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"webhook {url!r}: expected an http:// or https:// address")
    return url.strip()


def _answer(store: Store, settings: Settings, question: str) -> tuple[str, str | None,
                                                                        list[int]]:
    """(verdict, lead event summary, cited documents with the lead's first)."""
    from veracity.verify import ask

    v = ask(question, store=store, time_budget=settings.ask_time_budget)
    cited: list[int] = []
    for ev in v.events:
        for e in ev.evidence:
            if e.doc_id not in cited:
                cited.append(e.doc_id)
    lead = v.lead
    return v.verdict, lead.summary if lead else None, cited


def add_standing(store: Store, settings: Settings, question: str,
                 webhook: str | None = None) -> tuple[StandingQuestion, bool]:
    """Add (or find) a standing question and answer it now: its first verdict is
    recorded as where its history starts, without an alert."""
    if not question.strip():
        raise UsageError("the question is empty")
    hook = check_webhook(webhook) if webhook else None
    q, added = store.add_question(question, hook)
    if q.verdict is None:
        verdict, lead, cited = _answer(store, settings, q.question)
        store.record_verdict(q.id, None, verdict, _now(), lead=lead, doc_ids=cited[:MAX_CAUSES])
        q = store.find_question(str(q.id)) or q
    return q, added


def recheck(store: Store, settings: Settings, new_doc_ids: Sequence[int], *,
            log: Log | None = None) -> list[Alert]:
    """Ask every standing question again after documents ``new_doc_ids`` were
    stored; an alert for each verdict that changed. A question that cannot be
    answered is logged and the others go on."""
    say: Log = log or (lambda _line: None)
    if not new_doc_ids:
        return []
    alerts = []
    new = list(dict.fromkeys(new_doc_ids))
    fresh = set(new)
    for q in store.questions():
        try:
            verdict, lead, cited = _answer(store, settings, q.question)
        except StoreError:
            raise
        except VeracityError as exc:
            say(f"standing question {q.question!r}: cannot answer: {exc}")
            continue
        except Exception as exc:
            say(f"standing question {q.question!r}: {crash_reason(exc)}")
            continue
        cause = [d for d in cited if d in fresh] or new[:MAX_CAUSES]
        change = store.record_verdict(q.id, q.verdict, verdict, _now(), lead=lead,
                                      doc_ids=cause)
        if change is not None and change.old_verdict is not None:
            alerts.append(Alert(q, change, tuple(doc_refs(store, change.doc_ids))))
    return alerts


def doc_refs(store: Store, doc_ids: Sequence[int]) -> list[DocRef]:
    out = []
    for d in doc_ids:
        try:
            doc = store.get(d).doc
        except NotFound:  # removed since: named by its id only
            out.append(DocRef(d, removed=True))
            continue
        out.append(DocRef(d, doc.title, doc.url, doc.published, doc.source))
    return out


def standing_history(store: Store, question: str
                     ) -> tuple[StandingQuestion, list[VerdictChange], dict[int, DocRef]] | None:
    """A standing question's recorded changes and the documents they name; None
    when ``question`` is not standing."""
    q = store.find_question(question)
    if q is None:
        return None
    changes = store.changes(q.id)
    ids = list(dict.fromkeys(d for c in changes for d in c.doc_ids))
    return q, changes, {ref.id: ref for ref in doc_refs(store, ids)}


def deliver(alerts: Sequence[Alert], settings: Settings, *, log: Log | None = None) -> None:
    """Append each alert to the alerts log and POST it to its question's webhook.
    Neither may fail the ingest that caused the alert: failures are logged."""
    say: Log = log or (lambda _line: None)
    if not alerts:
        return
    path = Path(settings.alerts_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            for a in alerts:
                out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    except OSError as exc:
        say(f"alerts log {path}: cannot write: {exc.strerror or exc}")
    hooked = [a for a in alerts if a.question.webhook]
    if not hooked:
        return
    import httpx

    # The webhook is the user's own address (often a local service), so it is
    # not held to the fetcher's public-address rule; no redirect is followed.
    with httpx.Client(timeout=settings.webhook_timeout, trust_env=False,
                      follow_redirects=False,
                      headers={"User-Agent": settings.user_agent}) as client:
        for a in hooked:
            url = a.question.webhook or ""
            try:
                r = client.post(url, json=a.to_dict())
                if r.status_code >= 300:
                    say(f"webhook {url}: failed: HTTP {r.status_code} {r.reason_phrase}")
            except httpx.TimeoutException:
                say(f"webhook {url}: failed: timed out after {settings.webhook_timeout:g} s")
            except httpx.HTTPError as exc:
                say(f"webhook {url}: failed: {str(exc).strip() or type(exc).__name__}")


def after_ingest(store: Store, settings: Settings, new_doc_ids: Sequence[int], *,
                 log: Log | None = None) -> list[Alert]:
    """What every ingest does last: re-ask the standing questions and deliver the
    alerts (the caller prints them)."""
    alerts = recheck(store, settings, new_doc_ids, log=log)
    deliver(alerts, settings, log=log)
    return alerts
