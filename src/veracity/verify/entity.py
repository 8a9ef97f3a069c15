"""What the corpus says about one entity, by source and stance.

    resolve(store, name) -> list[str]       the stored names a name stands for
    about(store, name) -> EntityReport      who says what about the events it is in

A name is resolved as a question's names are (``veracity.verify.aliases``):
"Trump" is every stored "... Trump", "Moscow" and "the Kremlin" are Russia's
government.  The events counted are those ``ask`` counts: real ones, and
others only when somebody denies them ("plans to meet" asserts nothing).
Every matching event's stances are counted per source; the quotes come from
the documents with most matching events, as ``ask`` loads them (at most
``index.MAX_DOCS``), so a name found everywhere stays quick to show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from veracity.read.types import Event
from veracity.store.base import Store
from veracity.verify import index
from veracity.verify.aliases import canonical, stored_names

# Quoted statements shown per source (their counts cover every event).
QUOTES_PER_SOURCE = 5


@dataclass(frozen=True)
class Statement:
    """One source's stance toward one event, quoted from one document."""

    stance: str
    event: str  # "phone call: Donald Trump, Vladimir Putin (2025-10-16)"
    quote: str
    doc_id: int
    title: str  # the document's title, or its first words
    published: str | None
    start: int
    end: int
    caption: int | None = None
    url: str | None = None
    outlet: str | None = None
    first_hand: bool = False


@dataclass(frozen=True)
class SourceView:
    """What one source says: its stances counted, and some of them quoted."""

    source: str
    stances: dict[str, int]
    statements: tuple[Statement, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.stances.values())


@dataclass(frozen=True)
class EntityReport:
    name: str  # as asked
    names: tuple[str, ...]  # the stored participant names it was resolved to
    events: int
    documents: int
    sources: tuple[SourceView, ...] = ()
    # Documents whose statements could not all be quoted (past index.MAX_DOCS).
    unquoted_documents: int = 0
    stances: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "names": list(self.names), "events": self.events,
                "documents": self.documents, "stances": dict(self.stances),
                "unquoted_documents": self.unquoted_documents,
                "sources": [{"source": s.source, "stances": dict(s.stances),
                             "statements": [asdict(x) for x in s.statements]}
                            for s in self.sources]}


def resolve(store: Store, name: str) -> list[str]:
    """The stored participant names that ``name`` may stand for (``name`` itself,
    in the reader's canonical form, first when nothing else is stored)."""
    asked = canonical(" ".join(name.split()))
    return stored_names(store, asked) if asked else []


def _describe(e: Event) -> str:
    who = ", ".join(e.participants)
    when = e.time or (f"“{e.time_text}”" if e.time_text else None)
    return f"{e.predicate}: {who}" + (f" ({when})" if when else "")


def about(store: Store, name: str) -> EntityReport:
    """Who says what about the events ``name`` takes part in, most vocal first."""
    names = resolve(store, name)
    hits = store.find_events(groups=[names]) if names else []
    counts: dict[str, Counter[str]] = {}
    for h in hits:
        for s in h.event.stances:
            counts.setdefault(s.source, Counter())[s.stance] += 1
    full = index.full_events(store, hits)
    quoted_docs = {se.doc_id for se in full}
    docs = {}
    statements: dict[str, list[Statement]] = {}
    for se in sorted(full, key=lambda se: (se.doc_id, se.id)):
        if se.doc_id not in docs:
            docs[se.doc_id] = store.get(se.doc_id).doc
        d = docs[se.doc_id]
        for s in se.event.stances:
            statements.setdefault(s.source, []).append(Statement(
                stance=s.stance, event=_describe(se.event), quote=s.quote, doc_id=se.doc_id,
                title=d.heading(), published=d.published, start=s.start, end=s.end,
                caption=se.event.caption, url=d.url, outlet=d.source,
                first_hand=s.first_hand))
    views = []
    for source, c in counts.items():
        mine = sorted(statements.get(source, ()),
                      key=lambda x: (x.published or "", x.doc_id), reverse=True)
        views.append(SourceView(source=source, stances=dict(c.most_common()),
                                statements=tuple(mine[:QUOTES_PER_SOURCE])))
    views.sort(key=lambda v: (-v.total, v.source.casefold()))
    found = sorted({n for h in hits for n in h.event.participants
                    if n.casefold() in {x.casefold() for x in names}})
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    all_docs = {h.doc_id for h in hits}
    return EntityReport(name=name, names=tuple(found or names), events=len(hits),
                        documents=len(all_docs), sources=tuple(views),
                        unquoted_documents=len(all_docs - quoted_docs),
                        stances=dict(total.most_common()))
