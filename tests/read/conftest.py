"""Shared helpers for the reader's tests: one spaCy pipeline per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veracity.read import read_document
from veracity.read.nlp import load_nlp
from veracity.read.types import Analysis, Event, Stance
from veracity.types import Caption, Document


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


@pytest.fixture(scope="session")
def read(nlp) -> Callable[..., Analysis]:  # type: ignore[no-untyped-def]
    def _read(text: str, published: str | None = None, source: str | None = None,
              captions: tuple[Caption, ...] = ()) -> Analysis:
        return read_document(Document(text=text, published=published, source=source,
                                      captions=captions), nlp)
    return _read


def event(a: Analysis, predicate: str) -> Event:
    hits = [e for e in a.events if e.predicate == predicate or e.lemma == predicate]
    assert hits, f"no event {predicate!r} in {[e.predicate for e in a.events]}"
    return hits[0]


def stance(e: Event, source: str) -> Stance:
    hits = [s for s in e.stances if s.source == source]
    assert hits, f"no stance of {source!r} on {e.predicate}: {[s.source for s in e.stances]}"
    return hits[0]


def stance_map(e: Event) -> dict[str, str]:
    return {s.source: s.stance for s in e.stances}
