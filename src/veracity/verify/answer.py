"""question -> claim and constraints -> candidate sentences -> checks -> clusters -> verdict.

1. ``claim.parse_question``: participants, event word and class, polarity, time;
   ``question.understand``: the question as the statement it makes and its
   constraints (names, amounts, quotes, what was said, time, weighted words).
2. Names: each participant to the names the store holds (``aliases``), and
   descriptions ("the US president") to whom the corpus calls so.
3. Candidates: events having every participant, of the claim's classes (the
   entity index), and sentences found by passage search (full-text, then the
   sentence vectors of ``dense``).
4. Checks: every candidate against every constraint; those meeting all are
   evidence (each source's stance from the reader's events in the sentence,
   quoted with its document), the others near misses; the stance model where
   the reader found no attribution.
5. Clusters and a verdict each (``cluster``); the lead is the event the
   question is about: its time, else the most recent and most reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from veracity.candidates import is_candidate_event
from veracity.read.stances import label, through
from veracity.read.timex import parse_date
from veracity.read.types import Analysis, Attribution, Event
from veracity.store.base import Passage, Store, StoredEvent
from veracity.types import Document, StoredDocument
from veracity.unionfind import UnionFind
from veracity.verify import aliases, dense, index, model
from veracity.verify.anchors import (
    anchor_events,
    answering_denials,
    asks_denial,
    events_in,
    fits,
    framing,
    inside,
    states_nominally,
)
from veracity.verify.claim import parse_question
from veracity.verify.cluster import (
    CLASS_NAMES,
    Cluster,
    DocInfo,
    Mention,
    build_clusters,
    event_verdict,
)
from veracity.verify.dates import event_interval, window_value
from veracity.verify.match import (
    KEYWORD_SHARE,
    keyword_share,
    matches,
    same_lemma,
)
from veracity.verify.passages import (
    NEAR_MISSES,
    RETRIEVE,
    Check,
    check,
    may_refer,
    names_in,
    persons_of,
    relevant,
    speakers_of,
    word_share,
)
from veracity.verify.question import Understood, understand, with_people
from veracity.verify.types import Claim, EventVerdict, Evidence, HistoryPoint, NearMiss, Verdict
from veracity.verify.words import negated, tells_denial

# Full-text hits examined for a claim that names no participant.
SEARCH_LIMIT = 50
# Documents the article-level stance model reads for one question at most: it
# analyses the whole article (about 20-30 ms for a PolNeAR article on the
# development machine), so this bounds its share of the latency of ``ask``.
MODEL_DOCS = 4
_COMMITTAL = frozenset({"asserts", "probable", "possible", "denies"})
# Documents whose sentences are checked as passages for one question at most.
PASSAGE_DOCS = 40


@dataclass(frozen=True)
class Found:
    """What the store holds about a claim, before any date filter."""

    claim: Claim
    mentions: tuple[Mention, ...]
    notes: tuple[str, ...] = ()
    understood: Understood | None = None
    near_misses: tuple[NearMiss, ...] = ()


def _day(published: str | None) -> str | None:
    d = parse_date(published)
    return d.isoformat() if d else None


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


def _evidence(ev: Event, doc: DocInfo, docs: dict[int, DocInfo], flip: bool = False,
              met: dict[str, bool] | None = None) -> list[Evidence]:
    counted = doc.copy_of is None or doc.copy_of not in docs
    return [Evidence(
        source=s.source, stance=_FLIP.get(s.stance, s.stance) if flip else s.stance,
        quote=s.quote, doc_id=doc.id, title=doc.title,
        published=doc.published, start=s.start, end=s.end, url=doc.url, outlet=doc.outlet,
        caption=ev.caption, cue=s.cue, first_hand=s.first_hand, source_kind=s.source_kind,
        speaks_for=s.speaks_for, counted=counted, copy_of=doc.copy_of, matches=met)
        for s in ev.stances]


def _model_evidence(claim: Claim, doc: DocInfo, text: str, docs: dict[int, DocInfo]
                    ) -> Evidence | None:
    got = model.article_stance(claim.text, text)
    if got is None:
        return None
    stance, quote, start, end, _score = got
    return Evidence(
        source=doc.outlet or "author", stance=stance, quote=quote, doc_id=doc.id,
        title=doc.title, published=doc.published, start=start, end=end, url=doc.url,
        outlet=doc.outlet, cue="article stance", source_kind="model",
        counted=doc.copy_of is None or doc.copy_of not in docs, copy_of=doc.copy_of,
        method="stance-model")


def _mention(ev: Event, sid: int, doc: DocInfo, evidence: list[Evidence]) -> Mention:
    return Mention(doc=doc, event_id=sid, lemma=ev.lemma, cls=ev.cls,
                   participants=ev.participants, time=ev.time, time_text=ev.time_text,
                   granularity=ev.time_granularity, interval=event_interval(ev), place=ev.place,
                   caption=ev.caption, evidence=evidence)


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
        real = [e for e in anchors if is_candidate_event(e)]
        if events and not real and nominal is None and not framed:
            continue
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


_FLIP = {"asserts": "denies", "denies": "asserts"}


def _passage_mention(a: _Accepted, claim: Claim, u: Understood, doc: DocInfo,
                     docs: dict[int, DocInfo]) -> Mention:
    p = a.passage
    counted = doc.copy_of is None or doc.copy_of not in docs
    flip = u.polarity == "negative"
    evidence: list[Evidence] = []
    # "Did Trump deny that Tyson was asked?" over a sentence that is only the
    # denial's content ("Tyson was not asked to speak"): a denial of it is the
    # denial asked about; nothing else there says whether one was made.
    content_only = asks_denial(u) and not tells_denial(p.text) \
        and not any(fits(e, u.predicate) for e in a.anchors)
    for e in a.anchors:
        for st in e.stances:
            if content_only and st.stance != "denies":
                continue
            stance = "asserts" if content_only else st.stance
            stance = _FLIP.get(stance, stance) if flip else stance
            evidence.append(Evidence(
                source=st.source, stance=stance, quote=st.quote, doc_id=doc.id,
                title=doc.title, published=doc.published, start=st.start, end=st.end,
                url=doc.url, outlet=doc.outlet, caption=e.caption, cue=st.cue,
                first_hand=st.first_hand, source_kind=st.source_kind,
                speaks_for=st.speaks_for, counted=counted, copy_of=doc.copy_of,
                matches=dict(a.check.matches)))
    if not a.anchors and a.framed:
        evidence += _framed_evidence(a, flip, doc, counted)
    elif not a.anchors:
        # No event word of the question in the sentence: its speaker's (else
        # the outlet's own) statement, negated or not.
        stance = "denies" if negated(p.text) else "asserts"
        # Whom the speaker speaks for, as the reader found it elsewhere in the sentence.
        speaks_for = next((st.speaks_for for e in a.events for st in e.stances
                           if st.source == a.speaker and st.speaks_for), None)
        evidence.append(Evidence(
            source=a.speaker or doc.outlet or "author", stance=_FLIP[stance] if flip else stance,
            quote=p.text, doc_id=doc.id, title=doc.title, published=doc.published,
            start=p.start, end=p.end, url=doc.url, outlet=doc.outlet, caption=p.caption,
            source_kind="named" if a.speaker else "author", speaks_for=speaks_for,
            counted=counted, copy_of=doc.copy_of, matches=dict(a.check.matches)))
    if "context" in a.check.via.values():
        # A sentence that only refers back to the event ("the meeting") takes
        # it for granted; only what its sources say of it counts.
        evidence = [e for e in evidence
                    if e.stance != "asserts" or (e.source_kind != "author" and a.anchors)]
    if a.anchors:
        timed = next((e for e in a.anchors if e.time), None)
    else:
        # A sentence stating the event by a noun is dated by its one date, if
        # it has one ("said that in 1998, ... not a blood clot").
        dated = [e for e in a.events if e.time]
        timed = dated[0] if len({e.time for e in dated}) == 1 else None
    time, time_text, granularity, span = (
        (timed.time, timed.time_text, timed.time_granularity, event_interval(timed)) if timed
        else (None, None, None, None))
    w = u.time
    if w is not None and w.resolved and w.text and w.start and w.end \
            and w.text.lower() in p.text.lower():
        # The sentence says the time asked in so many words ("in 2013").
        time, time_text, granularity, span = (
            window_value(w), w.text, w.granularity, (w.start, w.end))
    # The kind of event the sentence tells (a call, where "talk" was asked).
    cls = next((e.cls for e in a.anchors if e.cls != "generic" and e.cls in claim.classes),
               claim.cls)
    return Mention(
        doc=doc, event_id=-p.id, lemma=claim.predicate, cls=cls,
        participants=claim.participants or tuple(dict.fromkeys(
            x for e in a.anchors for x in e.participants)),
        time=time, time_text=time_text, granularity=granularity, interval=span,
        place=next((e.place for e in a.anchors if e.place), None), caption=p.caption,
        evidence=evidence, statement=True)


def _framed_evidence(a: _Accepted, flip: bool, doc: DocInfo, counted: bool) -> list[Evidence]:
    """Each source's stance on what the question asks, told as the content of
    what it says ("accused Holt of being a Democrat": the accuser asserts it;
    "denied that ...": denies); the outlet's own only through a factive."""
    out: list[Evidence] = []
    for att in a.framed:
        content = att.content.text if att.content else ""
        said = through(att.cue_class, ("CT", -1 if negated(content) else 1))
        stance = label(said)
        if stance == "uncommitted":
            continue
        source = att.source or doc.outlet or "author"
        kind = "author" if att.source is None else \
            "unnamed" if att.source.startswith("unnamed") else "named"
        out.append(Evidence(
            source=source, stance=_FLIP.get(stance, stance) if flip else stance,
            quote=a.passage.text, doc_id=doc.id, title=doc.title, published=doc.published,
            start=a.passage.start, end=a.passage.end, url=doc.url, outlet=doc.outlet,
            caption=a.passage.caption, cue=att.cue.text, source_kind=kind, counted=counted,
            copy_of=doc.copy_of, matches=dict(a.check.matches)))
    return out


def _reply_mention(q: Passage, source: str, matches: dict[str, bool], claim: Claim,
                   u: Understood, doc: DocInfo, docs: dict[int, DocInfo]) -> Mention:
    """A denial answering the sentence before it ("called the charges fabricated")."""
    flip = u.polarity == "negative"
    ev = Evidence(
        source=source or doc.outlet or "author", stance="asserts" if flip else "denies",
        quote=q.text, doc_id=doc.id, title=doc.title, published=doc.published,
        start=q.start, end=q.end, url=doc.url, outlet=doc.outlet, caption=q.caption,
        cue="denies what the sentence before reports",
        source_kind="named" if source and not source.startswith("unnamed") else
        "unnamed" if source else "author",
        counted=doc.copy_of is None or doc.copy_of not in docs, copy_of=doc.copy_of,
        matches=dict(matches))
    return Mention(doc=doc, event_id=q.id, lemma=claim.predicate, cls=claim.cls,
                   participants=claim.participants, time=None, time_text=None,
                   granularity=None, interval=None, place=None, caption=q.caption,
                   evidence=[ev], statement=True)


def _near_miss(a: _Accepted, doc: DocInfo) -> NearMiss:
    p = a.passage
    timed = next((e for e in a.anchors if e.time), None)
    return NearMiss(quote=p.text, doc_id=doc.id, title=doc.title, published=doc.published,
                    start=p.start, end=p.end, caption=p.caption,
                    missed=tuple(a.check.missed), matches=dict(a.check.matches),
                    time=timed.time if timed else None, outlet=doc.outlet)


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


def _relation(ev: EventVerdict, cluster: Cluster, claim: Claim) -> str:
    w = claim.time
    if w is None or not w.resolved or w.start is None or w.end is None:
        return "none"
    if cluster.interval is not None:
        return "match" if cluster.interval[0] <= w.end and w.start <= cluster.interval[1] \
            else "mismatch"
    first = cluster.earliest_published()
    # Reported before the asked-about time began: it cannot be that event.
    return "mismatch" if first is not None and first < w.start else "unknown"


def decide(question: str, found: Found, as_of: str | None = None) -> Verdict:
    """The verdict from what was found, using documents published by ``as_of`` only."""
    cutoff = _day(as_of) if as_of else None
    mentions = [m for m in found.mentions
                if cutoff is None or (m.doc.published is not None and m.doc.published <= cutoff)]
    scored: list[tuple[EventVerdict, Cluster]] = []
    for c in build_clusters(mentions):
        ev = event_verdict(c)
        if ev is not None:
            scored.append((replace(ev, time_match=_relation(ev, c, found.claim)), c))

    def recency(pair: tuple[EventVerdict, Cluster]) -> str:
        ev, c = pair
        return c.interval[1] if c.interval else c.latest_published()

    def weight(pair: tuple[EventVerdict, Cluster]) -> int:
        return sum(pair[0].sources.get(s, 0) for s in _COMMITTAL)

    matched = [p for p in scored if p[0].time_match in ("match", "none")]
    if not matched:
        matched = [p for p in scored if p[0].time_match == "unknown"]
    lead = None
    if matched:
        # Without a date for some candidate (an undated article's "last
        # Thursday"), recency cannot be compared: the most reported leads.
        if found.claim.time is not None or any(not recency(p) for p in matched):
            lead = max(matched, key=lambda p: (weight(p), recency(p)))
        else:
            lead = max(matched, key=lambda p: (recency(p), weight(p)))
    others = sorted((p for p in scored if p is not lead),
                    key=lambda p: (recency(p), weight(p)), reverse=True)
    events = ([replace(lead[0], lead=True)] if lead else []) + [p[0] for p in others]
    notes = list(found.notes)
    if found.claim.time is not None and not found.claim.time.resolved:
        notes.append(f"time {found.claim.time.text!r} could not be resolved")
    # Undated documents cannot be placed before or after a cutoff, so they are
    # left out of an as-of answer: said, since a date is easily given them.
    undated = sorted({m.doc.id for m in found.mentions
                      if cutoff is not None and m.doc.published is None})
    if undated:
        shown = ", ".join(map(str, undated[:10])) + (", …" if len(undated) > 10 else "")
        notes.append(f"left out as of {cutoff}: {len(undated)} undated document(s) ({shown}); "
                     "'veracity edit DOC_ID --published DATE' dates one")
    if not events:
        notes.append("nothing in the corpus speaks to this event")
    elif lead is None:
        notes.append("no matching event at the time asked about; other matching events listed")
    near = tuple(m for m in found.near_misses
                 if cutoff is None or (m.published is not None and m.published <= cutoff))
    understood = tuple(c.to_dict() for c in found.understood.constraints) \
        if found.understood else ()
    return Verdict(question=question, claim=found.claim,
                   verdict=lead[0].label if lead else "no_evidence", events=tuple(events),
                   as_of=cutoff, notes=tuple(notes), understood=understood,
                   near_misses=near)


def history_points(question: str, found: Found) -> list[HistoryPoint]:
    """The verdict after each publication date that brought evidence, in order."""
    by_date: dict[str | None, set[int]] = {}
    for m in found.mentions:
        by_date.setdefault(m.doc.published, set()).add(m.doc.id)
    dated = sorted(d for d in by_date if d is not None)
    out = [HistoryPoint(date=d, verdict=decide(question, found, as_of=d),
                        new_documents=len(by_date[d])) for d in dated]
    if None in by_date or not out:
        out.append(HistoryPoint(date=None, verdict=decide(question, found),
                                new_documents=len(by_date.get(None, ()))))
    return out
