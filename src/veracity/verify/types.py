"""What ``verify`` hands back: a claim, the events that match it, and a verdict.

These frozen dataclasses are the contract of ``veracity ask --format json``
and of the HTTP API (``POST /api/ask``): :meth:`Verdict.to_dict` is exactly
that JSON.  Keys are only ever added, never renamed or removed.

Offsets (``start``/``end``) are character offsets into the stored text of
document ``doc_id``, or into the text of its caption number ``caption`` when
that is not None (the reader reads photo captions apart from the article).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Label = Literal["confirmed", "reported", "disputed", "denied", "no_evidence"]
LABELS: tuple[str, ...] = ("confirmed", "reported", "disputed", "denied", "no_evidence")
# product.md's mapping of labels onto Emergent's claim veracity.
EMERGENT: dict[str, str] = {
    "confirmed": "true", "denied": "false", "reported": "unknown", "disputed": "unknown",
    "no_evidence": "unknown",
}
# How a cluster's time relates to the time the question asks about.
TimeRelation = Literal["match", "unknown", "mismatch", "none"]


@dataclass(frozen=True)
class TimeWindow:
    """An interval of days (ISO dates, inclusive) with the words that gave it."""

    start: str | None
    end: str | None
    text: str | None = None
    granularity: str | None = None  # day, week, month, year
    resolved: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """A question turned into something events can be matched against."""

    text: str  # the claim as a statement ("Trump talked to Putin")
    participants: tuple[str, ...]  # canonical names, as the question gives them
    predicate: str  # lemma of the event word ("talk")
    cls: str  # event class of the reader ("communicate", "phone_call", ...)
    classes: tuple[str, ...]  # stored classes this claim accepts ("talk": call, meeting)
    polarity: str = "positive"
    agent: str | None = None
    patient: str | None = None
    objects: tuple[str, ...] = ()  # lemmas of non-name objects ("territory", "war")
    keywords: tuple[str, ...] = ()  # content words for full-text search and overlap
    time: TimeWindow | None = None
    frame: str | None = None  # a wrapper verb around the event ("agree" in "agree to give up")
    # "Apple will release iOS 8.2": a claim about what will happen, which what
    # sources say will happen answers.
    future: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        cls = d.pop("cls")
        for k in ("participants", "classes", "objects", "keywords"):
            d[k] = list(d[k])
        # "class" right after "predicate", as in the events.
        out: dict[str, Any] = {}
        for k, v in d.items():
            out[k] = v
            if k == "predicate":
                out["class"] = cls
        return out


@dataclass(frozen=True)
class Evidence:
    """One source's stance toward an event, quoted from one document."""

    source: str
    stance: str  # asserts, probable, possible, denies, uncommitted, no_comment
    quote: str
    doc_id: int
    title: str | None
    published: str | None
    start: int
    end: int
    url: str | None = None
    outlet: str | None = None
    caption: int | None = None
    cue: str | None = None
    first_hand: bool = False
    source_kind: str = "named"  # author, named, unnamed, caption, model
    speaks_for: str | None = None
    # False when this document is a near-duplicate copy of one already counted
    # (a wire story reprinted): shown, but the source is counted once.
    counted: bool = True
    copy_of: int | None = None
    method: str = "reader"  # "reader", or "stance-model" for an article-level stance
    # How the quoted sentence meets each constraint of the question (constraint
    # text -> met); None for the stance model's article-level evidence.
    matches: dict[str, bool] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NearMiss:
    """A sentence about the question's words that misses a named part of it."""

    quote: str
    doc_id: int
    title: str | None
    published: str | None
    start: int
    end: int
    caption: int | None
    missed: tuple[str, ...]  # the constraints it does not meet
    matches: dict[str, bool] = field(default_factory=dict)
    time: str | None = None
    outlet: str | None = None

    @property
    def summary(self) -> str:
        when = f", {self.time}" if self.time else (f", {self.published}" if self.published
                                                    else "")
        return f"no match on {', '.join(self.missed)}; closest: \"{self.quote}\"{when}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["missed"] = list(self.missed)
        d["summary"] = self.summary
        return d


@dataclass(frozen=True)
class EventVerdict:
    """One real-world event (a cluster of mentions) and its verdict."""

    label: str
    predicate: str
    cls: str
    participants: tuple[str, ...]
    time: str | None
    time_text: str | None
    time_granularity: str | None
    place: str | None
    summary: str  # "phone call between Donald Trump and Vladimir Putin, 2024-11-07"
    reason: str  # why this label, in words
    evidence: tuple[Evidence, ...]
    lead: bool = False
    time_match: str = "none"
    sources: dict[str, int] = field(default_factory=dict)  # independent sources per stance
    documents: tuple[int, ...] = ()
    mentions: int = 0
    # A disputed event's lean by the weight of its sources ("true", "false"), or None.
    lean: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "summary": self.summary, "reason": self.reason,
            "predicate": self.predicate, "class": self.cls,
            "participants": list(self.participants), "time": self.time,
            "time_text": self.time_text, "time_granularity": self.time_granularity,
            "place": self.place, "lead": self.lead, "time_match": self.time_match,
            "sources": dict(self.sources), "documents": list(self.documents),
            "mentions": self.mentions, "lean": self.lean,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Verdict:
    """The answer to a question: the lead label and every matching event."""

    question: str
    claim: Claim
    verdict: str  # the lead event's label, or no_evidence
    events: tuple[EventVerdict, ...]  # lead first (when there is one), then the others
    as_of: str | None = None
    notes: tuple[str, ...] = ()
    # The question's parts, each checked against every candidate sentence.
    understood: tuple[dict[str, Any], ...] = ()
    near_misses: tuple[NearMiss, ...] = ()

    @property
    def lead(self) -> EventVerdict | None:
        return self.events[0] if self.events and self.events[0].lead else None

    @property
    def lean(self) -> str | None:
        """The lead event's lean when it is disputed ("true", "false")."""
        return self.lead.lean if self.lead else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "claim": self.claim.to_dict(),
            "verdict": self.verdict,
            "lean": self.lean,
            "as_of": self.as_of,
            "events": [e.to_dict() for e in self.events],
            "notes": list(self.notes),
            "understood": [dict(c) for c in self.understood],
            "near_misses": [m.to_dict() for m in self.near_misses],
        }


@dataclass(frozen=True)
class HistoryPoint:
    """The verdict as it stood once the documents of one date were published."""

    date: str | None  # None: every document, dated or not
    verdict: Verdict
    new_documents: int

    def to_dict(self) -> dict[str, Any]:
        lead = self.verdict.lead
        return {"date": self.date, "verdict": self.verdict.verdict,
                "new_documents": self.new_documents,
                "lead": lead.summary if lead else None,
                "sources": dict(lead.sources) if lead else {}}
