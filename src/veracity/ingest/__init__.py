"""Ingest: files and folders -> clean, dated, deduplicated documents in the store.

Stages, per input unit (a file, a JSON line, a WARC record):

1. find files under the given paths (folders recursively, in name order);
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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from veracity.errors import InputError, StoreError, crash_reason
from veracity.ingest import dedupe
from veracity.ingest.detect import decode, read_bytes, shown, sniff
from veracity.ingest.html import extract_html
from veracity.ingest.language import detect, is_read, not_read_note
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
        fmt = sniff(path, data)
        if fmt == "warc":
            yield from warc_units(name, data, published=published, source=source,
                                  max_bytes=max_bytes, skip=skip)
            return
        if fmt == "jsonl":
            yield from jsonl_units(name, data, published=published, source=source,
                                   max_bytes=max_bytes, skip=skip)
            return
        h = raw_hash(data)
        if skip is not None and h in skip:
            yield Unit(name, h, ())
            return
        text = decode(name, data)
        if fmt == "html":
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
    except Exception as exc:
        yield InputError(name, crash_reason(exc))


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
    # Stored but not read, and why (a language the reader does not read).
    not_read: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"ingested": self.ingested, "teasers": self.teasers,
                "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "already_stored": self.already_done, "files": self.files,
                "doc_ids": self.doc_ids,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
                "not_read": [{"path": p, "reason": r} for p, r in self.not_read]}


class Ingester:
    """Stores units in batches, reading each batch with one spaCy pass.

    ``language`` (an ISO 639-1 code) is given to every document instead of the
    detected one: ``--language en`` reads pages the detector puts elsewhere."""

    def __init__(self, store: Store, settings: Settings, *, read: bool | None = None,
                 language: str | None = None) -> None:
        self.store = store
        self.settings = settings
        self.read = settings.read_on_ingest if read is None else read
        self.language = language
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
            try:
                plan = [(doc, dedupe.content_hash(doc.title, doc.text))
                        for doc in self._with_language(_flatten(unit.documents))]
            except Exception as exc:  # this unit only: reported, the batch goes on
                self.report.skipped.append((unit.origin, crash_reason(exc)))
                continue
            fresh_plan = []
            for doc, h in plan:
                fresh = h not in batch_hashes and self.store.find_hash(h) is None
                batch_hashes.add(h)
                # The third item says whether the document is read (fresh, and
                # in a language the reader reads).
                fresh_plan.append((doc, h, fresh and is_read(doc.language)))
                if fresh and is_read(doc.language):
                    to_read.append(doc)
            plans.append((unit, fresh_plan))
        read = self._read(to_read)
        if not self.settings.embed_on_ingest or not any(read):
            return plans, read, [{} for _ in read]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        return plans, read, self._pool.submit(self._embed, read)

    def _with_language(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Each document with its language: the one given, else the detected one; a
        teaser too short to tell is in the language of the page it was printed on."""
        page: str | None = None
        for doc in docs:
            lang = self.language or doc.language or detect(doc.text, doc.title)
            if doc.kind == "teaser":
                lang = lang or page
            else:
                page = lang
            yield replace(doc, language=lang) if lang != doc.language else doc

    def _store(self, plans: list[tuple[Unit, list[tuple[Document, str, bool]]]],
               read: list[Analysis | None], vectors: list[dict[Any, bytes]]) -> None:
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
        added: list[int] = []
        try:
            with self.store.transaction():
                parent_id: int | None = None
                for (doc, h, _), (analysis, vecs) in zip(plan, found, strict=True):
                    is_teaser = doc.kind == "teaser"
                    doc_id: int | None = None
                    match: tuple[int, float] | None = None
                    if self.store.find_hash(h) is None:
                        m = dedupe.minhash(f"{doc.title or ''} {doc.text}")
                        match = self.near.best_match(m)
                        new = NewDocument(doc, h, dedupe.to_bytes(m),
                                          copy_of=match[0] if match else None,
                                          similarity=match[1] if match else None)
                        # None when another ingest stored the same text meanwhile.
                        doc_id = self.store.add_document(new, parent_id if is_teaser else None)
                    if doc_id is None:
                        counts.duplicates += 1
                        if not is_teaser:
                            parent_id = self.store.find_hash(h)
                        continue
                    if match:
                        counts.near_duplicates += 1
                    else:
                        self.near.add(doc_id, m)
                        added.append(doc_id)
                    if analysis is not None:
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
        except BaseException:
            for doc_id in added:  # rolled back: not an original to link copies to
                self.near.remove(doc_id)
            raise
        r = self.report
        r.ingested += counts.ingested
        r.teasers += counts.teasers
        r.duplicates += counts.duplicates
        r.near_duplicates += counts.near_duplicates
        r.doc_ids.extend(counts.doc_ids)
        r.not_read.extend(counts.not_read)

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

        limits: dict[str, Any] = {"max_chars": self.settings.read_max_chars,
                                  "max_events": self.settings.max_events}
        try:
            return list(read_documents(docs, workers=self.settings.workers,
                                       batch_size=self.settings.batch_size, **limits))
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


def ingest(paths: Iterable[str], store: Store, settings: Settings, *,
           published: str | None = None, source: str | None = None, url: str | None = None,
           progress: Progress | None = None, read: bool | None = None,
           language: str | None = None) -> IngestReport:
    """Ingest files and folders into ``store``; bad inputs are reported, not raised.
    ``language`` overrides the detected language of every document."""
    files: list[Path] = []
    ing = Ingester(store, settings, read=read, language=language)
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
