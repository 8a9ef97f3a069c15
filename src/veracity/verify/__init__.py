"""Answering "did it happen?": question -> constraints -> evidence -> clusters -> verdict.

Public API::

    ask(question, *, store=None, db=None, as_of=None) -> Verdict
    history(question, *, store=None, db=None) -> list[HistoryPoint]
    entity.about(store, name) -> EntityReport   (who says what about a name)
    parse_question(question, anchor=None) -> (Claim, descriptions)

``Verdict.to_dict()`` is the JSON of ``veracity ask --format json``.  The
stages are in ``answer.py`` (sentences found and checked in ``retrieve.py``,
their evidence in ``mentions.py``, the verdict in ``verdict.py``); the
linguistics of questions in ``claim.py``; the question's constraints in
``question.py`` (its names in ``names.py``) and their checks on sentences in
``passages.py``, a sentence's events in ``anchors.py``, words compared in
``words.py``, days in ``dates.py``; sentence similarity in ``dense.py``;
event-frame matching in ``match.py``; clusters and the verdict rules in
``cluster.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from veracity.errors import UsageError
from veracity.read.timex import parse_date
from veracity.store.base import Store
from veracity.verify.answer import gather
from veracity.verify.claim import parse_question
from veracity.verify.types import (
    EMERGENT,
    LABELS,
    Claim,
    EventVerdict,
    Evidence,
    HistoryPoint,
    TimeWindow,
    Verdict,
)
from veracity.verify.verdict import decide, history_points


@contextmanager
def _store(store: Store | None, db: str | None) -> Iterator[Store]:
    if store is not None:
        yield store
        return
    from veracity.settings import load_settings
    from veracity.store import open_store

    path = db or load_settings().db_path
    with open_store(path, create=False) as opened:  # asking never creates a store
        yield opened


def _as_of(as_of: str | None) -> date | None:
    if as_of is None:
        return None
    d = parse_date(as_of)
    if d is None:
        raise UsageError(f"as_of {as_of!r}: expected a date as YYYY-MM-DD")
    return d


def ask(question: str, *, store: Store | None = None, db: str | None = None,
        as_of: str | None = None, time_budget: float | None = None) -> Verdict:
    """Answer a yes/no question (or check a claim) from the documents in the store.

    ``store`` is an open store; else ``db`` (a path), else the configured store
    is opened and closed again.  ``as_of`` (YYYY-MM-DD) answers from documents
    published by that date only, and anchors relative times in the question.
    ``time_budget`` (seconds) bounds the checking of candidate sentences: past
    it, the answer rests on those checked so far and a note says so.
    """
    if not question or not question.strip():
        raise UsageError("the question is empty")
    anchor = _as_of(as_of)
    with _store(store, db) as s:
        found = gather(s, question, anchor, time_budget=time_budget)
        return decide(question, found, as_of=anchor.isoformat() if anchor else None)


def history(question: str, *, store: Store | None = None, db: str | None = None,
            time_budget: float | None = None) -> list[HistoryPoint]:
    """How the verdict changed as documents were published, one point per date;
    ``time_budget`` as for :func:`ask` (the evidence is gathered once)."""
    if not question or not question.strip():
        raise UsageError("the question is empty")
    with _store(store, db) as s:
        return history_points(question, gather(s, question, time_budget=time_budget))


__all__ = [
    "EMERGENT", "LABELS", "Claim", "EventVerdict", "Evidence", "HistoryPoint", "TimeWindow",
    "Verdict", "ask", "history", "parse_question",
]
