"""Reading the news: events, attributions, stances and times.

Public API (used by ingest and ``veracity read``)::

    read_document(doc, nlp=None) -> Analysis
    read_documents(docs, *, workers=1, batch_size=32) -> Iterator[Analysis]
    READER_VERSION

Stages are in ``reader.py`` (one text) and ``document.py`` (a document with
captions); the linguistics is in ``cues``, ``events``, ``stances``,
``entities`` and ``timex``.
"""

from __future__ import annotations

from veracity.read.document import (
    READER_VERSION,
    analyze,
    credit_name,
    read_document,
    read_documents,
)
from veracity.read.entities import canonical_name
from veracity.read.types import Analysis, Attribution, Entity, Event, Span, Stance

__all__ = [
    "READER_VERSION", "Analysis", "Attribution", "Entity", "Event", "Span", "Stance", "analyze",
    "canonical_name", "credit_name", "read_document", "read_documents",
]
