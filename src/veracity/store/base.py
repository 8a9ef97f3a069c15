"""The narrow store interface every backend implements.

Stages talk to the store only through these methods, with the plain types of
``veracity.types`` and ``veracity.read.types``; SQLite is the embedded default
and a PostgreSQL implementation slots in behind the same methods.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from veracity.errors import Abandoned
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


@dataclass(frozen=True)
class FetchState:
    """What the last fetch of a URL that was stored said about it: the validators
    a conditional GET sends back, and the hash of the bytes it gave."""

    url: str
    etag: str | None
    last_modified: str | None
    raw_hash: str | None
    fetched_at: str


@dataclass(frozen=True)
class Watch:
    """A feed or sitemap that ``watch run`` polls, and how its last polls went."""

    id: int
    url: str
    added_at: str
    kind: str | None = None  # rss, atom, jsonfeed, sitemap, sitemapindex (once polled)
    title: str | None = None
    polled_at: str | None = None
    ok_at: str | None = None
    failures: int = 0  # polls failed in a row
    last_error: str | None = None
    retry_at: str | None = None  # after a failure: not polled again before this

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SeenItem:
    """An item of a watched feed that was taken (stored, or refused for good)."""

    url: str
    watch_id: int | None
    note: str | None = None  # why it was refused, when it was


@dataclass(frozen=True)
class StandingQuestion:
    """A question asked again after every ingest; ``verdict`` is its last answer."""

    id: int
    question: str
    added_at: str
    webhook: str | None = None
    verdict: str | None = None
    checked_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class VerdictChange:
    """A standing question's verdict changing (``old_verdict`` None: its first
    answer), with the documents that brought the change."""

    id: int
    question_id: int
    at: str
    old_verdict: str | None
    verdict: str
    lead: str | None
    doc_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "doc_ids": list(self.doc_ids)}


class Store(ABC):
    """Documents, captions, analyses and events; one writer at a time."""

    url: str
    # Set while a question that may be abandoned uses the store (see
    # ``abandoned_when``); every read checks it, so an answer in progress stops
    # at its next read once its client has gone.
    _gone: threading.Event | None = None

    @contextmanager
    def abandoned_when(self, gone: threading.Event) -> Iterator[None]:
        """Inside, each read raises :class:`Abandoned` once ``gone`` is set, and
        :meth:`interrupt` stops the statement running then."""
        self._gone = gone
        try:
            yield
        finally:
            self._gone = None

    def check_abandoned(self) -> None:
        """Raise :class:`Abandoned` when the question using the store was given up."""
        if self._gone is not None and self._gone.is_set():
            raise Abandoned("the client went away before the answer was ready")

    @abstractmethod
    def interrupt(self) -> None:
        """Stop the statement running on this store's connection (called from
        another thread); inside ``abandoned_when`` the read raises
        :class:`Abandoned`."""

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
                      vectors: Mapping[tuple[int | None, int, int], bytes] | None = None,
                      *, encoded: str | None = None) -> None:
        """Replace what the reader found in a document, with its passages
        (``Analysis.sentences``) and their vectors keyed by (caption, start, end).
        ``encoded`` is ``analysis.to_dict()`` as JSON when the caller has it
        already (``bench scale`` copies stored analyses), so it is not built again."""

    @abstractmethod
    def mark_input(self, raw_hash: str, origin: str, documents: int) -> None:
        """Record that one raw input (file or record) has been fully ingested."""

    @abstractmethod
    def forget_inputs(self, origins: Sequence[str]) -> int:
        """Forget the raw inputs recorded under these origins, so that ingesting
        them again stores them again; returns how many were forgotten."""

    @abstractmethod
    def update_document(self, doc_id: int, doc: Document) -> None:
        """Replace the metadata (title, source, url, author, published, origin,
        format, language) and the captions of a stored document.  Its id, text,
        content hash, links and analysis stay; raises NotFound."""

    @abstractmethod
    def forget_analysis(self, doc_id: int) -> None:
        """Drop what the reader found in a document (its passages too): it is then
        unread, and ``reread`` reads it."""

    @abstractmethod
    def remove_document(self, doc_id: int) -> None:
        """Delete a document with its captions, analysis, events and passages
        (and their full-text rows); raises NotFound.  Teasers printed on it and
        copies linked to it are the caller's to remove or relink first
        (``veracity.corpus.remove`` does both)."""

    @abstractmethod
    def link_copy(self, doc_id: int, copy_of: int | None, similarity: float | None) -> None:
        """Make a document a near-duplicate copy of ``copy_of``, or an original (None)."""

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
    def near_duplicate(self, signature: bytes, threshold: float, *,
                       exclude: Collection[int] = ()) -> tuple[int, float] | None:
        """The stored original (not a copy) whose MinHash signature is most
        similar to ``signature``, with that similarity, when it is ``threshold``
        or more; None else.  Found through an LSH index the store keeps as
        documents are stored, linked and removed (``veracity.store.near``).
        Documents in ``exclude`` are left out."""

    @abstractmethod
    def signatures(self, doc_ids: Sequence[int]) -> dict[int, bytes]:
        """The MinHash signature of each of these documents that has one."""

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
        """Candidate events (``veracity.candidates``: real, or denied) with a
        participant from each group, of one of the classes or lemmas, in
        ``doc_ids`` when given.  The events carry their
        participants and their stances' source, stance and kind only (no quotes):
        enough to match, cheap to build; :meth:`events_by_id` gives full records."""

    @abstractmethod
    def events_by_id(self, wanted: dict[int, Sequence[str]]) -> list[StoredEvent]:
        """Full records of events, given as doc id -> local event ids."""

    # -- fetching, watching, standing questions (``veracity.watch``) ----------
    @abstractmethod
    def fetch_state(self, url: str) -> FetchState | None:
        """What the last stored fetch of ``url`` said (for a conditional GET)."""

    @abstractmethod
    def save_fetch_state(self, state: FetchState) -> None: ...

    @abstractmethod
    def add_watch(self, url: str) -> tuple[Watch, bool]:
        """The watch of ``url``, and whether it was added now (False: it already was)."""

    @abstractmethod
    def watches(self) -> list[Watch]: ...

    @abstractmethod
    def update_watch(self, watch: Watch) -> None:
        """Store what a poll found out (kind, title, times, failures, error)."""

    @abstractmethod
    def remove_watch(self, key: str) -> Watch | None:
        """Stop watching a feed given by URL or id; the removed watch, or None."""

    @abstractmethod
    def seen_items(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` already taken from a feed."""

    @abstractmethod
    def mark_items(self, items: Sequence[SeenItem]) -> None:
        """Record items as taken (an item recorded before keeps its first record)."""

    @abstractmethod
    def add_question(self, question: str, webhook: str | None = None
                     ) -> tuple[StandingQuestion, bool]:
        """The standing question (matched ignoring case and spacing), and whether it
        was added now; asking it again with a webhook sets its webhook."""

    @abstractmethod
    def questions(self) -> list[StandingQuestion]: ...

    @abstractmethod
    def find_question(self, key: str) -> StandingQuestion | None:
        """A standing question by its text (any case and spacing) or id."""

    @abstractmethod
    def remove_question(self, key: str) -> StandingQuestion | None: ...

    @abstractmethod
    def record_verdict(self, question_id: int, old: str | None, verdict: str, at: str, *,
                       lead: str | None = None, doc_ids: Sequence[int] = ()
                       ) -> VerdictChange | None:
        """Record an answer to a standing question. When ``verdict`` differs from
        ``old`` a change is recorded and returned -- but only if the stored verdict
        is still ``old``: of two processes re-asking at once, one records it."""

    @abstractmethod
    def changes(self, question_id: int | None = None) -> list[VerdictChange]:
        """Verdict changes, oldest first (of one question, or of all)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
