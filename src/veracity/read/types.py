"""What the reader produces for one document.

The shapes mirror the JSON of ``veracity read --format json`` (a contract used by
benchmarks and other tools): a top-level ``events`` list, each event with its
``stances``.  Offsets are character offsets into the document text, or into the
text of caption number ``caption`` when that field is not None.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from typing import Any, Literal

StanceLabel = Literal["asserts", "probable", "possible", "denies", "uncommitted", "no_comment"]
Modality = Literal["actual", "future", "intended", "conditional", "hypothetical", "question"]
Polarity = Literal["positive", "negative"]

# The author of a document speaks as this source name unless the outlet is known.
AUTHOR = "author"


@dataclass(frozen=True)
class Stance:
    """A source's stance toward an event, with the words that show it."""

    source: str
    stance: str
    cue: str | None
    quote: str
    start: int
    end: int
    # True when the source is a participant of the event or speaks for one
    # (a spokesperson of a participating government).
    first_hand: bool = False
    # "author", "named", "unnamed" (reports, officials), "caption".
    source_kind: str = "named"
    # Whom the source speaks for: "Kremlin" for its spokesperson, "Donald Trump"
    # for "Trump's team"; None when the source speaks for itself.
    speaks_for: str | None = None


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def _record_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for any other type."""
    return _names(cls) if is_dataclass(cls) else None


_PLAIN = frozenset({str, int, float, bool, type(None)})


def asdict(obj: Any) -> Any:
    """``dataclasses.asdict`` for these frozen records of plain values: the same
    dicts, tuples and lists, without deep-copying every string (storing an
    analysis spent 90 ms of its 150 there, in ``copy.deepcopy``)."""
    kind: type = type(obj)
    if kind in _PLAIN:  # the common case first, by exact type
        return obj
    if kind is tuple or kind is list:
        return kind(asdict(x) for x in obj)
    names = _record_names(kind)
    if names is not None:
        return {n: asdict(getattr(obj, n)) for n in names}
    if isinstance(obj, str | int | float) or obj is None:
        return obj
    if isinstance(obj, tuple | list):
        return type(obj)(asdict(x) for x in obj)
    if isinstance(obj, dict):
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return obj


def event_dict(ev: Any) -> dict[str, Any]:
    """An event-like dataclass (``cls``, ``participants``, ``stances``) as JSON:
    ``class`` for ``cls``, lists for tuples."""
    d: dict[str, Any] = {}
    kind: type = type(ev)
    for n in _names(kind):
        if n == "participants":
            d[n] = list(ev.participants)
        elif n == "stances":
            d[n] = [asdict(s) for s in ev.stances]
        elif n != "cls":
            d[n] = asdict(getattr(ev, n))
    d["class"] = ev.cls  # keys in the order of the fields, "class" last, as ever
    return d


@dataclass(frozen=True)
class Event:
    id: str
    predicate: str
    lemma: str
    cls: str
    participants: tuple[str, ...]
    time: str | None
    time_text: str | None
    modality: str
    polarity: str
    quote: str
    start: int
    end: int
    stances: tuple[Stance, ...] = ()
    agent: str | None = None
    patient: str | None = None
    place: str | None = None
    time_granularity: str | None = None  # day, week, month, year
    time_resolved: bool = True  # False: relative expression with no publication date
    caption: int | None = None  # index of the caption this event was read from
    # Offsets of the predicate word itself (start/end above are the quote's).
    predicate_start: int | None = None
    predicate_end: int | None = None
    # The trained model's view of whether it happened, as the text tells it:
    # −3 (it did not) … +3 (it did), UW's conventions; None when read by the
    # rules alone.
    factuality: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return event_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        d["cls"] = d.pop("class")
        d["participants"] = tuple(d["participants"])
        d["stances"] = tuple(Stance(**s) for s in d.get("stances", ()))
        return cls(**d)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """source -> cue -> content (PolNeAR style); ``parent`` nests attributions."""

    id: str
    source: str | None  # canonical source name
    source_span: Span | None
    cue: Span
    content: Span | None
    cue_class: str  # neutral, factive, denial, distancing, hedge, belief, no_comment
    parent: str | None = None
    caption: int | None = None
    # True when the content points back instead of being stated ("such reports
    # were pure fiction", "a prospect Kyiv rejected"): the reader linked it to
    # the events it refers to.
    anaphoric: bool = False
    # The content's pieces when the cue splits it ('"…," he said, "…"');
    # ``content`` then runs from the first piece to the last.  Empty when the
    # content is one piece.
    content_parts: tuple[Span, ...] = ()
    # Found by the hand-written rules only: the trained model does not take
    # this for an attribution cue.  Its stances stand (the rules' reading).
    rules_only: bool = False


@dataclass(frozen=True)
class Entity:
    id: str
    name: str  # canonical name
    kind: str  # person, org, gov, place, group
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Analysis:
    events: tuple[Event, ...]
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    reader_version: str = ""
    notes: tuple[str, ...] = ()  # e.g. "time: 'last Thursday' unresolved, no publication date"
    # Every sentence of three words or more: (caption or None, span).
    sentence_spans: tuple[tuple[int | None, Span], ...] = ()

    def sentences(self) -> list[tuple[int | None, int, int, str]]:
        """(caption, start, end, text) of each sentence, in reading order: the
        passages the verifier retrieves (those holding an event, for analyses
        stored before sentences were kept)."""
        seen = {(-1 if e.caption is None else e.caption, e.start, e.end, e.quote)
                for e in self.events}
        seen |= {(-1 if c is None else c, sp.start, sp.end, sp.text)
                 for c, sp in self.sentence_spans}
        return [(None if c < 0 else c, a, b, q) for c, a, b, q in sorted(seen)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": [e.to_dict() for e in self.events],
            "attributions": [asdict(a) for a in self.attributions],
            "entities": [asdict(e) for e in self.entities],
            "reader_version": self.reader_version,
            "notes": list(self.notes),
            "sentences": [{"caption": c, **asdict(sp)} for c, sp in self.sentence_spans],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        def span(x: dict[str, Any] | None) -> Span | None:
            return Span(**x) if x else None

        attributions = tuple(
            Attribution(
                **{
                    **a,
                    "source_span": span(a.get("source_span")),
                    "cue": Span(**a["cue"]),
                    "content": span(a.get("content")),
                    "content_parts": tuple(Span(**x) for x in a.get("content_parts", ())),
                }
            )
            for a in d.get("attributions", ())
        )
        entities = tuple(
            Entity(**{**e, "mentions": tuple(Span(**m) for m in e.get("mentions", ()))})
            for e in d.get("entities", ())
        )
        return cls(
            events=tuple(Event.from_dict(e) for e in d.get("events", ())),
            attributions=attributions,
            entities=entities,
            reader_version=d.get("reader_version", ""),
            notes=tuple(d.get("notes", ())),
            sentence_spans=tuple((x.get("caption"), Span(x["start"], x["end"], x["text"]))
                                 for x in d.get("sentences", ())),
        )
