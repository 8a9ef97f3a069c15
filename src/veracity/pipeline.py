"""The whole pipeline, as in the product diagram:

    pages/files/feeds -> ingest (extract main text, metadata, split teasers, dedupe)
                      -> read (sentences, entities, events, attributions, stances, times)
                      -> store (SQLite by default)
                      -> verify (question -> claim -> matching events -> clusters -> verdict)
                      -> render (terminal, JSON, Markdown, ClaimReview, web page)

Ingest reads and stores as it goes (``veracity.ingest.ingest``); this module adds
re-reading stored documents when the reader improves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from veracity.ingest.language import is_read
from veracity.read.types import Analysis
from veracity.settings import Settings
from veracity.store.base import Store
from veracity.types import Document

ReadProgress = Callable[[int, int], None]


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
