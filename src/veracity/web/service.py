"""What the HTTP API and the pages share: stores per request, ingest of uploads
and pasted text, verdicts, and documents turned into plain dicts.

The web layer is a thin shell (conventions, lesson 3): everything here calls
the library and returns what it returns, shaped for JSON or a template.
"""

from __future__ import annotations

import queue
import re
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.errors import Abandoned, InputError, TooLarge, Unavailable, UsageError
from veracity.ingest import Ingester, IngestReport, units_of_file
from veracity.ingest.language import is_read, not_read_note
from veracity.ingest.records import Unit
from veracity.pipeline import feed
from veracity.settings import Settings
from veracity.store import Store, open_store
from veracity.types import Document

if TYPE_CHECKING:
    from veracity.verify.check import ArticleCheck
    from veracity.verify.entity import EntityReport
    from veracity.verify.types import HistoryPoint


class Gate:
    """At most ``slots`` holders at a time, let in in arrival order.  A waiter
    whose ``gone`` event is set leaves the line with :class:`Abandoned`."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.busy = 0
        self._line: deque[object] = deque()
        self._cond = threading.Condition()

    @property
    def waiting(self) -> int:
        """Holders in line for a slot."""
        with self._cond:
            return len(self._line)

    @contextmanager
    def held(self, gone: threading.Event | None = None) -> Iterator[None]:
        me = object()
        with self._cond:
            self._line.append(me)
            try:
                while self._line[0] is not me or self.busy >= self.slots:
                    if gone is not None and gone.is_set():
                        raise Abandoned("the client went away while its question waited")
                    # Woken when a slot frees; the timeout only bounds how late
                    # a waiter notices that its client has gone.
                    self._cond.wait(0.2 if gone is not None else None)
            except BaseException:
                self._line.remove(me)
                self._cond.notify_all()
                raise
            self._line.popleft()
            self.busy += 1
            self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self.busy -= 1
                self._cond.notify_all()


class StorePool:
    """Open stores handed to one request at a time.

    SQLite connections are opened with ``check_same_thread=False`` and WAL, so a
    connection may move between the server's worker threads as long as only one
    request uses it at a time; reusing them spares each request the open and the
    migration check (which takes the write lock for a moment).
    """

    def __init__(self, url: str, ask_slots: int = Settings.ask_slots) -> None:
        self.url = url
        self._free: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        # One writer at a time: SQLite allows one anyway, and the reader's spaCy
        # pipeline is not documented as safe to call from several threads.
        self.write_lock = threading.Lock()
        # Questions (and article checks) answered at once, the rest waiting in
        # arrival order: see the setting ask_slots for the trade-off.
        self.ask_gate = Gate(ask_slots)
        # The store each question in progress reads, by its ``gone`` event.
        self._asking: dict[threading.Event, Store] = {}
        self._dropped: set[Store] = set()

    @contextmanager
    def store(self) -> Iterator[Store]:
        try:
            s = self._free.get_nowait()
        except queue.Empty:
            s = open_store(self.url)
            with self._lock:
                self._all.append(s)
        try:
            yield s
        finally:
            with self._lock:
                dropped = s in self._dropped
                if dropped:
                    self._dropped.discard(s)
                    self._all.remove(s)
            if dropped:
                s.close()
            else:
                self._free.put(s)

    @contextmanager
    def question(self, gone: threading.Event | None = None) -> Iterator[Store]:
        """A store for one question, once a slot of ``ask_gate`` is free.  Once
        ``gone`` is set (the client left) the wait, or the next read of the
        answer in progress, raises :class:`Abandoned`, and :meth:`interrupt`
        stops the statement running."""
        with self.ask_gate.held(gone), self.store() as s:
            if gone is None:
                yield s
                return
            with self._lock:
                self._asking[gone] = s
            try:
                with s.abandoned_when(gone):
                    yield s
            finally:
                with self._lock:
                    del self._asking[gone]
                    if gone.is_set():
                        # Closed, not handed on: a cancel request still on its
                        # way to PostgreSQL must not meet the next request.
                        self._dropped.add(s)

    def interrupt(self, gone: threading.Event) -> None:
        """Stop the statement the question of ``gone`` is running, if any."""
        with self._lock:
            s = self._asking.get(gone)
            if s is not None:
                # Under the lock: the question cannot hand the store to the
                # next request while it is being interrupted.
                s.interrupt()

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()
            self._free = queue.SimpleQueue()


# -- documents as dicts -----------------------------------------------------

def document_detail(store: Store, doc_id: int) -> dict[str, Any]:
    """One document with its text, captions, teasers, copies and what the reader found."""
    s = store.get(doc_id)
    d = s.doc
    analysis = store.analysis(s.id)
    found = analysis.to_dict() if analysis else {
        "events": [], "attributions": [], "entities": [], "reader_version": None,
        "notes": [not_read_note(d.language)] if d.language and not is_read(d.language)
        else []}
    return {
        **s.summary(),
        "author": d.author,
        "text": d.text,
        "captions_list": [{"index": i, **asdict(c)} for i, c in enumerate(d.captions)],
        "teasers": [t.summary() for t in store.children(s.id)],
        "copies": [c.summary() for c in store.copies(s.id)],
        "read": analysis is not None,
        **found,
    }


def resolve_names(store: Store, entities: list[str]) -> dict[str, list[str]]:
    """Each name asked for, with the stored names it stands for ("Trump" ->
    "Donald Trump"), resolved as a question's names are."""
    from veracity.verify.entity import resolve

    return {e: resolve(store, e) for e in dict.fromkeys(entities)}


def events_for(store: Store, entities: list[str]) -> list[dict[str, Any]]:
    out = []
    titles: dict[int, str | None] = {}
    for se in store.events_with(entities):
        if se.doc_id not in titles:
            titles[se.doc_id] = store.get(se.doc_id).doc.title
        out.append({**se.event.to_dict(), "event_id": se.id, "doc_id": se.doc_id,
                    "doc_title": titles[se.doc_id]})
    return out


# -- verdicts -----------------------------------------------------------------

def answer(pool: StorePool, question: str, as_of: str | None,
           time_budget: float | None = None,
           gone: threading.Event | None = None) -> dict[str, Any]:
    """:func:`ask` through the pool's gate, in arrival order; given up (Abandoned)
    once ``gone`` is set."""
    with pool.question(gone) as store:
        return ask(store, question, as_of, time_budget)


def claim_review(pool: StorePool, question: str, as_of: str | None,
                 time_budget: float | None = None,
                 gone: threading.Event | None = None) -> dict[str, Any]:
    """The verdict as schema.org ClaimReview, as ``veracity ask --format claimreview``."""
    from veracity.render import claim_review as review

    with pool.question(gone) as store:
        return review(_verdict(store, question, as_of, time_budget))


def history(pool: StorePool, question: str, time_budget: float | None = None,
            gone: threading.Event | None = None) -> list[HistoryPoint]:
    """How the verdict changed as documents were published, as ``veracity history``."""
    _not_empty(question)
    verify_history = _engine("history")
    with pool.question(gone) as store:
        return verify_history(question, store=store,  # type: ignore[no-any-return]
                              time_budget=time_budget)


def entity(pool: StorePool, name: str) -> EntityReport:
    """What the corpus says about a name, by source and stance."""
    from veracity.verify.entity import about

    with pool.store() as store:
        return about(store, name)


def check_article(pool: StorePool, settings: Settings, upload: Upload, *,
                  published: str | None, source: str | None,
                  as_of: str | None, gone: threading.Event | None = None) -> ArticleCheck:
    """Every claim of one article (pasted text or an uploaded file), checked
    against the store without it, through the pool's gate like a question."""
    from veracity.verify.check import check_document, load_article

    if len(upload.data) > settings.max_bytes:
        raise TooLarge(f"{upload.name}: {len(upload.data):,} bytes is over the limit of "
                       f"{settings.max_bytes:,} bytes (setting max_bytes)")
    if upload.name == PASTED:
        doc = load_article(text=upload.data.decode("utf-8", errors="replace"),
                           published=published, source=source, max_bytes=settings.max_bytes)
    else:
        with tempfile.TemporaryDirectory(prefix="veracity-check-") as tmp:
            path = Path(tmp) / safe_filename(upload.name, 0)
            path.write_bytes(upload.data)
            try:
                doc = load_article(path=str(path), published=published, source=source,
                                   max_bytes=settings.max_bytes)
            except InputError as exc:
                raise InputError(Path(upload.name).name or "upload", exc.reason) from exc
    with pool.question(gone) as store:
        return check_document(doc, store, as_of=as_of,
                              near_duplicate_threshold=settings.near_duplicate_threshold)


def ask(store: Store, question: str, as_of: str | None,
        time_budget: float | None = None) -> dict[str, Any]:
    """The verdict as ``veracity ask --format json`` prints it."""
    return dict(_verdict(store, question, as_of, time_budget).to_dict())


def _not_empty(question: str) -> None:
    if not question.strip():
        raise UsageError("the question is empty; type a question such as "
                         "'Did Trump talk to Putin?'")


def _engine(name: str) -> Any:
    """A function of the verdict engine, looked up on each call (so that tests may
    stand in for it), or Unavailable when the engine lacks it."""
    try:
        from veracity import verify

        return getattr(verify, name)
    except (ImportError, AttributeError) as exc:
        raise Unavailable("the verdict engine (veracity.verify) is not installed in this "
                          "version; ingest and documents work, questions do not yet") from exc


def _verdict(store: Store, question: str, as_of: str | None,
             time_budget: float | None) -> Any:
    """``veracity.verify.ask``'s Verdict."""
    _not_empty(question)
    return _engine("ask")(question, store=store, as_of=as_of, time_budget=time_budget)


# -- ingest -------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
PASTED = "pasted text"


@dataclass(frozen=True)
class Upload:
    """An uploaded file (or the pasted text) as the user named it."""

    name: str
    data: bytes


def safe_filename(name: str, index: int) -> str:
    """A file name that keeps the extension (format detection uses it) and
    nothing else from the client: no folders, no dots in front."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).lstrip("._") or "upload"
    return f"{index:03d}-{base[-120:]}"


def _rename(doc: Document, origin: str) -> Document:
    return replace(doc, origin=origin, teasers=tuple(_rename(t, origin) for t in doc.teasers))


def ingest_uploads(store: Store, settings: Settings, uploads: list[Upload], *,
                   published: str | None, source: str | None,
                   language: str | None = None) -> IngestReport:
    """Ingest uploads through the same stages as ``veracity ingest``.

    Files are written under a private temporary folder so format detection sees
    their names; the stored ``origin`` is ``upload:NAME`` (or ``pasted text``),
    never the temporary path.
    """
    for up in uploads:
        if len(up.data) > settings.max_bytes:
            raise TooLarge(f"{up.name}: {len(up.data):,} bytes is over the limit of "
                           f"{settings.max_bytes:,} bytes (setting max_bytes)")
    ing = Ingester(store, settings, language=language)
    ing.report.files = len(uploads)
    done = store.input_hashes()
    with tempfile.TemporaryDirectory(prefix="veracity-upload-") as tmp:
        return feed(ing, (_upload_units(Path(tmp), i, up, published=published, source=source,
                                        max_bytes=settings.max_bytes, skip=done)
                          for i, up in enumerate(uploads)), done, each_input=True)


def _upload_units(folder: Path, index: int, up: Upload, *, published: str | None,
                  source: str | None, max_bytes: int, skip: set[str]
                  ) -> Iterator[Unit | InputError]:
    """The units of one upload, written to ``folder`` first so that format
    detection sees its name; the temporary path is replaced, in the units'
    origins and in errors, by the name the user gave."""
    path = folder / safe_filename(up.name, index)
    path.write_bytes(up.data)
    # Only the base name: a client's folders say nothing about the article.
    shown = Path(up.name.replace("\\", "/")).name or "upload"
    origin = PASTED if up.name == PASTED else f"upload:{shown}"
    for unit in units_of_file(path, published=published, source=source, max_bytes=max_bytes,
                              skip=skip):
        if isinstance(unit, InputError):
            yield InputError(unit.path.replace(str(path), origin), unit.reason)
        else:
            name = unit.origin.replace(str(path), origin)
            yield Unit(name, unit.raw_hash, tuple(_rename(d, name) for d in unit.documents),
                       unit.notes)
