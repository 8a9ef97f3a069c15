"""question -> claim and constraints -> candidate sentences -> checks -> clusters -> verdict.

1. ``claim.parse_question``: participants, event word and class, polarity, time;
   ``question.understand``: the question as the statement it makes and its
   constraints (names, amounts, quotes, what was said, time, weighted words).
2. Names: each participant to the names the store holds (``aliases``), and
   descriptions ("the US president") to whom the corpus calls so.
3. Candidates: events having every participant, of the claim's classes (the
   entity index), and sentences found by passage search (full-text, then the
   sentence vectors of ``dense``; ``retrieve``).
4. Checks: every candidate against every constraint; those meeting all are
   evidence (each source's stance from the reader's events in the sentence,
   quoted with its document), the others near misses; the stance model where
   the reader found no attribution (``retrieve`` checks, ``mentions`` quotes).
5. Clusters and a verdict each (``cluster``); the lead is the event the
   question is about: its time, else the most recent and most reported
   (``verdict.decide``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from veracity.store.base import Passage, Store, StoredEvent
from veracity.types import StoredDocument
from veracity.unionfind import UnionFind
from veracity.verify import aliases, index, model
from veracity.verify.claim import parse_question
from veracity.verify.cluster import DocInfo, Mention
from veracity.verify.dates import _day, event_interval
from veracity.verify.match import (
    KEYWORD_SHARE,
    keyword_share,
    matches,
    same_lemma,
)
from veracity.verify.mentions import (
    _evidence,
    _mention,
    _model_evidence,
    _near_miss,
    _passage_mention,
    _reply_mention,
)
from veracity.verify.passages import NEAR_MISSES, names_in
from veracity.verify.question import understand, with_people
from veracity.verify.retrieve import _frame_checked, _passages, _replies, _reported
from veracity.verify.types import Claim, NearMiss
from veracity.verify.verdict import _COMMITTAL, Found

# Full-text hits examined for a claim that names no participant.
SEARCH_LIMIT = 50
# Documents the article-level stance model reads for one question at most: it
# analyses the whole article (about 20-30 ms for a PolNeAR article on the
# development machine), so this bounds its share of the latency of ``ask``.
MODEL_DOCS = 4


def _fetcher(store: Store) -> Callable[[int], StoredDocument]:
    """``store.get`` that reads each document once per question (the event
    frames, the passages, the metadata and the stance model all need some)."""
    seen: dict[int, StoredDocument] = {}

    def get(doc_id: int) -> StoredDocument:
        if doc_id not in seen:
            seen[doc_id] = store.get(doc_id)
        return seen[doc_id]

    return get


def _docs(get: Callable[[int], StoredDocument], ids: set[int]) -> dict[int, DocInfo]:
    """Document metadata, with outlet and copy groups (sources counted once)."""
    stored = {i: get(i) for i in sorted(ids)}
    sources: UnionFind[str] = UnionFind()
    for i, s in stored.items():
        sources.union(f"d{i}", f"d{s.copy_of}" if s.copy_of else f"d{i}")
        if s.doc.source:
            sources.union(f"d{i}", "o" + s.doc.source.strip().lower())
    roots: dict[str, int] = {}
    out = {}
    for i, s in stored.items():
        group = roots.setdefault(sources.find(f"d{i}"), len(roots) + 1)
        d = s.doc
        out[i] = DocInfo(id=i, title=d.title, outlet=d.source, published=_day(d.published),
                         url=d.url, kind=d.kind, copy_of=s.copy_of, group=group)
    return out


def _lemmas(claim: Claim) -> list[str]:
    from veracity.verify.match import _SYNONYMS

    out = {claim.predicate}
    for g in _SYNONYMS:
        if claim.predicate in g:
            out |= g
    return sorted(out)


def _names(store: Store, claim: Claim) -> dict[str, set[str]]:
    return {p: {n.lower() for n in aliases.stored_names(store, p)} for p in claim.participants}


def _resolve_descriptions(store: Store, claim: Claim,
                          descriptions: dict[str, tuple[str, str]]
                          ) -> tuple[Claim, list[str], dict[str, str]]:
    """The claim with each description ("the US president") replaced by whom the
    corpus calls so, notes saying how, and country -> person for those found."""
    notes = []
    people_of: dict[str, str] = {}
    parts = list(claim.participants)
    agent, patient = claim.agent, claim.patient
    for placeholder, (country, title) in descriptions.items():
        people = aliases.describe(store, country, title)
        name = people[0] if people else country
        if people:
            people_of[country] = name
        notes.append(f"'{title}' of {country} read as {name}"
                     + ("" if people else " (nobody in the corpus is called so)"))
        parts = [name if p == placeholder else p for p in parts]
        agent = name if agent == placeholder else agent
        patient = name if patient == placeholder else patient
    return replace(claim, participants=tuple(dict.fromkeys(parts)), agent=agent,
                   patient=patient), notes, people_of


def gather(store: Store, question: str, anchor: date | None = None,
           exclude_docs: frozenset[int] = frozenset(),
           time_budget: float | None = None) -> Found:
    """Every mention in the store of the event a question asks about, leaving
    out the documents ``exclude_docs`` (an article checked against the rest);
    past ``time_budget`` seconds, what was checked so far."""
    deadline = time.monotonic() + time_budget if time_budget is not None else None
    claim, descriptions = parse_question(question, anchor or date.today())
    notes: list[str] = []
    people_of: dict[str, str] = {}
    if descriptions:
        claim, notes, people_of = _resolve_descriptions(store, claim, descriptions)
    names = _names(store, claim)
    classes = claim.classes if claim.cls not in ("generic", "say") else ()
    if claim.cls == "say":
        classes = ("say",)
    searched: list[int] = []
    if claim.participants:
        candidates = index.candidate_events(store, groups=[sorted(names[p]) for p in
                                                           claim.participants],
                                            classes=classes, lemmas=_lemmas(claim))
    else:
        searched = [d for d in index.search_docs(store, claim.keywords, limit=SEARCH_LIMIT)
                    if d not in exclude_docs]
        candidates = index.candidate_events(store, doc_ids=searched, classes=classes,
                                            lemmas=_lemmas(claim))
    # Match on the stored rows first, then again on the full records of the few
    # that matched (agent and patient decide direction; cues and quotes are shown).
    light = _time_capped([c for c in candidates if c.doc_id not in exclude_docs
                          and matches(claim, c.event, names)], claim)
    hits: list[StoredEvent] = [c for c in index.full_events(store, light)
                               if matches(claim, c.event, names)]
    if not claim.participants:
        # A lemma the class filter missed ("death" for "die") is still a match.
        hits = [c for c in hits if same_lemma(claim.predicate, c.event.lemma)
                or c.event.cls in claim.classes]
    # Sentences meeting every part of the question, beyond the event frame.
    u = understand(claim, question)
    if u.descriptions:
        people = {(country, title): people_of.get(country) or next(
            iter(aliases.describe(store, country, title)), None)
            for country, title in u.descriptions}
        u = with_people(u, people)
        found = {country: person for (country, _), person in people.items() if person}
        claim = replace(claim, participants=tuple(dict.fromkeys(
            found.get(p, p) for p in claim.participants)))
    if u.statement:
        # The statement the constraints were read from is what the user sees.
        claim = replace(claim, text=u.statement, polarity=u.polarity)
    if u.time is None and claim.time is not None:
        # The date modifies a thing ("the Sept. 11 ceremony"), not the event.
        claim = replace(claim, time=None)
    get = _fetcher(store)
    hits, frame_near, frame_matches = _frame_checked(store, get, u, hits)
    covered = {(h.doc_id, h.event.caption, h.event.start) for h in hits}
    accepted, near, replies, unchecked = _passages(store, get, u, claim, covered, exclude_docs,
                                                   deadline)
    if unchecked:
        notes.append(f"time budget of {time_budget:g} s reached: {unchecked} candidate "
                     "sentence(s) left unchecked (setting ask_time_budget)")
    taken = covered | {(a.passage.doc_id, a.passage.caption, a.passage.start) for a in accepted}
    for h in hits:
        e = h.event
        if not _reported(e):
            continue
        found_replies = _replies(store.analysis(h.doc_id), Passage(
            id=-h.id, doc_id=h.doc_id, caption=e.caption, start=e.start, end=e.end,
            text=e.quote), [e], taken, frame_matches.get(h.id, {}))
        taken.update((q.doc_id, q.caption, q.start) for q, _, _ in found_replies)
        replies += found_replies
    near = sorted(frame_near + near, key=lambda a: (-a.check.share, len(a.check.missed),
                                                    a.passage.id))
    unmatched = [d for d in searched if d not in {h.doc_id for h in hits}]
    docs = _docs(get, {h.doc_id for h in hits} | set(unmatched)
                 | {a.passage.doc_id for a in accepted} | {a.passage.doc_id for a in near})
    # A question that negates ("paid nothing") is answered by denials of the act.
    flip = u.polarity == "negative"
    mentions = [_mention(h.event, h.id, docs[h.doc_id],
                         _evidence(h.event, docs[h.doc_id], docs, flip,
                                   frame_matches.get(h.id))) for h in hits]
    mentions += [_passage_mention(a, claim, u, docs[a.passage.doc_id], docs) for a in accepted]
    mentions += [_reply_mention(q, source, matches, claim, u, docs[q.doc_id], docs)
                 for q, source, matches in replies]
    evidence_docs = {m.doc.id for m in mentions}
    near_misses: list[NearMiss] = []
    shown: set[tuple[int, int | None, int]] = set()
    for a in near:
        if len(near_misses) >= NEAR_MISSES:
            break
        key = (a.passage.doc_id, a.passage.caption, a.passage.start)
        if a.passage.doc_id not in evidence_docs and key not in shown:
            shown.add(key)
            near_misses.append(_near_miss(a, docs[a.passage.doc_id]))
    # The stance model, once per document, where the reader found nobody
    # anywhere asserting or denying the event (a guess about a whole article
    # never outweighs what a sentence says): matched documents first, then
    # (for a claim naming nobody) documents the search found about it.
    committal = {m.doc.id for m in mentions if any(e.stance in _COMMITTAL for e in m.evidence)}
    silent = list(dict.fromkeys(m.doc.id for m in mentions if m.doc.id not in committal))
    wanted = [] if committal else silent + unmatched
    if deadline is not None and time.monotonic() > deadline:
        wanted = []  # no time left for the article model
    if wanted and model.predictor() is None:
        notes.extend(model.unavailable)
    elif wanted:
        asked = 0
        for d in wanted:
            if asked >= MODEL_DOCS:
                notes.append(f"stance model asked about the first {MODEL_DOCS} of "
                             f"{len(wanted)} documents without an attribution")
                break
            text = get(d).doc.text
            if d in unmatched and (keyword_share(claim.keywords, text) < KEYWORD_SHARE
                                   or not names_in(u, text)):
                # An article that never names a party, amount or quote of the
                # question is not about it, whatever the model would say.
                continue
            asked += 1
            extra = _model_evidence(claim, docs[d], text, docs)
            if extra is None:
                continue
            home = next((m for m in mentions if m.doc.id == d), None)
            if home is not None:
                home.evidence.append(extra)
            else:
                mentions.append(Mention(
                    doc=docs[d], event_id=-d, lemma=claim.predicate, cls=claim.cls,
                    participants=claim.participants, time=None, time_text=None,
                    granularity=None, interval=None, place=None, caption=None,
                    evidence=[extra]))
    against = {m.doc.id for m in mentions for e in m.evidence
               if e.method == "stance-model" and e.stance == "denies"}
    if against:
        notes.append(f"the article stance model leans against the claim in {len(against)} "
                     "document(s); a model's lean is shown, never counted as a denial")
    return Found(claim=claim, mentions=tuple(mentions), notes=tuple(notes), understood=u,
                 near_misses=tuple(near_misses))


# Documents whose events are at a time other than the one asked about, loaded
# at most: they are only listed under the answer ("other matching events").
OTHER_TIME_DOCS = 8


def _time_capped(hits: list[StoredEvent], claim: Claim) -> list[StoredEvent]:
    w = claim.time
    if w is None or not w.resolved or w.start is None or w.end is None:
        return hits
    keep: list[StoredEvent] = []
    other_docs: set[int] = set()
    for h in hits:
        span = event_interval(h.event)
        if span is None or (span[0] <= w.end and w.start <= span[1]):
            keep.append(h)
        elif h.doc_id in other_docs or len(other_docs) < OTHER_TIME_DOCS:
            other_docs.add(h.doc_id)
            keep.append(h)
    return keep
