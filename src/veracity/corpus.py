"""Managing the corpus: fix what is stored about a document, or remove documents.

    edit(store, settings, doc_id, published=..., source=..., title=...) -> EditReport
    remove(store, settings, doc_ids) -> RemoveReport

The reader anchors relative times to a document's publication date ("last
Thursday") and gives unattributed statements to its outlet, so an edit of
either reads the document again; a title is only shown and searched.  The
teasers printed on a page were given the page's outlet (not its date: a
teaser's own article may be older) when it was ingested, so they follow an
edit of the page's outlet unless they had their own.

Removing a page removes the teasers printed on it (they came with it, and
come back with it); a near-duplicate copy of a removed original is matched
again against the originals left, as ingest would have matched it had the
original never been stored, and becomes an original when none is close
enough.  The inputs the removed documents came from are forgotten, so
ingesting them again stores them again.  Each call is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from veracity.errors import NotFound, UsageError
from veracity.ingest.dates import parse_published
from veracity.pipeline import read_with_vectors
from veracity.settings import Settings
from veracity.store.base import Store
from veracity.types import Document, StoredDocument

# Fields an edit may change; the reader reads the first two.
EDITABLE: tuple[str, ...] = ("published", "source", "title")
_READ_FIELDS = ("published", "source")
# What teasers took from their page at ingest (``veracity.ingest.pasted``).
_FROM_PAGE = ("source",)


@dataclass(frozen=True)
class EditReport:
    """What an edit did: the fields it changed, the teasers that followed the
    page's outlet, and the documents read again."""

    doc_id: int
    changed: tuple[str, ...]
    teasers: tuple[int, ...] = ()
    reread: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "changed": list(self.changed),
                "teasers": list(self.teasers), "reread": list(self.reread)}


@dataclass(frozen=True)
class RemoveReport:
    """What a removal did, document ids throughout."""

    removed: tuple[int, ...]  # the documents asked for that existed
    teasers: tuple[int, ...] = ()  # teasers removed with their page
    missing: tuple[int, ...] = ()  # asked for, not in the store
    promoted: tuple[int, ...] = ()  # copies of a removed original, now originals
    relinked: tuple[tuple[int, int], ...] = ()  # (copy, its new original)
    inputs_forgotten: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"removed": list(self.removed), "teasers": list(self.teasers),
                "missing": list(self.missing), "promoted": list(self.promoted),
                "relinked": [{"doc_id": c, "copy_of": o} for c, o in self.relinked],
                "inputs_forgotten": self.inputs_forgotten}


def edit(store: Store, settings: Settings, doc_id: int, *, published: str | None = None,
         source: str | None = None, title: str | None = None) -> EditReport:
    """Change a stored document's publication date (YYYY-MM-DD), outlet or title;
    None leaves a field as it is.  Raises NotFound, or UsageError for a bad date
    or nothing to change."""
    wanted: dict[str, Any] = {}
    if published is not None:
        day = parse_published(published)
        if day is None:
            raise UsageError("--published is empty; give a date as YYYY-MM-DD")
        wanted["published"] = day
    for name, value in (("source", source), ("title", title)):
        if value is not None:
            clean = " ".join(value.split())
            if not clean:
                raise UsageError(f"--{name} is empty")
            wanted[name] = clean
    if not wanted:
        raise UsageError("nothing to change: give --published, --source or --title")
    page = store.get(doc_id)
    plans: list[tuple[StoredDocument, Document]] = [(page, replace(page.doc, **wanted))]
    teasers: list[int] = []
    if page.doc.kind == "article":
        for t in store.children(doc_id):
            follow = {k: v for k, v in wanted.items()
                      if k in _FROM_PAGE and getattr(t.doc, k) == getattr(page.doc, k)}
            if follow and replace(t.doc, **follow) != t.doc:
                plans.append((t, replace(t.doc, **follow)))
                teasers.append(t.id)
    plans = [(s, new) for s, new in plans if new != s.doc]
    # Read before the transaction: reading takes seconds, the write lock should not.
    to_read = [(s.id, new) for s, new in plans if _read_fields_changed(s.doc, new)
               and store.analysis(s.id) is not None]
    analyses, vectors = read_with_vectors([new for _, new in to_read], settings)
    with store.transaction():
        for s, new in plans:
            store.update_document(s.id, new)
        for (i, _), analysis, vecs in zip(to_read, analyses, vectors, strict=True):
            store.save_analysis(i, analysis, vecs)
    changed = tuple(k for k in EDITABLE if k in wanted and getattr(page.doc, k) != wanted[k])
    return EditReport(doc_id=doc_id, changed=changed, teasers=tuple(teasers),
                      reread=tuple(i for i, _ in to_read))


def _read_fields_changed(old: Document, new: Document) -> bool:
    return any(getattr(old, k) != getattr(new, k) for k in _READ_FIELDS)


def remove(store: Store, settings: Settings, doc_ids: Iterable[int]) -> RemoveReport:
    """Remove documents with everything stored about them; ids not in the store
    are reported as missing, and the others are removed all the same."""
    found: dict[int, StoredDocument] = {}
    missing: list[int] = []
    for i in dict.fromkeys(doc_ids):
        try:
            found[i] = store.get(i)
        except NotFound:
            missing.append(i)
    with_page = {t.id: t for s in found.values() if s.doc.kind == "article"
                 for t in store.children(s.id) if t.id not in found}
    gone = {**found, **with_page}
    orphans = sorted({c.id for i in gone for c in store.copies(i)
                      if c.copy_of == i and c.id not in gone})
    promoted: list[int] = []
    relinked: list[tuple[int, int]] = []
    with store.transaction():
        if orphans:
            promoted, relinked = _rematch(store, settings, orphans, set(gone))
        # Links between removed documents go first: a copy may be removed along
        # with its original, and a teaser always is with its page.
        for s in gone.values():
            if s.copy_of is not None:
                store.link_copy(s.id, None, None)
        for s in sorted(gone.values(), key=lambda s: (s.doc.kind != "teaser", s.id)):
            store.remove_document(s.id)
        forgotten = store.forget_inputs([s.doc.origin for s in gone.values() if s.doc.origin])
    return RemoveReport(removed=tuple(found), teasers=tuple(with_page), missing=tuple(missing),
                        promoted=tuple(promoted), relinked=tuple(relinked),
                        inputs_forgotten=forgotten)


def _rematch(store: Store, settings: Settings, orphans: list[int], gone: set[int]
             ) -> tuple[list[int], list[tuple[int, int]]]:
    """Link each orphaned copy to the closest original left (the originals as
    ingest indexes them, those promoted here included), else make it one."""
    threshold = settings.near_duplicate_threshold
    sigs = store.signatures(orphans)
    promoted: list[int] = []
    relinked: list[tuple[int, int]] = []
    for doc_id in orphans:  # in id order: the first stored becomes the original
        sig = sigs.get(doc_id)
        match = store.near_duplicate(sig, threshold, exclude=gone) if sig is not None else None
        if match is not None:
            store.link_copy(doc_id, match[0], match[1])
            relinked.append((doc_id, match[0]))
        else:  # an original now, indexed as one by the store
            store.link_copy(doc_id, None, None)
            promoted.append(doc_id)
    return promoted, relinked
