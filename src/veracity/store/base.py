"""The narrow store interface every backend implements.

Stages talk to the store only through these methods, with the plain types of
``veracity.types`` and ``veracity.read.types``; SQLite is the embedded default
and a PostgreSQL implementation slots in behind the same methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from veracity.read.types import Analysis, Event
from veracity.types import Caption, Document, StoredDocument


@dataclass(frozen=True)
class NewDocument:
    """A document ready to store, with what dedupe worked out for it."""

    doc: Document
    content_hash: str
    minhash: bytes | None = None
    copy_of: int | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the reader's event plus where it lives."""

    id: int
    doc_id: int
    event: Event


@dataclass(frozen=True)
class Passage:
    """A sentence of a stored document (or of one of its captions), for retrieval."""

    id: int
    doc_id: int
    caption: int | None
    start: int
    end: int
    text: str


class Store(ABC):
    """Documents, captions, analyses and events; one writer at a time."""

    url: str

    # -- writing ---------------------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""

    @abstractmethod
    def add_document(self, new: NewDocument, parent_id: int | None = None) -> int | None:
        """Insert a document with its captions; returns its id, or None when a
        document with the same content hash is stored (checked and inserted in
        one statement, so concurrent writers never collide)."""

    @abstractmethod
    def save_analysis(self, doc_id: int, analysis: Analysis,
                      vectors: Mapping[tuple[int | None, int, int], bytes] | None = None
                      ) -> None:
        """Replace what the reader found in a document, with its passages
        (``Analysis.sentences``) and their vectors keyed by (caption, start, end)."""

    @abstractmethod
    def mark_input(self, raw_hash: str, origin: str, documents: int) -> None:
        """Record that one raw input (file or record) has been fully ingested."""

    # -- reading ---------------------------------------------------------
    @abstractmethod
    def input_hashes(self) -> set[str]:
        """Raw hashes of every input already fully ingested (for quick resume)."""

    def known_inputs(self, raw_hashes: Sequence[str]) -> set[str]:
        """Those of ``raw_hashes`` already fully ingested: a backfill worker asks
        for its batch's inputs instead of holding every hash of a large store."""
        wanted = set(raw_hashes)
        return wanted & self.input_hashes() if wanted else set()

    @abstractmethod
    def find_hash(self, content_hash: str) -> int | None: ...

    @abstractmethod
    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        """(doc id, MinHash signature) of every original (non-copy) document."""

    @abstractmethod
    def get(self, doc_id: int) -> StoredDocument:
        """A document by id; raises NotFound."""

    @abstractmethod
    def documents(self, limit: int | None = None, offset: int = 0,
                  kind: str | None = None) -> list[StoredDocument]: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def children(self, doc_id: int) -> list[StoredDocument]:
        """Teasers printed on the page of this document."""

    @abstractmethod
    def copies(self, doc_id: int) -> list[StoredDocument]:
        """Documents linked as near-duplicate copies of this one (either way)."""

    @abstractmethod
    def captions(self, doc_id: int) -> tuple[Caption, ...]: ...

    @abstractmethod
    def analysis(self, doc_id: int) -> Analysis | None: ...

    @abstractmethod
    def reader_versions(self) -> dict[int, str | None]:
        """doc id -> reader version of its stored analysis (None if unread)."""

    @abstractmethod
    def search(self, query: str, limit: int = 50) -> list[int]:
        """Document ids matching a full-text query, best first."""

    @abstractmethod
    def events_with(self, entities: Sequence[str]) -> list[StoredEvent]:
        """Events having any of these participants (canonical names, any case)."""

    @abstractmethod
    def events_of(self, doc_ids: Sequence[int]) -> list[StoredEvent]: ...

    @abstractmethod
    def search_passages(self, terms: Sequence[str], limit: int = 100) -> list[Passage]:
        """Passages holding any of ``terms`` (words), best first by full-text rank."""

    @abstractmethod
    def passage_vectors(self, ids: Sequence[int]) -> dict[int, bytes]:
        """The stored vector of each of these passages that has one."""

    def passage_vectors_of(self, doc_id: int) -> dict[tuple[int | None, int, int], bytes]:
        """The stored vector of each passage of a document, keyed as ``save_analysis``
        takes them: (caption, start, end)."""
        return {}

    @abstractmethod
    def participant_names(self, words: Sequence[str]) -> list[str]:
        """Stored participant names equal to one of ``words`` or ending in it (any case)."""

    @abstractmethod
    def find_events(self, *, groups: Sequence[Sequence[str]] = (),
                    classes: Sequence[str] = (), lemmas: Sequence[str] = (),
                    doc_ids: Sequence[int] | None = None) -> list[StoredEvent]:
        """Real (or denied) events with a participant from each group, of one of the
        classes or lemmas, in ``doc_ids`` when given.  The events carry their
        participants and their stances' source, stance and kind only (no quotes):
        enough to match, cheap to build; :meth:`events_by_id` gives full records."""

    @abstractmethod
    def events_by_id(self, wanted: dict[int, Sequence[str]]) -> list[StoredEvent]:
        """Full records of events, given as doc id -> local event ids."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
