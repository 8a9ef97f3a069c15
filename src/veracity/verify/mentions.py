"""Mentions of the event asked about, each with its evidence (a source, its
stance and its quote): from an event frame, an accepted sentence, a denial
answering one, or the article stance model; and the near misses shown."""

from __future__ import annotations

from veracity.candidates import TOLD_AHEAD
from veracity.read.stances import label, through
from veracity.read.types import Event, Stance
from veracity.store.base import Passage
from veracity.verify import model
from veracity.verify.anchors import asks_denial, fits
from veracity.verify.cluster import DocInfo, Mention
from veracity.verify.dates import event_interval, window_value
from veracity.verify.question import Understood
from veracity.verify.retrieve import _Accepted
from veracity.verify.types import Claim, Evidence, NearMiss
from veracity.verify.words import negated, tells_denial


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


_FLIP = {"asserts": "denies", "denies": "asserts"}


def predicted(st: Stance, e: Event) -> str:
    """A source's stance on what an event told as future says will happen
    ("Apple will release iOS 8.2 on Monday, sources said": the sources assert
    the release is coming; "will not hold an event": denies it). The reader
    leaves every source uncommitted on whether a future event happened; the
    outlet relaying someone ("sources said") stays so."""
    if e.modality not in TOLD_AHEAD or st.stance != "uncommitted" \
            or (st.source_kind == "author" and st.cue):
        return st.stance
    return "denies" if e.polarity == "negative" else "asserts"


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
            stance = "asserts" if content_only else predicted(st, e) if claim.future \
                else st.stance
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
