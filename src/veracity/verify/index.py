"""Finding candidate events in the store, fast, through the ``Store`` interface.

``Store.events_with`` loads every event of every document that names an
entity; on a news corpus "Trump" is in most documents, so ``ask`` narrows in
the database first (``Store.find_events``): events having a participant from
*each* group of names (AND across groups, OR inside one), of the claim's
classes or lemmas.  Only the events that match on those rows are then loaded
in full (``Store.events_by_id``), from a bounded number of documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from veracity.store.base import Store, StoredEvent

# Documents whose full analyses are loaded for one question at most (those
# with most matching events first): bounds the latency of a question whose
# event is everywhere in a corpus.  Only documents whose events already
# matched on their stored rows are loaded, so ordinary questions stay far
# below it; on the PolNeAR train+dev store none of the benchmark questions
# reached 60.
MAX_DOCS = 60


def participant_names(store: Store, words: Sequence[str]) -> list[str]:
    """Stored participant names equal to one of ``words`` or ending in it (any case)."""
    return store.participant_names([w for w in words if w])


def search_docs(store: Store, keywords: Sequence[str], limit: int = 50) -> list[int]:
    """Documents matching any of the words, best first (the store's full-text ranking)."""
    query = " ".join(keywords)
    return store.search(query, limit=limit) if query.strip() else []


def candidate_events(store: Store, *, groups: Sequence[Sequence[str]] = (),
                     classes: Sequence[str] = (), lemmas: Sequence[str] = (),
                     doc_ids: Sequence[int] | None = None) -> list[StoredEvent]:
    """Events with a participant from each group, of one of the classes or lemmas,
    in ``doc_ids`` when given.  At least one of ``groups`` or ``doc_ids`` is needed."""
    return store.find_events(groups=[list(g) for g in groups if g], classes=classes,
                             lemmas=lemmas, doc_ids=doc_ids)


def full_events(store: Store, hits: Sequence[StoredEvent]) -> list[StoredEvent]:
    """The complete stored record of each event (from its document's analysis),
    for the documents with most hits first, at most :data:`MAX_DOCS` of them."""
    by_doc: dict[int, list[str]] = {}
    for h in hits:
        by_doc.setdefault(h.doc_id, []).append(h.event.id)
    keep = sorted(by_doc, key=lambda d: (-len(by_doc[d]), -d))[:MAX_DOCS]
    return store.events_by_id({d: by_doc[d] for d in keep})
