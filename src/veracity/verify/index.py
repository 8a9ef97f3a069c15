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

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from veracity.read.types import Event, Stance
from veracity.store.base import Store, StoredEvent

# Documents whose full analyses are loaded for one question at most (those
# with most matching events first): bounds the latency of a question whose
# event is everywhere in a corpus.  Only documents whose events already
# matched on their stored rows are loaded, so ordinary questions stay far
# below it; on the PolNeAR train+dev store none of the benchmark questions
# reached 60.
MAX_DOCS = 60


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
    names = _all_names(conn)
    out: set[str] = set()
    for w in words:
        low = w.lower()
        out.update(n for n in names if n.lower() == low or n.lower().endswith(" " + low))
    return sorted(out)


# Distinct participant names per connection, with the highest row id seen when
# they were read: a suffix search ("% Trump") scans the whole table, so the
# names are read once and read again only when rows were added.
_NAMES: dict[tuple[int, str], tuple[int, list[str]]] = {}


def _all_names(conn: sqlite3.Connection) -> list[str]:
    top = int(conn.execute("SELECT max(rowid) FROM event_participants").fetchone()[0] or 0)
    # The file as well as the connection: a new connection may reuse an id.
    path = str(conn.execute("PRAGMA database_list").fetchone()[2])
    key = (id(conn), path)
    cached = _NAMES.get(key)
    if cached is None or cached[0] != top:
        names = [str(r[0]) for r in conn.execute("SELECT DISTINCT entity FROM event_participants")]
        cached = _NAMES[key] = (top, names)
    return cached[1]


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
    # Non-events (future, intended, hypothetical ...) only when somebody denies them.
    where.append("(e.modality = 'actual' OR e.id IN (SELECT event_id FROM stances "
                 "WHERE stance = 'denies' AND source_kind != 'author'))")
    rows = conn.execute(
        "SELECT e.id, e.doc_id, e.local_id, e.predicate, e.lemma, e.class, e.time, e.time_text, "
        'e.modality, e.polarity, e.quote, e.start, e."end", e.caption FROM events e WHERE '
        f"{' AND '.join(where)} ORDER BY e.doc_id, e.id", params).fetchall()
    return _light(conn, rows)


def _light(conn: sqlite3.Connection, rows: list[Any]) -> list[StoredEvent]:
    """Events from their rows alone (no agent, patient, place, cues or quotes of
    stances): enough to match, cheap to build; :func:`full_events` then loads
    the complete record of the few that match."""
    ids = [int(r[0]) for r in rows]
    parts: dict[int, list[str]] = {}
    stances: dict[int, list[Stance]] = {}
    for chunk in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        part = ids[chunk:chunk + 900]
        for eid, entity in conn.execute(
                f"SELECT event_id, entity FROM event_participants WHERE event_id IN "
                f"({_marks(part)}) ORDER BY event_id, position", part):
            parts.setdefault(int(eid), []).append(str(entity))
        for eid, source, stance, kind, first in conn.execute(
                f"SELECT event_id, source, stance, source_kind, first_hand FROM stances "
                f"WHERE event_id IN ({_marks(part)}) ORDER BY id", part):
            stances.setdefault(int(eid), []).append(Stance(
                source=source, stance=stance, cue=None, quote="", start=0, end=0,
                first_hand=bool(first), source_kind=kind))
    out = []
    for (eid, did, local, pred, lemma, cls, time, time_text, modality, polarity, quote, start,
         end, caption) in rows:
        ev = Event(id=str(local), predicate=pred, lemma=lemma, cls=cls,
                   participants=tuple(parts.get(int(eid), ())), time=time, time_text=time_text,
                   modality=modality, polarity=polarity, quote=quote, start=start, end=end,
                   stances=tuple(stances.get(int(eid), ())), caption=caption)
        out.append(StoredEvent(id=int(eid), doc_id=int(did), event=ev))
    return out


def full_events(store: Store, hits: Sequence[StoredEvent]) -> list[StoredEvent]:
    """The complete stored record of each event (from its document's analysis),
    for the documents with most hits first, at most :data:`MAX_DOCS` of them."""
    by_doc: dict[int, list[StoredEvent]] = {}
    for h in hits:
        by_doc.setdefault(h.doc_id, []).append(h)
    keep = sorted(by_doc, key=lambda d: (-len(by_doc[d]), -d))[:MAX_DOCS]
    conn = _conn(store)
    if conn is not None:
        return _full_from_json(conn, {d: by_doc[d] for d in sorted(keep)})
    out: list[StoredEvent] = []
    for did in sorted(keep):
        analysis = store.analysis(did)
        if analysis is None:
            continue
        events = {e.id: e for e in analysis.events}
        for h in by_doc[did]:
            ev = events.get(h.event.id)
            if ev is not None:
                out.append(StoredEvent(id=h.id, doc_id=did, event=ev))
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


def _full_from_json(conn: sqlite3.Connection, by_doc: dict[int, list[StoredEvent]]
                    ) -> list[StoredEvent]:
    """The same as ``store.analysis(...)`` per document, building only the events
    asked for (a long article's analysis holds hundreds of events and
    attributions; building them all was most of the time of ``ask``)."""
    out: list[StoredEvent] = []
    ids = list(by_doc)
    if not ids:
        return out
    rows = conn.execute(f"SELECT doc_id, data FROM analyses WHERE doc_id IN ({_marks(ids)})",
                        ids).fetchall()
    for did, data in sorted(rows):
        events = {e["id"]: e for e in json.loads(data).get("events", ())}
        for h in by_doc[int(did)]:
            raw = events.get(h.event.id)
            if raw is not None:
                out.append(StoredEvent(id=h.id, doc_id=int(did), event=Event.from_dict(raw)))
    return out
