"""Ingest: files and folders -> clean, dated, deduplicated documents in the store.

Stages, per input unit (a file, a JSON line, a WARC record):

1. find files under the given paths (folders recursively, in name order);
2. read bytes safely (size limit, gzip, binary, encoding) and sniff the format;
3. extract documents (HTML with trafilatura; pasted page text split into
   headline, article, captions and teasers; JSON lines; WARC records);
4. drop exact duplicates (normalised content hash) and link near-duplicates
   (MinHash) as copies;
5. read them (``veracity.read``) in batches;
6. store each unit in one transaction with a record that it is done, so a
   killed run loses nothing committed and a re-run skips it quickly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from veracity.errors import InputError
from veracity.ingest import dedupe
from veracity.ingest.detect import decode, read_bytes, sniff
from veracity.ingest.html import extract_html
from veracity.ingest.pasted import split_page
from veracity.ingest.records import Unit, jsonl_units, raw_hash, warc_units
from veracity.read.types import Analysis
from veracity.settings import Settings
from veracity.store.base import NewDocument, Store
from veracity.types import Document

Progress = Callable[[int, int, str], None]


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
                yield InputError(str(exc.filename or p), f"cannot read folder: {exc.strerror}")
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            yield InputError(p, "no such file or folder")


def units_of_file(path: Path, *, published: str | None = None, source: str | None = None,
                  url: str | None = None, max_bytes: int = 20_000_000,
                  skip: set[str] | None = None) -> Iterator[Unit | InputError]:
    """The input units of one file; errors are yielded, never raised."""
    name = str(path)
    try:
        data = read_bytes(path, max_bytes)
        fmt = sniff(path, data)
        if fmt == "warc":
            yield from warc_units(name, data, published=published, source=source,
                                  max_bytes=max_bytes, skip=skip)
            return
        h = raw_hash(data)
        if fmt != "jsonl" and skip is not None and h in skip:
            yield Unit(name, h, ())
            return
        text = decode(name, data)
        if fmt == "jsonl":
            yield from jsonl_units(name, text, published=published, source=source,
                                   max_bytes=max_bytes, skip=skip)
        elif fmt == "html":
            yield Unit(name, h, (extract_html(name, text, url=url, published=published,
                                              source=source),))
        else:
            if not text.strip():
                raise InputError(name, "empty file (only white space)")
            doc = split_page(text, published=published, source=source, url=url, origin=name)
            if not doc.text.strip():
                raise InputError(name, "no article text found")
            yield Unit(name, h, (doc,))
    except InputError as exc:
        yield exc


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
    duplicates: int = 0
    near_duplicates: int = 0
    already_done: int = 0
    files: int = 0
    doc_ids: list[int] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"ingested": self.ingested, "teasers": self.teasers,
                "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "already_stored": self.already_done, "files": self.files,
                "doc_ids": self.doc_ids,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped]}


class Ingester:
    """Stores units in batches, reading each batch with one spaCy pass."""

    def __init__(self, store: Store, settings: Settings, *, read: bool | None = None) -> None:
        self.store = store
        self.settings = settings
        self.read = settings.read_on_ingest if read is None else read
        self.near = dedupe.NearDuplicates(settings.near_duplicate_threshold)
        for doc_id, sig in store.minhashes():
            self.near.add(doc_id, dedupe.from_bytes(sig))
        self.report = IngestReport()
        self._pending: tuple[Any, list[Analysis | None], Any] | None = None
        self._pool: ThreadPoolExecutor | None = None

    def flush(self, units: list[Unit], *, wait: bool = True) -> None:
        """Dedupe, read and store a batch of units, one transaction per unit.

        With ``wait=False`` the batch's sentence vectors are computed on another
        thread while the next batch is read (the encoder and spaCy then share
        two cores), and the batch is stored by the next ``flush`` or by
        :meth:`finish`; until then nothing of it is in the store, so a killed
        run loses no committed work and a re-run reads it again."""
        batch = self._prepare(units)
        self.finish()
        self._pending = batch
        if wait:
            self.finish()

    def finish(self) -> None:
        """Store the batch a ``flush(wait=False)`` left pending, if any."""
        if self._pending is not None:
            plans, read, vectors = self._pending
            self._pending = None
            self._store(plans, read, vectors.result() if isinstance(vectors, Future)
                        else vectors)

    def _prepare(self, units: list[Unit]) -> tuple[Any, list[Analysis | None], Any]:
        plans: list[tuple[Unit, list[tuple[Document, str, bool]]]] = []
        batch_hashes: set[str] = set()
        to_read: list[Document] = []
        for unit in units:
            plan = []
            for doc in _flatten(unit.documents):
                h = dedupe.content_hash(doc.title, doc.text)
                fresh = h not in batch_hashes and self.store.find_hash(h) is None
                batch_hashes.add(h)
                plan.append((doc, h, fresh))
                if fresh:
                    to_read.append(doc)
            plans.append((unit, plan))
        read = self._read(to_read)
        if not self.settings.embed_on_ingest or not any(read):
            return plans, read, [{} for _ in read]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        return plans, read, self._pool.submit(self._embed, read)

    def _store(self, plans: list[tuple[Unit, list[tuple[Document, str, bool]]]],
               read: list[Analysis | None], vectors: list[dict[Any, bytes]]) -> None:
        analyses = iter(zip(read, vectors, strict=True))
        for unit, plan in plans:
            with self.store.transaction():
                parent_id: int | None = None
                for doc, h, fresh in plan:
                    analysis, vecs = next(analyses) if fresh else (None, None)
                    is_teaser = doc.kind == "teaser"
                    existing = self.store.find_hash(h)
                    if existing is not None:
                        self.report.duplicates += 1
                        if not is_teaser:
                            parent_id = existing
                        continue
                    m = dedupe.minhash(f"{doc.title or ''} {doc.text}")
                    match = self.near.best_match(m)
                    new = NewDocument(doc, h, dedupe.to_bytes(m),
                                      copy_of=match[0] if match else None,
                                      similarity=match[1] if match else None)
                    doc_id = self.store.add_document(new, parent_id if is_teaser else None)
                    if match:
                        self.report.near_duplicates += 1
                    else:
                        self.near.add(doc_id, m)
                    if analysis is not None:
                        self.store.save_analysis(doc_id, analysis, vecs)
                    if is_teaser:
                        self.report.teasers += 1
                    else:
                        parent_id = doc_id
                    self.report.ingested += 1
                    self.report.doc_ids.append(doc_id)
                self.store.mark_input(unit.raw_hash, unit.origin, len(plan))

    @staticmethod
    def _embed(analyses: list[Analysis | None]) -> list[dict[Any, bytes]]:
        """Sentence vectors of what was read; none when the encoder fails (``ask``
        then computes those it needs)."""
        from veracity.encode import sentence_vectors

        try:
            return sentence_vectors(analyses)
        except Exception:  # a broken model must not lose the documents
            return [{} for _ in analyses]

    def _read(self, docs: list[Document]) -> list[Analysis | None]:
        """Analyses in document order; a document the reader fails on is stored
        unread (reported, and picked up again by ``reread``) rather than lost."""
        if not self.read or not docs:
            return [None] * len(docs)
        from veracity.read import read_document, read_documents

        try:
            return list(read_documents(docs, workers=self.settings.workers,
                                       batch_size=self.settings.batch_size))
        except Exception:  # one bad document must not sink the batch: go one by one
            out: list[Analysis | None] = []
            for doc in docs:
                try:
                    out.append(read_document(doc))
                except Exception as exc:
                    self.report.skipped.append((doc.origin or doc.title or "document",
                                                f"stored but not read: {_first_line(exc)}"))
                    out.append(None)
            return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _flatten(docs: Iterable[Document]) -> Iterator[Document]:
    """Each article, then its teasers (which no longer carry each other)."""
    for d in docs:
        yield replace(d, teasers=())
        for t in d.teasers:
            yield replace(t, teasers=())


def ingest(paths: Iterable[str], store: Store, settings: Settings, *,
           published: str | None = None, source: str | None = None, url: str | None = None,
           progress: Progress | None = None, read: bool | None = None) -> IngestReport:
    """Ingest files and folders into ``store``; bad inputs are reported, not raised."""
    files: list[Path] = []
    ing = Ingester(store, settings, read=read)
    report = ing.report
    for item in find_files(paths):
        if isinstance(item, InputError):
            report.skipped.append((item.path, item.reason))
        else:
            files.append(item)
    report.files = len(files)
    done = store.input_hashes()
    pending: list[Unit] = []
    pending_docs = 0
    for i, path in enumerate(files, start=1):
        for unit in units_of_file(path, published=published, source=source, url=url,
                                  max_bytes=settings.max_bytes, skip=done):
            if isinstance(unit, InputError):
                report.skipped.append((unit.path, unit.reason))
            elif unit.raw_hash in done:
                report.already_done += 1
            else:
                pending.append(unit)
                pending_docs += sum(1 + len(d.teasers) for d in unit.documents)
                if pending_docs >= settings.batch_size:
                    ing.flush(pending, wait=False)
                    pending, pending_docs = [], 0
        if progress:
            progress(i, len(files), str(path))
    if pending:
        ing.flush(pending, wait=False)
    ing.finish()
    return report


__all__ = ["IngestReport", "Ingester", "extract_file", "find_files", "ingest", "units_of_file"]
