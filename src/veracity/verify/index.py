"""Finding candidate events in the store, fast.

``Store.events_with`` loads every event of every document that names an
entity; on a news corpus "Trump" is in most documents, so ``ask`` narrows in
the database first: events having a participant from *each* group of names
(AND across groups, OR inside one), of the claim's classes or lemmas, from
documents published by a date.  Only documents with a candidate are loaded.

The narrow query runs on the SQLite store's connection (read-only SELECTs on
the migrated schema: ``events``, ``event_participants``, ``documents``).  Any
other store, or one that offers its own ``find_events`` / ``participant_names``
methods, is used through those or through the public interface alone
(slower, same result).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from veracity.read.types import Event
from veracity.store.base import Store, StoredEvent

# Documents loaded for one question at most, those with most candidate events
# first: bounds the latency of a question about the most-named entity of a
# corpus (on PolNeAR, "Trump" is in most articles).  Calibrated on the PolNeAR
# train+dev store: questions naming two people never reach it.
MAX_DOCS = 120


def _conn(store: Store) -> sqlite3.Connection | None:
    conn = getattr(store, "conn", None)
    return conn if isinstance(conn, sqlite3.Connection) else None


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def participant_names(store: Store, words: Sequence[str]) -> list[str]:
    """Stored participant names equal to one of ``words`` or ending in it (any case)."""
    words = [w for w in words if w]
    if not words:
        return []
    own = getattr(store, "participant_names", None)
    if callable(own):
        return list(own(words))
    conn = _conn(store)
    if conn is None:
        return []
    conds = " OR ".join("entity = ? COLLATE NOCASE OR entity LIKE ?" for _ in words)
    params: list[str] = []
    for w in words:
        params += [w, f"% {w.replace('%', '').replace('_', '')}"]
    rows = conn.execute(f"SELECT DISTINCT entity FROM event_participants WHERE {conds}",
                        params).fetchall()
    return sorted(str(r[0]) for r in rows)


def search_docs(store: Store, keywords: Sequence[str], limit: int = 50) -> list[int]:
    """Documents matching any of the words, best first (the store's FTS5 ranking)."""
    query = " ".join(keywords)
    return store.search(query, limit=limit) if query.strip() else []


def candidate_events(store: Store, *, groups: Sequence[Sequence[str]] = (),
                     classes: Sequence[str] = (), lemmas: Sequence[str] = (),
                     doc_ids: Sequence[int] | None = None) -> list[StoredEvent]:
    """Events with a participant from each group, of one of the classes or lemmas,
    in ``doc_ids`` when given.  At least one of ``groups`` or ``doc_ids`` is needed."""
    wanted: list[list[str]] = [list(g) for g in groups if g]
    if not wanted and doc_ids is None:
        return []
    own = getattr(store, "find_events", None)
    if callable(own):
        return list(own(groups=wanted, classes=classes, lemmas=lemmas, doc_ids=doc_ids))
    conn = _conn(store)
    if conn is None:
        return _generic(store, wanted, classes, lemmas, doc_ids)
    where: list[str] = []
    params: list[Any] = []
    for g in wanted:
        where.append("e.id IN (SELECT event_id FROM event_participants WHERE entity "
                     f"COLLATE NOCASE IN ({_marks(g)}))")
        params += g
    kinds = []
    if classes:
        kinds.append(f"e.class IN ({_marks(classes)})")
        params += list(classes)
    if lemmas:
        kinds.append(f"e.lemma IN ({_marks(lemmas)})")
        params += list(lemmas)
    if kinds:
        where.append("(" + " OR ".join(kinds) + ")")
    if doc_ids is not None:
        if not doc_ids:
            return []
        where.append(f"e.doc_id IN ({_marks(doc_ids)})")
        params += list(doc_ids)
    rows = conn.execute(f"SELECT e.id, e.doc_id, e.local_id FROM events e WHERE "
                        f"{' AND '.join(where)} ORDER BY e.doc_id, e.id", params).fetchall()
    by_doc: dict[int, list[tuple[int, str]]] = {}
    for eid, did, local in rows:
        by_doc.setdefault(int(did), []).append((int(eid), str(local)))
    keep = sorted(by_doc, key=lambda d: (-len(by_doc[d]), -d))[:MAX_DOCS]
    out: list[StoredEvent] = []
    for did in sorted(keep):
        analysis = store.analysis(did)
        if analysis is None:
            continue
        events = {e.id: e for e in analysis.events}
        for eid, local in by_doc[did]:
            ev = events.get(local)
            if ev is not None:
                out.append(StoredEvent(id=eid, doc_id=did, event=ev))
    return out


def _generic(store: Store, groups: list[list[str]], classes: Sequence[str],
             lemmas: Sequence[str], doc_ids: Sequence[int] | None) -> list[StoredEvent]:
    found = store.events_with(groups[0]) if groups else store.events_of(list(doc_ids or ()))

    def ok(ev: Event) -> bool:
        names = {p.lower() for p in ev.participants}
        if any(not names & {n.lower() for n in g} for g in groups):
            return False
        if (classes or lemmas) and ev.cls not in classes and ev.lemma not in lemmas:
            return False
        return True

    allowed = set(doc_ids) if doc_ids is not None else None
    return [s for s in found if ok(s.event) and (allowed is None or s.doc_id in allowed)]
