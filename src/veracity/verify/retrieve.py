"""The sentences that answer a question: found by passage search and checked
against its constraints (accepted, near misses, and the denials answering an
accepted one), and the event-frame matches checked the same way."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from veracity.candidates import answers
from veracity.read.types import Analysis, Attribution, Event
from veracity.store.base import Passage, Store, StoredEvent
from veracity.types import Document, StoredDocument
from veracity.verify import dense
from veracity.verify.anchors import (
    anchor_events,
    answering_denials,
    events_in,
    framing,
    inside,
    states_nominally,
)
from veracity.verify.cluster import CLASS_NAMES
from veracity.verify.dates import _day, event_interval
from veracity.verify.passages import (
    RETRIEVE,
    Check,
    check,
    may_refer,
    persons_of,
    relevant,
    speakers_of,
    word_share,
)
from veracity.verify.question import Understood
from veracity.verify.types import Claim
from veracity.verify.words import asks

# Documents whose sentences are checked as passages for one question at most.
PASSAGE_DOCS = 40


@dataclass
class _Accepted:
    passage: Passage
    check: Check
    anchors: list[Event]
    speaker: str | None = None  # who says the sentence, when someone does
    events: list[Event] = field(default_factory=list)  # all the sentence's events
    # Who says what the question asks, where the sentence tells it as the
    # content of an attribution and no event of its own stands for it.
    framed: list[Attribution] = field(default_factory=list)


def _class_missed(claim: Claim, anchors: list[Event]) -> str | None:
    """The kind of event asked about when the sentence's events are all of
    another kind ("phone" asks for a call; a meeting is not one)."""
    if claim.cls in ("generic", "say") or not anchors:
        return None
    if any(e.cls in ("generic", "say") or e.cls in claim.classes for e in anchors):
        return None
    name = CLASS_NAMES.get(claim.cls, claim.cls.replace("_", " "))
    return ("an " if name[:1] in "aeiou" else "a ") + name


def _passages(store: Store, get: Callable[[int], StoredDocument], u: Understood,
              claim: Claim, covered: set[tuple[int, int | None, int]],
              exclude_docs: frozenset[int] = frozenset(), deadline: float | None = None
              ) -> tuple[list[_Accepted], list[_Accepted],
                         list[tuple[Passage, str, dict[str, bool]]], int]:
    """Sentences meeting every constraint, near misses (the words, not a name),
    the denials answering them, and how many candidates the time budget
    (``deadline``, a ``time.monotonic()`` value) left unchecked."""
    found = [p for p in store.search_passages(u.search_terms(), limit=RETRIEVE)
             if (p.doc_id, p.caption, p.start) not in covered and p.doc_id not in exclude_docs]
    sims = dense.similarities(store, u.statement, found)
    hits = [p for p in found if relevant(word_share(u, p.text), sims.get(p.id))]
    doc_ids = list(dict.fromkeys(p.doc_id for p in hits))[:PASSAGE_DOCS]
    stored = {d: get(d).doc for d in doc_ids}
    # A first check on the text alone; the reader's analysis (events, people)
    # is loaded only for documents with a sentence that may still qualify.
    first: list[tuple[Passage, Check]] = []
    for p in hits:
        if p.doc_id in stored:
            doc = stored[p.doc_id]
            first.append((p, check(u, p, _source_text(doc, p.caption), _day(doc.published),
                                      None, None, sims.get(p.id))))
    wanted = {p.doc_id for p, c in first if c.met or may_refer(u, c, p)}
    analyses: dict[int, Analysis | None] = {}
    accepted: list[_Accepted] = []
    near: list[_Accepted] = []
    replies: list[tuple[Passage, str, dict[str, bool]]] = []
    taken = {(p.doc_id, p.caption, p.start) for p in hits}
    for k, (p, chk) in enumerate(first):
        if deadline is not None and time.monotonic() > deadline:
            return accepted, near, replies, len(first) - k
        if p.doc_id not in wanted:
            near.append(_Accepted(p, chk, []))
            continue
        if p.doc_id not in analyses:
            analyses[p.doc_id] = store.analysis(p.doc_id)
        doc = stored[p.doc_id]
        analysis = analyses[p.doc_id]
        events = events_in(analysis, p)
        anchors = anchor_events(u, events, p)
        framed = framing(u, analysis, p)
        if framed and any(inside(framed[0], e) for e in anchors):
            # The content has an event of its own ("said he would resign"),
            # which speaks for itself.
            framed = []
        elif framed:
            # "accused Holt of being a Democrat": the accusation and the
            # verbs around it are not what is asked; what the accuser says is.
            anchors = []
        span = next((event_interval(e) for e in anchors if e.time), None)
        speakers = speakers_of(analysis, p)
        chk = check(u, p, _source_text(doc, p.caption), _day(doc.published), span,
                       persons_of(analysis) if p.caption is None else None, sims.get(p.id),
                       speakers)
        # "is not an endorsement": the sentence names the event itself.
        nominal = states_nominally(u, events, p)
        kind = _class_missed(claim, anchors) if nominal is None else None
        if kind is not None:
            chk.matches[kind] = False
        if not chk.met:
            near.append(_Accepted(p, chk, anchors))
            continue
        # "said he would end the war" never makes the war ended; a sentence
        # whose events are none of the question's words says nothing of it.
        real = [e for e in anchors if answers(e, claim.future)]
        if events and not real and nominal is None and not framed:
            continue
        if not real and asks(p.text):
            continue  # "Macaulay Culkin dead?" asks; it tells nothing
        if nominal == "denies" or not real:
            real = []  # the sentence itself states it, or that it did not happen
        speaker = min(speakers, default=None)
        accepted.append(_Accepted(p, chk, real, speaker, events, framed if not real else []))
        replies += _replies(analysis, p, real, covered | taken, chk.matches)
        taken.update((q.doc_id, q.caption, q.start) for q, _, _ in replies)
    near.sort(key=lambda a: (-a.check.share, len(a.check.missed), a.passage.id))
    return accepted, near, replies, 0


def _reported(e: Event) -> bool:
    """Whether a source other than the outlet asserts the event."""
    return any(st.source_kind != "author" and st.stance in ("asserts", "probable")
               for st in e.stances)


def _replies(analysis: Analysis | None, p: Passage, events: list[Event],
             taken: set[tuple[int, int | None, int]], matches: dict[str, bool]
             ) -> list[tuple[Passage, str, dict[str, bool]]]:
    """A claim a source makes in this sentence and a later sentence denies
    without repeating it ("called the charges fabricated"): the denials."""
    if not any(_reported(e) for e in events):
        return []
    # A denial the reader already tied to the event is counted there.
    known = {st.source for e in events for st in e.stances if st.stance == "denies"}
    return [(q, source, matches) for q, source in answering_denials(analysis, p)
            if (q.doc_id, q.caption, q.start) not in taken and source not in known]


def _source_text(doc: Document, caption: int | None) -> str:
    """The text a passage's offsets point into: the article or one of its captions."""
    if caption is not None and 0 <= caption < len(doc.captions):
        return doc.captions[caption].text
    return doc.text


def _frame_checked(store: Store, get: Callable[[int], StoredDocument], u: Understood,
                   hits: list[StoredEvent]
                   ) -> tuple[list[StoredEvent], list[_Accepted], dict[int, dict[str, bool]]]:
    """Event-frame matches that also meet every constraint of the question (a
    frame of one class and its participants says nothing of the rest); the
    others are near misses."""
    stored = {d: get(d) for d in {h.doc_id for h in hits}}
    keep: list[StoredEvent] = []
    near: list[_Accepted] = []
    met: dict[int, dict[str, bool]] = {}
    for h in hits:
        e = h.event
        doc = stored[h.doc_id].doc
        p = Passage(id=-h.id, doc_id=h.doc_id, caption=e.caption, start=e.start, end=e.end,
                    text=e.quote)
        text, day, span = _source_text(doc, e.caption), _day(doc.published), event_interval(e)
        chk = check(u, p, text, day, span)
        if may_refer(u, chk, p):
            # The document's people are read only where a pronoun may name one.
            chk = check(u, p, text, day, span, persons_of(store.analysis(h.doc_id)))
        if not chk.met:
            near.append(_Accepted(p, chk, [e]))
        else:
            keep.append(h)
            met[h.id] = dict(chk.matches)
    return keep, near, met
