"""The whole pipeline, as in the product diagram:

    pages/files/feeds -> ingest (extract main text, metadata, split teasers, dedupe)
                      -> read (sentences, entities, events, attributions, stances, times)
                      -> store (SQLite by default)
                      -> verify (question -> claim -> matching events -> clusters -> verdict)
                      -> render (terminal, JSON, Markdown, ClaimReview, web page)

This module runs the first three stages; ``veracity.verify`` and
``veracity.render`` answer from what they stored.

1. :func:`ingest` lists the inputs (files, folders, standard input, web
   pages) and turns each into units (``veracity.ingest``: one per file, JSON
   line, WARC record or page);
2. :func:`feed` is the one loop every way in shares -- ``veracity ingest``,
   the web upload, ``veracity watch``: failed units reported, units already
   stored counted, the rest handed in batches to an
   :class:`~veracity.ingest.Ingester`, which dedupes them, reads them
   (``veracity.read``) and stores each unit in a transaction of its own
   (``veracity.store``); ``veracity backfill`` runs the same Ingester with
   its reading spread over workers (``Ingester.prepare`` there,
   ``Ingester.store_prepared`` in the driver);
3. :func:`reread` runs the current reader again over stored documents read
   by an older one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veracity.errors import InputError
from veracity.ingest import (
    STDIN,
    Ingester,
    IngestReport,
    find_files,
    stdin_units,
    units_of_file,
)
from veracity.ingest.fetch import Fetcher, is_url
from veracity.ingest.language import is_read
from veracity.ingest.records import Unit
from veracity.ingest.urls import Pages
from veracity.read.types import Analysis
from veracity.settings import Settings
from veracity.store.base import Store
from veracity.types import Document

# (inputs done, inputs in all, the input just done)
Progress = Callable[[int, int, str], None]
ReadProgress = Callable[[int, int], None]


def ingest(paths: Iterable[str], store: Store, settings: Settings, *,
           published: str | None = None, source: str | None = None, url: str | None = None,
           progress: Progress | None = None, read: bool | None = None,
           language: str | None = None, force: bool = False,
           stdin: bytes | None = None, fetcher: Fetcher | None = None) -> IngestReport:
    """Ingest files, folders and web pages (http and https URLs, fetched with
    ``fetcher`` or a :class:`Fetcher` made here) into ``store``; bad inputs are
    reported, not raised.

    ``language`` overrides the detected language of every document.  A path
    ``-`` is the bytes ``stdin`` (read by the caller, at most ``max_bytes`` + 1).
    ``force`` ingests inputs already ingested again: their documents already
    stored take the metadata given now and are read again (see :class:`Ingester`).
    """
    inputs: list[Path | str | None] = []  # None: standard input
    ing = Ingester(store, settings, read=read, language=language, force=force)
    report = ing.report
    for p in paths:
        if p == "-":
            if stdin is None:
                report.skipped.append(("-", "standard input was not read"))
            elif None not in inputs:
                inputs.append(None)
            continue
        if is_url(p):
            inputs.append(p.strip())
            continue
        for found in find_files([p]):
            if isinstance(found, InputError):
                report.skipped.append((found.path, found.reason))
            else:
                inputs.append(found)
    report.files = len(inputs)
    done = set() if force else store.input_hashes()
    opts: dict[str, Any] = {"published": published, "source": source, "url": url,
                            "max_bytes": settings.max_bytes, "skip": done}
    with ExitStack() as stack:
        pages: Pages | None = None  # made for the first URL, if any

        def units(item: Path | str | None) -> Iterable[Unit | InputError]:
            nonlocal pages
            if item is None:
                return stdin_units(stdin or b"", **opts)
            if isinstance(item, Path):
                return units_of_file(item, **opts)
            if pages is None:
                web = fetcher or stack.enter_context(Fetcher(settings))
                pages = Pages(web, store, settings.max_bytes)
            return pages.units(item, published=published, source=source, skip=done)

        def shown(i: int) -> None:
            if progress:
                item = inputs[i - 1]
                progress(i, len(inputs), STDIN if item is None else str(item))

        feed(ing, (units(item) for item in inputs), done, progress=shown)
        if pages is not None:
            pages.remember({path for path, _ in report.skipped})
    return report


def feed(ing: Ingester, inputs: Iterable[Iterable[Unit | InputError]], done: set[str], *,
         progress: Callable[[int], None] | None = None,
         each_input: bool = False) -> IngestReport:
    """Every unit of ``inputs`` (one iterable of units per input) through ``ing``,
    in batches of about ``batch_size`` documents: a unit that failed is reported
    as skipped, one whose raw hash is in ``done`` counted as already stored.
    ``progress(i)`` is called once the i-th input's units are taken.  Each batch
    is read while the previous one's sentence vectors are computed (see
    :meth:`Ingester.flush`); all are stored when this returns.  With
    ``each_input`` each input is one batch, stored before the next input is
    taken (the web upload: a few files, each reported in the order it came)."""
    report = ing.report
    pending: list[Unit] = []
    docs = 0
    for i, units in enumerate(inputs, start=1):
        for unit in units:
            if isinstance(unit, InputError):
                report.skipped.append((unit.path, unit.reason))
            elif unit.raw_hash in done:
                report.already_done += 1
            else:
                pending.append(unit)
                docs += sum(1 + len(d.teasers) for d in unit.documents)
                if docs >= ing.settings.batch_size and not each_input:
                    ing.flush(pending, wait=False)
                    pending, docs = [], 0
        if each_input and pending:
            ing.flush(pending)
            pending, docs = [], 0
        if progress:
            progress(i)
    if pending:
        ing.flush(pending, wait=False)
    ing.finish()
    return report


@dataclass(frozen=True)
class RereadReport:
    read: int
    up_to_date: int
    reader_version: str
    # Documents in a language the reader does not read: left unread.
    other_language: int = 0


def reread(store: Store, settings: Settings, *, everything: bool = False,
           progress: ReadProgress | None = None) -> RereadReport:
    """Run the current reader over stored documents read by an older one (or all).

    Works in batches, each committed on its own, so an interrupted reread keeps
    its progress and the next one continues where it stopped. Documents in a
    language the reader does not read stay unread.
    """
    from veracity.read import READER_VERSION

    versions = store.reader_versions()
    todo = [i for i, v in versions.items() if everything or v != READER_VERSION]
    done = other = 0
    step = max(1, settings.batch_size)
    for chunk_start in range(0, len(todo), step):
        chunk = [store.get(i) for i in todo[chunk_start:chunk_start + step]]
        ids = [s.id for s in chunk if is_read(s.doc.language)]
        docs = [s.doc for s in chunk if is_read(s.doc.language)]
        other += len(chunk) - len(ids)
        analyses, vectors = read_with_vectors(docs, settings)
        with store.transaction():
            for doc_id, analysis, vecs in zip(ids, analyses, vectors, strict=True):
                store.save_analysis(doc_id, analysis, vecs)
        done += len(ids)
        if progress:
            progress(done + other, len(todo))
    return RereadReport(read=done, up_to_date=len(versions) - len(todo),
                        reader_version=READER_VERSION, other_language=other)


def read_with_vectors(docs: Sequence[Document], settings: Settings
                      ) -> tuple[list[Analysis], list[dict[Any, bytes]]]:
    """The analyses of ``docs`` in order, with their sentence vectors (none when
    ``embed_on_ingest`` is off): what ``save_analysis`` stores."""
    from veracity.encode import sentence_vectors
    from veracity.read import read_documents

    if not docs:
        return [], []
    analyses = list(read_documents(docs, workers=settings.workers,
                                   batch_size=settings.batch_size,
                                   max_chars=settings.read_max_chars,
                                   max_events=settings.max_events))
    if len(analyses) != len(docs):  # paired by position below and by the caller
        raise RuntimeError(f"the reader gave {len(analyses)} analyses for {len(docs)} "
                           "documents")
    vectors = sentence_vectors(analyses) if settings.embed_on_ingest \
        else [{} for _ in analyses]
    return analyses, vectors
