"""What was found about a claim (:class:`Found`) to a verdict: clusters of
its mentions, each judged, the lead chosen by the time asked about, as of a
date (:func:`decide`), and the verdict after each date (:func:`history_points`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from veracity.verify.cluster import Cluster, Mention, build_clusters, event_verdict
from veracity.verify.dates import _day
from veracity.verify.question import Understood
from veracity.verify.types import Claim, EventVerdict, HistoryPoint, NearMiss, Verdict

# Stances that commit a source on the event, one way or the other.
_COMMITTAL = frozenset({"asserts", "probable", "possible", "denies"})


@dataclass(frozen=True)
class Found:
    """What the store holds about a claim, before any date filter."""

    claim: Claim
    mentions: tuple[Mention, ...]
    notes: tuple[str, ...] = ()
    understood: Understood | None = None
    near_misses: tuple[NearMiss, ...] = ()


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
