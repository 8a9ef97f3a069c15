"""A checked sentence's events and sources as the question sees them: the
events it is about (:func:`anchor_events`, :func:`fits`), the attributions
framing what it asks (:func:`framing`), a sentence naming the event by a noun
(:func:`states_nominally`), and the denials in the sentences after it
(:func:`answering_denials`)."""

from __future__ import annotations

from veracity.read import lexicon as lx
from veracity.read.types import Analysis, Attribution, Event
from veracity.store.base import Passage
from veracity.verify.question import Understood
from veracity.verify.words import (
    _DEFINITE,
    _DENIAL_STEMS,
    _LIGHT_VERBS,
    _NEGATORS,
    _WORD,
    FALSITY,
    _words,
    negated,
    related,
    stem,
)

# What a denial points back with: "denied it", "called the charges fabricated".
_BACK_PRONOUNS = frozenset({"it", "this", "that"})
_BACK_NOUNS = frozenset({"charge", "charges", "allegation", "allegations", "accusation",
                         "accusations", "claim", "claims", "report", "reports", "story",
                         "stories", "rumor", "rumors", "rumour", "rumours"})
# Sentences after an evidence sentence where a denial pointing back is its
# answer: a pronoun points to what was just said, a noun ("the charges") to
# the account of the paragraphs before.
FOLLOWING = 2
FOLLOWING_NOUN = 6


def answering_denials(analysis: Analysis | None, p: Passage) -> list[tuple[Passage, str]]:
    """Sentences just after ``p`` that deny what it says without repeating it
    ("The Trump campaign called the charges unsubstantiated and fabricated"),
    each with who denies (the source of its attribution, else the outlet: "")."""
    if analysis is None:
        return []
    after = sorted((sp for c, sp in analysis.sentence_spans
                    if c == p.caption and sp.start >= p.end), key=lambda sp: sp.start)
    out = []
    for k, sp in enumerate(after[:FOLLOWING_NOUN]):
        words = set(_words(sp.text))
        if k < FOLLOWING:
            back = bool(words & (_BACK_NOUNS | _BACK_PRONOUNS))
        else:
            back = any(m.group(1).lower() in _BACK_NOUNS for m in _DEFINITE.finditer(sp.text))
        if not back or not ({stem(w) for w in words} & _DENIAL_STEMS):
            continue
        source = next((a.source for a in analysis.attributions
                       if a.caption == p.caption and sp.start <= a.cue.start < sp.end
                       and a.source and a.cue_class != "other"), "")
        if not source:
            # "Velatron called the accusations unsubstantiated": who calls or denies.
            source = next((e.agent for e in analysis.events
                           if e.caption == p.caption and e.start == sp.start and e.agent
                           and (e.lemma == "call" or stem(e.lemma) in _DENIAL_STEMS)), "")
        out.append((Passage(id=-(p.id * 10 + k + 1), doc_id=p.doc_id, caption=p.caption,
                            start=sp.start, end=sp.end, text=sp.text), source))
    return out


def events_in(analysis: Analysis | None, p: Passage) -> list[Event]:
    if analysis is None:
        return []
    return [e for e in analysis.events if e.caption == p.caption and e.start == p.start]


def fits(e: Event, term: str) -> bool:
    """Whether an event is of the question's predicate; for "Did X deny ...?"
    any act of denial is ("rejected", "discredited", "dismissed")."""
    words = (e.lemma, *e.predicate.split())
    if term in _DENIAL_STEMS:
        return any(stem(w) in _DENIAL_STEMS for w in words)
    return any(related(term, stem(w)) for w in words)


def asks_denial(u: Understood) -> bool:
    """Whether the question asks if someone denied something."""
    return u.predicate in _DENIAL_STEMS


def states_nominally(u: Understood, events: list[Event], p: Passage) -> str | None:
    """How a sentence that names the question's event as a thing, not by a
    verb of its own, stands on it: "asserts" ("including the dispatching of
    55,000 volunteers"), "denies" when the noun itself is negated ("is not an
    endorsement", "no bid materialized"), None when it does not name it so or
    negates something else."""
    if not u.predicate or u.predicate in _LIGHT_STEMS \
            or any(fits(e, u.predicate) for e in events):
        return None
    words = _words(p.text)
    at = [k for k, w in enumerate(words) if related(u.predicate, stem(w))]
    if not at:
        return None
    for k in at:
        j = k - 1
        while j >= 0 and words[j] in _NOUN_NEGATION_GAP:
            j -= 1
        if j >= 0 and words[j] in _NEGATORS:
            return "denies"
    if set(words) & FALSITY:
        return "denies"  # "victim of another death hoax", "fake death report"
    return None if negated(p.text) else "asserts"


# What may stand between a negation and the event noun it negates: "no bid",
# "is not an endorsement", "does not constitute an endorsement" (but "would
# not accept Cruz's endorsement" negates the accepting).
_NOUN_NEGATION_GAP = frozenset({"a", "an", "the", "any", "such", "constitute", "constitutes",
                                "amount", "amounts", "to", "represent", "represents", "mean",
                                "means", "be", "been"})


def framing(u: Understood, analysis: Analysis | None, p: Passage) -> list[Attribution]:
    """The attributions of a sentence whose content holds the word the question
    asks about, innermost first: "Trump accused Holt of being a Democrat" gives
    Trump's accusation for "Is Holt a Democrat?"."""
    if analysis is None:
        return []
    key = next((t for t, w in zip(u.terms, u.weights, strict=True) if w >= 2.0), u.predicate)
    if not key:
        return []
    at = [p.start + m.start() for m in _WORD.finditer(p.text) if related(key, stem(m.group()))]
    # A cue only the attribution model found ("other") says no stance.
    out = [a for a in analysis.attributions
           if a.caption == p.caption and a.content is not None and not a.anaphoric
           and a.cue_class != "other"
           and p.start <= a.cue.start < p.end
           and any(a.content.start <= k < a.content.end for k in at)]
    return sorted(out, key=lambda a: a.content.end - a.content.start if a.content else 0)


def inside(a: Attribution, e: Event) -> bool:
    """Whether event ``e`` is told in the content of attribution ``a``."""
    return a.content is not None and e.predicate_start is not None \
        and a.content.start <= e.predicate_start < a.content.end


def anchor_events(u: Understood, events: list[Event], p: Passage) -> list[Event]:
    """The events of a sentence the question is about: those of the question's
    predicate, else the event nearest each of the question's core words in it."""
    if u.predicate:
        own = [e for e in events if fits(e, u.predicate)]
        if own:
            return own
    # Saying and reporting verbs carry their sources' stances to what they
    # report; they stand for the question's event only when it is a saying.
    if u.predicate not in _SAYING:
        events = [e for e in events if e.cls != "say" and lx.cue_class(e.lemma) is None]
    placed = [e for e in events if e.predicate_start is not None]
    if not placed:
        return []
    out: list[Event] = []
    for m in _WORD.finditer(p.text):
        s = stem(m.group())
        if not any(related(t, s) for t, w in zip(u.terms, u.weights, strict=True) if w >= 1):
            continue
        at = p.start + m.start()
        # The verb before a word governs it more often than the one after.
        before = [e for e in placed if at - NEAREST_CHARS <= (e.predicate_start or 0) <= at]
        after = [e for e in placed if at < (e.predicate_start or 0) <= at + NEAREST_CHARS // 2]
        near = max(before, key=lambda e: e.predicate_start or 0) if before else \
            min(after, key=lambda e: e.predicate_start or 0) if after else None
        if near is not None and near not in out:
            out.append(near)
    # No event word of the question ("Was X against the war?"): what the
    # sentence tells.
    return out or events


_LIGHT_STEMS = frozenset(stem(w) for w in _LIGHT_VERBS)
_SAYING = frozenset(stem(w) for w in lx.NEUTRAL_REPORT_VERBS | lx.DENIAL_VERBS
                    | lx.FACTIVE_VERBS | lx.DISTANCING_VERBS | {"call"})
# How far (characters) an event word may be from a question word it stands for.
NEAREST_CHARS = 60
