"""Ingest: files, folders and web pages -> clean, dated, deduplicated documents in the store.

Stages, per input unit (a file, a JSON line, a WARC record, a fetched page):

1. find files under the given paths (folders recursively, in name order), and
   fetch the pages of the given URLs (``veracity.ingest.fetch``, ``urls``):
   ``veracity.pipeline.ingest`` lists them and feeds their units to an
   :class:`Ingester`;
2. read bytes safely (size limit, gzip, binary, encoding) and sniff the format;
3. extract documents (HTML with trafilatura; pasted page text split into
   headline, article, captions and teasers; JSON lines; WARC records);
4. drop exact duplicates (normalised content hash) and link near-duplicates
   (MinHash) as copies;
5. detect each document's language (``veracity.ingest.language``) and read
   (``veracity.read``) those in a language the reader reads, in batches;
6. store each unit in one transaction with a record that it is done, so a
   killed run loses nothing committed and a re-run skips it quickly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from veracity.errors import InputError, StoreError, crash_reason
from veracity.ingest import dedupe
from veracity.ingest.detect import (
    decode_html,
    decode_text,
    gunzip_members,
    read_bytes,
    shown,
    sniff,
)
from veracity.ingest.html import extract_html
from veracity.ingest.language import detect, is_read, not_read_note
from veracity.ingest.pasted import split_page
from veracity.ingest.records import Unit, jsonl_units, raw_hash, warc_units
from veracity.read.types import Analysis
from veracity.settings import Settings
from veracity.store.base import NewDocument, Store
from veracity.types import Document

# A unit and its documents, each with its content hash and whether it is read.
Plan = tuple[Unit, list[tuple[Document, str, bool]]]
# What ``Ingester.prepare`` hands to ``store_prepared``: the plans, the analyses
# of the documents read, and their vectors (or a Future of them).
Prepared = tuple[list[Plan], list[Analysis | None], Any]


def find_files(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Every file under ``paths`` (folders recursively, sorted; hidden files skipped)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[Path] = []
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=errors.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in files if not f.startswith("."))
            for exc in errors:
                yield InputError(shown(exc.filename or p), f"cannot read folder: {exc.strerror}")
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            yield InputError(shown(p), "no such file or folder")


def units_of_file(path: Path, *, published: str | None = None, source: str | None = None,
                  url: str | None = None, max_bytes: int = 20_000_000,
                  skip: set[str] | None = None) -> Iterator[Unit | InputError]:
    """The input units of one file; errors are yielded, never raised (a failure of
    our own code too, reported as such: one input must not stop a batch)."""
    name = shown(path)
    try:
        data = read_bytes(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    except Exception as exc:
        yield InputError(name, crash_reason(exc))
        return
    yield from units_of_data(name, data, published=published, source=source, url=url,
                             max_bytes=max_bytes, skip=skip, file_name=path.name)


# What a unit read from standard input (``ingest -``) is called.
STDIN = "stdin"


def units_of_data(name: str, data: bytes, *, published: str | None = None,
                  source: str | None = None, url: str | None = None,
                  max_bytes: int = 20_000_000, skip: set[str] | None = None,
                  file_name: str | None = None,
                  max_file_bytes: int | None = None) -> Iterator[Unit | InputError]:
    """The input units of bytes already read (a file's, gunzipped, or standard
    input's), called ``name``; ``file_name`` helps tell the format. Errors are
    yielded, never raised. ``veracity backfill`` reads shards through pyarrow's
    filesystems and splits them here, exactly as ``ingest`` splits local files;
    ``max_file_bytes`` bounds a whole WARC once decompressed (``max_bytes``
    unless given), while each record and each single-page file is held to
    ``max_bytes``."""
    try:
        fmt = sniff(Path(file_name or ""), data)
        if fmt == "warc":
            yield from warc_units(name, data, published=published, source=source,
                                  max_bytes=max_bytes, skip=skip,
                                  max_file_bytes=max_file_bytes)
            return
        if fmt == "jsonl":
            yield from jsonl_units(name, data, published=published, source=source,
                                   max_bytes=max_bytes, skip=skip)
            return
        if len(data) > max_bytes:
            raise InputError(name, f"too large: {len(data):,} bytes over the limit of "
                                   f"{max_bytes:,} (raise it with --max-bytes)")
        h = raw_hash(data)
        if skip is not None and h in skip:
            yield Unit(name, h, ())
            return
        decoded = decode_html(name, data) if fmt == "html" else decode_text(name, data)
        text = decoded.text
        notes = (decoded.note(),) if decoded.unsure else ()
        if fmt == "html":
            yield Unit(name, h, (extract_html(name, text, url=url, published=published,
                                              source=source),), notes)
        else:
            if not text.strip():
                raise InputError(name, "empty file (only white space)")
            doc = split_page(text, published=published, source=source, url=url, origin=name)
            if not doc.text.strip():
                raise InputError(name, "no article text found")
            yield Unit(name, h, (doc,), notes)
    except InputError as exc:
        yield exc
    except Exception as exc:
        yield InputError(name, crash_reason(exc))


def stdin_units(data: bytes, *, max_bytes: int = 20_000_000,
                **kw: Any) -> Iterator[Unit | InputError]:
    """The input units of what was read from standard input (at most
    ``max_bytes`` + 1 bytes, so that too much can be told): gunzipped when
    compressed, then as a file whose format is told by its content."""
    try:
        if len(data) > max_bytes:
            raise InputError(STDIN, f"too large: over the limit of {max_bytes:,} bytes "
                                    "(raise it with --max-bytes)")
        if not data:
            raise InputError(STDIN, "empty input")
        file_name = None
        if data[:2] == b"\x1f\x8b":
            plain, why = gunzip_members(STDIN, data, max_bytes)
            if plain.startswith(b"WARC/"):  # the WARC reader takes it compressed
                file_name = "stdin.warc.gz"
            elif why is not None:
                raise InputError(STDIN, why)
            else:
                data = plain
    except InputError as exc:
        yield exc
        return
    yield from units_of_data(STDIN, data, max_bytes=max_bytes, file_name=file_name, **kw)


def extract_file(path: str, *, published: str | None = None, source: str | None = None,
                 url: str | None = None, max_bytes: int = 20_000_000) -> list[Document]:
    """The documents of one file without storing them; raises InputError."""
    docs: list[Document] = []
    for unit in units_of_file(Path(path), published=published, source=source, url=url,
                              max_bytes=max_bytes):
        if isinstance(unit, InputError):
            if not docs:
                raise unit
            continue
        docs.extend(unit.documents)
    if not docs:
        raise InputError(path, "no documents found")
    return docs


@dataclass
class IngestReport:
    """What an ingest did: counts, the new document ids, and what was skipped."""

    ingested: int = 0
    teasers: int = 0
    # Stored documents given this input's metadata and read again (--force).
    replaced: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    already_done: int = 0
    files: int = 0
    doc_ids: list[int] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Stored but not read, and why (a language the reader does not read).
    not_read: list[tuple[str, str]] = field(default_factory=list)
    # Stored, but decoded with an encoding guessed without confidence, and what
    # was guessed.
    unsure: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"ingested": self.ingested, "teasers": self.teasers, "replaced": self.replaced,
                "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "already_stored": self.already_done, "files": self.files,
                "doc_ids": self.doc_ids,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
                "not_read": [{"path": p, "reason": r} for p, r in self.not_read],
                "unsure": [{"path": p, "reason": r} for p, r in self.unsure]}


class Ingester:
    """Stores units in batches, reading each batch with one spaCy pass.

    ``language`` (an ISO 639-1 code) is given to every document instead of the
    detected one: ``--language en`` reads pages the detector puts elsewhere.
    With ``force`` a document already stored takes the metadata of the input
    it comes in again (date, outlet, url...) and is read again."""

    def __init__(self, store: Store, settings: Settings, *, read: bool | None = None,
                 language: str | None = None, force: bool = False) -> None:
        self.store = store
        self.force = force
        # Content hashes stored or replaced by this run: replaced once at most.
        self._done_now: set[str] = set()
        self.settings = settings
        self.read = settings.read_on_ingest if read is None else read
        self.language = language
        self.report = IngestReport()
        self._pending: Prepared | None = None
        self._pool: ThreadPoolExecutor | None = None

    def flush(self, units: list[Unit], *, wait: bool = True) -> None:
        """Dedupe, read and store a batch of units, one transaction per unit.

        With ``wait=False`` the batch's sentence vectors are computed on another
        thread while the next batch is read (the encoder and spaCy then share
        two cores), and the batch is stored by the next ``flush`` or by
        :meth:`finish`; until then nothing of it is in the store, so a killed
        run loses no committed work and a re-run reads it again."""
        batch = self.prepare(units)
        self.finish()
        self._pending = batch
        if wait:
            self.finish()

    def finish(self) -> None:
        """Store the batch a ``flush(wait=False)`` left pending, if any.  Until
        its vectors are ready this thread runs batches of their encoding too,
        the second core's share when nothing is left to read."""
        if self._pending is not None:
            plans, read, vectors = self._pending
            self._pending = None
            if isinstance(vectors, _Vectors):
                vectors.help()
            self.store_prepared(plans, read, vectors.result() if isinstance(vectors, Future)
                                else vectors)

    def prepare(self, units: list[Unit]) -> Prepared:
        """A batch ready to store: each unit's documents with their language, content
        hash and whether they are read (new here and in the store), the analyses
        of those read, and their sentence vectors (a Future while they are being
        computed on another thread). Writes nothing."""
        plans: list[Plan] = []
        batch_hashes: set[str] = set()
        to_read: list[Document] = []
        for unit in units:
            try:
                plan = [(doc, dedupe.content_hash(doc.title, doc.text))
                        for doc in self._with_language(_flatten(unit.documents))]
            except Exception as exc:  # this unit only: reported, the batch goes on
                self.report.skipped.append((unit.origin, crash_reason(exc)))
                continue
            fresh_plan = []
            for doc, h in plan:
                fresh = h not in batch_hashes and h not in self._done_now and (
                    self.force or self.store.find_hash(h) is None)
                batch_hashes.add(h)
                # The third item says whether the document is read (fresh, and
                # in a language the reader reads).
                fresh_plan.append((doc, h, fresh and is_read(doc.language)))
                if fresh and is_read(doc.language):
                    to_read.append(doc)
            plans.append((unit, fresh_plan))
        if not (self.settings.embed_on_ingest and self.read and to_read):
            read = self._read(to_read)
            return plans, read, [{} for _ in read]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        # Each analysis goes to the embed thread as soon as it is read.
        vectors = _Vectors(self._pool)
        try:
            read = self._read(to_read, each=vectors.add)
        except BaseException:  # Ctrl-C: the embed thread must not wait for more
            vectors.close([])
            raise
        if not vectors.close(read):  # read again one by one: those streamed are not these
            vectors = _Vectors(self._pool)
            for a in read:
                vectors.add(a)
            vectors.close(read)
        return plans, read, vectors

    def _with_language(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Each document with its language: its own (a JSON-lines record's
        ``language``), else the one given, else the detected one; a teaser too
        short to tell is in the language of the page it was printed on."""
        page: str | None = None
        for doc in docs:
            lang = doc.language or self.language or detect(doc.text, doc.title)
            if doc.kind == "teaser":
                lang = lang or page
            else:
                page = lang
            yield replace(doc, language=lang) if lang != doc.language else doc

    def store_prepared(self, plans: list[Plan], read: list[Analysis | None],
                       vectors: list[dict[Any, bytes]]) -> None:
        """Store a prepared batch, one transaction per unit, exact and near-duplicates
        checked against the whole store as each document is stored."""
        analyses = iter(zip(read, vectors, strict=True))
        for unit, plan in plans:
            found: list[tuple[Analysis | None, dict[Any, bytes] | None]] = [
                next(analyses) if fresh else (None, None) for _, _, fresh in plan]
            try:
                self._store_unit(unit, plan, found)
            except StoreError:  # the store itself failed (read-only, disk full): stop
                raise
            except Exception as exc:  # this unit only: rolled back, reported, batch goes on
                self.report.skipped.append((unit.origin, crash_reason(exc)))

    def _store_unit(self, unit: Unit, plan: list[tuple[Document, str, bool]],
                    found: list[tuple[Analysis | None, dict[Any, bytes] | None]]) -> None:
        """One unit in one transaction; the report counts it only once committed."""
        counts = IngestReport()
        mine: set[str] = set()  # hashes this unit stored or replaced
        # Near-duplicates are looked up in the store's own index, which gains
        # each original as it is stored, in this transaction.
        threshold = self.settings.near_duplicate_threshold
        with self.store.transaction():
            parent_id: int | None = None
            for (doc, h, _), (analysis, vecs) in zip(plan, found, strict=True):
                is_teaser = doc.kind == "teaser"
                doc_id: int | None = None
                match: tuple[int, float] | None = None
                stored = self.store.find_hash(h)
                if stored is not None and self.force and h not in self._done_now \
                        and h not in mine:
                    self._replace(stored, doc, analysis, vecs)
                    counts.replaced += 1
                    counts.doc_ids.append(stored)
                    mine.add(h)
                    if not is_teaser:
                        parent_id = stored
                    continue
                if stored is None:
                    sig = dedupe.to_bytes(dedupe.minhash(f"{doc.title or ''} {doc.text}"))
                    match = self.store.near_duplicate(sig, threshold)
                    new = NewDocument(doc, h, sig,
                                      copy_of=match[0] if match else None,
                                      similarity=match[1] if match else None)
                    # None when another ingest stored the same text meanwhile.
                    doc_id = self.store.add_document(new, parent_id if is_teaser else None)
                if doc_id is None:
                    counts.duplicates += 1
                    if not is_teaser:
                        parent_id = self.store.find_hash(h)
                    continue
                mine.add(h)
                if match:
                    counts.near_duplicates += 1
                if analysis is not None:
                    if unit.notes:  # shown with what the reader found in it
                        analysis = replace(analysis, notes=(*analysis.notes, *unit.notes))
                    self.store.save_analysis(doc_id, analysis, vecs)
                elif doc.language is not None and not is_read(doc.language):
                    counts.not_read.append((doc.origin or unit.origin,
                                            not_read_note(doc.language)))
                if is_teaser:
                    counts.teasers += 1
                else:
                    parent_id = doc_id
                counts.ingested += 1
                counts.doc_ids.append(doc_id)
            self.store.mark_input(unit.raw_hash, unit.origin, len(plan))
        self._done_now |= mine
        r = self.report
        r.ingested += counts.ingested
        r.teasers += counts.teasers
        r.duplicates += counts.duplicates
        r.near_duplicates += counts.near_duplicates
        r.replaced += counts.replaced
        r.doc_ids.extend(counts.doc_ids)
        r.not_read.extend(counts.not_read)
        if counts.ingested or counts.replaced:
            r.unsure.extend((unit.origin, note) for note in unit.notes)

    def _replace(self, doc_id: int, doc: Document, analysis: Analysis | None,
                 vectors: dict[Any, bytes] | None) -> None:
        """A stored document with this input's metadata; what the reader found in
        it goes with the old metadata, so it is replaced, or dropped when the
        document is not read now (``reread`` reads it later)."""
        self.store.update_document(doc_id, doc)
        if analysis is not None:
            self.store.save_analysis(doc_id, analysis, vectors)
        else:
            self.store.forget_analysis(doc_id)

    def _read(self, docs: list[Document], each: Callable[[Analysis | None], None] | None = None
              ) -> list[Analysis | None]:
        """Analyses in document order; a document the reader fails on is stored
        unread (reported, and picked up again by ``reread``) rather than lost.
        ``each`` is given each analysis of the batched read as it comes."""
        if not self.read or not docs:
            return [None] * len(docs)
        from veracity.read import read_document, read_documents

        limits: dict[str, Any] = {"max_chars": self.settings.read_max_chars,
                                  "max_events": self.settings.max_events}
        # Streamed to the embed thread, the batch is parsed a few documents at a
        # time: spaCy gives a document back only once its whole batch is
        # parsed, and the encoder would wait for that.
        step = self.settings.batch_size if each is None else min(self.settings.batch_size,
                                                                  READ_STEP)
        try:
            batch: list[Analysis | None] = []
            for analysis in read_documents(docs, workers=self.settings.workers,
                                           batch_size=step, **limits):
                batch.append(analysis)
                if each is not None:
                    each(analysis)
            if len(batch) != len(docs):
                # Parses are paired with documents by position: with one missing
                # (spaCy dropping a text), the pairing after it is wrong.
                raise RuntimeError(f"{len(batch)} analyses for {len(docs)} documents")
            return batch
        except Exception:  # one bad document must not sink the batch: go one by one
            out: list[Analysis | None] = []
            for doc in docs:
                try:
                    out.append(read_document(doc, **limits))
                except Exception as exc:
                    self.report.skipped.append((doc.origin or doc.title or "document",
                                                f"stored but not read: {_first_line(exc)}"))
                    out.append(None)
            return out


class _Vectors(Future):  # type: ignore[type-arg]
    """The sentence vectors of a batch's analyses, computed on ``pool``'s (single)
    thread as the analyses come (:meth:`add`): it takes those waiting, at least
    ``EMBED_CHUNK`` of them unless the batch is all read (:meth:`close`), and
    encodes them in one run, sentences sorted by length.  A thread waiting for
    the vectors can :meth:`help`, running batches of the same runs meanwhile.
    None when the encoder fails (``ask`` then computes those it needs): a
    broken model must not lose the documents."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        super().__init__()
        self._analyses: list[Analysis | None] = []
        self._taken = 0  # analyses handed to a run so far
        self._closed = False
        self._finished = False
        self._job: Any = None  # the SentenceVectors being run, if any
        self._cond = threading.Condition()
        pool.submit(self._run)

    def add(self, analysis: Analysis | None) -> None:
        with self._cond:
            self._analyses.append(analysis)
            self._cond.notify_all()

    def close(self, analyses: list[Analysis | None]) -> bool:
        """No more analyses come; False (and nothing more is computed) when
        ``analyses`` are not those added, in order."""
        with self._cond:
            same = len(analyses) == len(self._analyses) and all(
                a is b for a, b in zip(analyses, self._analyses, strict=True))
            if not same:
                self._analyses = self._analyses[:self._taken]
            self._closed = True
            self._cond.notify_all()
            return same

    def _run(self) -> None:
        from veracity.encode import SentenceVectors

        out: list[dict[Any, bytes]] = []
        failed = False
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._closed or (
                        len(self._analyses) - self._taken >= EMBED_CHUNK))
                    if self._taken == len(self._analyses):
                        break
                    part = self._analyses[self._taken:]
                    self._taken = len(self._analyses)
                if failed:
                    continue
                try:
                    job = SentenceVectors(part)
                    with self._cond:
                        self._job = job
                        self._cond.notify_all()
                    out.extend(job.result())
                except Exception:
                    failed = True
                finally:
                    with self._cond:
                        self._job = None
        except BaseException as exc:
            self._finish()
            self.set_exception(exc)
            raise
        self._finish()
        self.set_result([{} for _ in self._analyses] if failed else out)

    def _finish(self) -> None:
        with self._cond:
            self._finished = True
            self._cond.notify_all()

    def help(self) -> None:
        """Once the batch is all read: run batches of the encoding on this thread
        while any are left.  The pool's thread takes its work in order, so this
        batch's turn comes once the one before it is done, which the caller
        waited for."""
        done: Any = None  # the run last helped with

        def ready() -> bool:
            return self._finished or (self._job is not None and self._job is not done)

        while True:
            with self._cond:
                self._cond.wait_for(ready)
                if self._finished:
                    return
                done = self._job
            try:
                done.work()
            except Exception:  # the pool's thread gets it too: the result is empty
                pass


# Analyses the embed thread waits for before a run, unless the batch is all read:
# fewer sentences make a run cost more per sentence (shorter, more padded batches).
EMBED_CHUNK = 8
# Documents per spaCy batch in a batch whose analyses go to the embed thread as
# they are read.  On the 84 PolNeAR dev articles spaCy parsed as fast in
# batches of 4, 8, 16 or 32 (14-15 s each time) and the parses were the same;
# in batches of 32 the encoder waited about 9 s for the first analyses and
# worked on the last batch's 2.4 s after it was read; in batches of 8, 2.3 s
# and 0.9 s.
READ_STEP = 8


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _flatten(docs: Iterable[Document]) -> Iterator[Document]:
    """Each article, then its teasers (which no longer carry each other)."""
    for d in docs:
        yield _no_nul(replace(d, teasers=()))
        for t in d.teasers:
            yield _no_nul(replace(t, teasers=()))


def _no_nul(doc: Document) -> Document:
    """NUL characters carry nothing and PostgreSQL's text type refuses them: they
    are dropped here, before hashing, so both backends store the same text."""
    changes: dict[str, Any] = {f.name: getattr(doc, f.name).replace("\x00", "")
                               for f in fields(doc) if "\x00" in (_text(getattr(doc, f.name)))}
    if any("\x00" in c.text or "\x00" in (c.credit or "") for c in doc.captions):
        changes["captions"] = tuple(replace(c, text=c.text.replace("\x00", ""),
                                            credit=c.credit and c.credit.replace("\x00", ""))
                                    for c in doc.captions)
    return replace(doc, **changes) if changes else doc


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


__all__ = ["STDIN", "IngestReport", "Ingester", "Plan", "Prepared", "extract_file",
           "find_files", "stdin_units", "units_of_data", "units_of_file"]
