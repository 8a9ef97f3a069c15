"""The candidate-event filter is defined once (``veracity.candidates``): the
store's SQL keeps exactly the events the Python predicate keeps, on every
backend, and the verifier's predicate agrees with it."""

from __future__ import annotations

import itertools
import uuid
from typing import get_args

from veracity.candidates import is_candidate_event
from veracity.read.types import Analysis, Event, Modality, Stance
from veracity.store import open_store
from veracity.store.base import NewDocument
from veracity.types import Document


def _stance(stance: str, kind: str) -> Stance:
    return Stance(source="Kremlin" if kind != "author" else "author", stance=stance,
                  cue=None, quote="q", start=0, end=1, source_kind=kind)


# What may be said of an event: nothing, a denial by each kind of source, an
# assertion, and a denial by the author beside an assertion by somebody else.
STANCE_SETS: tuple[tuple[Stance, ...], ...] = (
    (),
    (_stance("denies", "author"),),
    (_stance("denies", "named"),),
    (_stance("denies", "unnamed"),),
    (_stance("denies", "caption"),),
    (_stance("asserts", "named"),),
    (_stance("asserts", "named"), _stance("denies", "author")),
)


def _events() -> list[Event]:
    out = []
    for n, (modality, stances) in enumerate(itertools.product(get_args(Modality), STANCE_SETS)):
        out.append(Event(id=f"e{n}", predicate="called", lemma="call", cls="communicate",
                         participants=("Vladimir Putin",), time=None, time_text=None,
                         modality=modality, polarity="positive", quote="q", start=0, end=1,
                         stances=stances))
    return out


def test_the_store_keeps_the_events_the_python_filter_keeps(store_url):
    events = _events()
    with open_store(store_url) as store:
        doc_id = store.add_document(NewDocument(Document(text="t"), uuid.uuid4().hex))
        assert doc_id is not None
        store.save_analysis(doc_id, Analysis(events=tuple(events), reader_version="t"))
        by_doc = [se.event.id for se in store.find_events(doc_ids=[doc_id])]
        by_name = [se.event.id for se in store.find_events(groups=[["vladimir putin"]])]
    kept = [e.id for e in events if is_candidate_event(e)]
    assert by_doc == kept
    assert by_name == kept
    # Not vacuous: some of each kind are kept and some left out.
    assert 0 < len(kept) < len(events)


def test_which_events_count():
    def ev(modality: str, *stances: Stance) -> Event:
        return Event(id="e", predicate="p", lemma="p", cls="generic", participants=(),
                     time=None, time_text=None, modality=modality, polarity="negative",
                     quote="", start=0, end=0, stances=stances)

    # A fact counts, whatever its polarity and whoever speaks of it.
    assert is_candidate_event(ev("actual"))
    # A planned call counts once somebody denies it, not when the author does.
    assert is_candidate_event(ev("intended", _stance("denies", "named")))
    assert not is_candidate_event(ev("intended", _stance("denies", "author")))
    assert not is_candidate_event(ev("future", _stance("asserts", "named")))
    # A question never does, denied or not.
    assert not is_candidate_event(ev("question", _stance("denies", "named")))


def test_the_verifier_uses_this_definition():
    from veracity.verify import match

    assert match.is_candidate_event is is_candidate_event
