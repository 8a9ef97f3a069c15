"""Evidence as passages: what the question asks, checked part by part.

The event frame (a class and its participants) misses most of what news says
in other words: "mishandling of classified information", "never came up",
"neither the nominee nor her campaign helped".  So the question is also read
as a set of **constraints** (``question.understand``), and every sentence the store
retrieves for it is checked against each of them (:func:`check`):

* ``name``: every person, organisation and place the question names, by its
  scope: in the sentence (who did what to whom: the full name, a surname, a
  country's other names, "he"/"she" for the person just named, the speaker of
  a first-person quotation, the text before when the sentence refers back),
  near it (a place or the party of a phrase), in the document (a name that
  modifies a thing), or not required (a name inside a description of
  someone else);
* ``number`` and ``quote``: every amount and every quoted word;
* ``said``: for a speech act, the verb of what was said, with its polarity;
* ``time``: recorded, not required: a mention at another time is another event;
* ``words``: most of the rest of the question (the predicate weighs most,
  settings and subordinate clauses least), by stem or listed synonym, or a
  meaning close to the question's (sentence vectors, ``dense``).

A sentence that meets every required constraint is evidence; its sources'
stances come from the reader's events in that sentence (``anchors.anchor_events``),
so a sentence that negates the claim counts against it.  One that fits the
words but misses a required constraint is a **near miss**, shown, never
counted ("no match on Oslo").

This module holds the checks; the question is read in ``question`` (its names
in ``names``), a sentence's events chosen in ``anchors``, words compared in
``words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx
from veracity.read.types import Analysis
from veracity.store.base import Passage
from veracity.verify.question import Constraint, Understood
from veracity.verify.words import (
    _DEFINITE,
    _DENIAL_STEMS,
    _NEGATORS,
    _SYNONYM_STEMS,
    _WORD,
    _has_form,
    _stems,
    _words,
    related,
    stem,
    tells_denial,
)

# Sentences retrieved by full-text search for one question.
RETRIEVE = 150
# Share of the question's words (weighted: the predicate most, the setting
# least) a sentence must hold to be about the question, unless its meaning is
# close anyway (MiniLM cosine with the question as a statement).  Chosen on the
# PolNeAR dev questions.
WORD_SHARE = 0.6
SIMILARITY = 0.7
# Near misses shown at most.
NEAR_MISSES = 3


@dataclass
class Check:
    """How one passage meets each constraint."""

    passage: Passage
    matches: dict[str, bool] = field(default_factory=dict)  # constraint text -> met
    share: float = 0.0
    similarity: float | None = None
    via: dict[str, str] = field(default_factory=dict)  # how a name was met (pronoun ...)
    optional: set[str] = field(default_factory=set)

    @property
    def missed(self) -> list[str]:
        return [k for k, ok in self.matches.items() if not ok and k not in self.optional]

    @property
    def met(self) -> bool:
        return not self.missed


def _has_number(low: str, form: str) -> bool:
    """A number as a word or with a headline's unit letters ("72m", "$2bn", "5k")."""
    return re.search(r"(?<![\w])" + re.escape(form) + r"(?:m|mn|bn|b|k)?(?![\w])", low) is not None


def word_share(u: Understood, text: str) -> float:
    """Weighted share of the question's words in ``text`` (a phrasal predicate
    counts with its particle only: "came up", not "comes a day before")."""
    words, stems = _stems(text)
    total = got = 0.0
    missing_event = bool(u.predicate)
    for term, w in zip(u.terms, u.weights, strict=True):
        total += w
        before = got
        if term == u.predicate and term in _DENIAL_STEMS:
            # "Did X deny ...?": any word of denial or falsity says so
            # ("called the reports nonsense", "rejected the claim").
            if tells_denial(text):
                got += w
        elif term == u.predicate and u.particle:
            if any(related(term, x) and u.particle in words[k + 1:k + 4]
                   for k, x in enumerate(words)):
                got += w
        elif term in stems or any(related(term, s) for s in stems):
            got += w
        if term == u.predicate and got > before:
            missing_event = False
    share = got / total if total else 0.0
    if missing_event:
        # Without the event's word the other words are the setting, not the
        # event ("a heated debate about immigration" is not immigration
        # coming up in the debate); only the meaning can still match.
        share = min(share, WORD_SHARE - 0.01)
    return share


# Characters around a sentence where a "near" constraint (a place, a party of
# a phrase) may be met: about the paragraphs around it.
NEAR_CHARS = 1200
# Characters before a sentence that say whom it refers back to.
CONTEXT_CHARS = 400
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


def _quoted(text: str) -> bool:
    """A quotation, whose speaker the text before names."""
    return text.lstrip()[:1] in ('"', "“", "‘", "'") or "“" in text


def speakers_of(analysis: Analysis | None, p: Passage) -> set[str]:
    """Who the reader found saying a sentence (sources of attributions whose
    content overlaps it)."""
    if analysis is None:
        return set()
    return {a.source for a in analysis.attributions
            if a.source and a.caption == p.caption and a.content is not None
            and a.cue_class != "no_comment"
            and a.content.start < p.end and p.start < a.content.end}


_THIRD_PERSON = gz.MALE_PRONOUNS | gz.FEMALE_PRONOUNS


def persons_of(analysis: Analysis | None) -> list[tuple[int, str]]:
    """(offset, canonical name) of every mention of a person in an article, in order."""
    if analysis is None:
        return []
    return sorted((m.start, e.name) for e in analysis.entities if e.kind == "person"
                  for m in e.mentions)


def _pronoun_refers(p: Passage, persons: list[tuple[int, str]], n: Constraint) -> bool:
    """Whether a "he" or "she" in the sentence most likely means ``n``: the reader
    resolved it to ``n``, else the person mentioned last before it is ``n``."""
    for m in _WORD.finditer(p.text):
        if m.group().lower() not in _THIRD_PERSON:
            continue
        at = p.start + m.start()
        last = [name for start, name in persons if start <= at]
        return bool(last) and any(_has_form(last[-1].lower(), f) for f in n.forms)
    return False


def check(u: Understood, p: Passage, doc_text: str, published: str | None,
          event_interval: tuple[str, str] | None,
          persons: list[tuple[int, str]] | None = None,
          similarity: float | None = None, speakers: set[str] | None = None) -> Check:
    """Each constraint of ``u`` against passage ``p``; ``doc_text`` is the text its
    offsets point into (the article, or its caption), ``persons`` the people it
    mentions (:func:`persons_of`)."""
    c = Check(passage=p)
    low = p.text.lower()
    doc_low = doc_text.lower()
    near = doc_low[max(0, p.start - NEAR_CHARS):p.end + NEAR_CHARS]
    before = doc_low[max(0, p.start - CONTEXT_CHARS):p.start]
    pronoun_used = False
    for n in u.names:
        ok = any(_has_form(low, f) for f in n.forms)
        if not ok and n.scope in ("near", "optional"):
            ok = any(_has_form(near, f) for f in n.forms)
        elif not ok and n.scope == "document":
            ok = any(_has_form(doc_low, f) for f in n.forms)
        elif not ok and not pronoun_used and persons and not gz.country_of(n.text) \
                and _pronoun_refers(p, persons, n):
            # "he", "she": the person the text just named.
            ok = pronoun_used = True
            c.via[n.text] = "pronoun"
        if not ok and n.scope == "sentence" and speakers and set(_words(p.text)) & _FIRST_PERSON \
                and any(_has_form(x.lower(), f) for x in speakers for f in n.forms):
            # "I have made the decision", said by the person asked about.
            ok = True
            c.via[n.text] = "speaker"
        if not ok and n.scope == "sentence" and n.titles and any(
                re.search(r"\bthe (?:[a-z.-]+ )?" + re.escape(t) + r"\b", low) for t in n.titles) \
                and any(_has_form(doc_low[:p.start], f) for f in n.forms):
            # "the president declined ...", in an article that named him before.
            ok = True
            c.via[n.text] = "title"
        if not ok and n.scope == "sentence" and n.description \
                and re.search(r"\b" + re.escape(n.description) + r"\b", low) \
                and any(_has_form(doc_low[:p.start], f) for f in n.forms):
            # "helped a former Miss Universe", in an article that named her.
            ok = True
            c.via[n.text] = "description"
        if not ok and n.scope == "sentence" and (refers_back(u, p.text) or _quoted(p.text)) \
                and any(_has_form(before, f) for f in n.forms):
            # "The Kremlin denied that the conversation took place", or a
            # quotation: the sentence before says whose.
            ok = True
            c.via[n.text] = "context"
        c.matches[n.text] = ok
        if not n.required:
            c.optional.add(n.text)
    for n in u.numbers:
        where = low if n.scope == "sentence" else doc_low if n.scope == "document" else near
        c.matches[n.text] = any(_has_number(where, f) or _has_number(where.replace(",", ""), f)
                                for f in n.forms)
    near_words = " ".join(_words(near))
    for q in u.quotes:
        c.matches[q.text] = q.forms[0] in near_words
    if u.said is not None:
        c.matches[f"what was said ({u.said.text})"] = said_in(u.said, p.text)
    w = u.time
    if w is not None and w.resolved and w.start and w.end:
        if w.text and w.text.lower() in low:
            ok = True
        elif event_interval is not None:
            ok = event_interval[0] <= w.end and w.start <= event_interval[1]
        else:
            # Undated in the sentence: a report cannot precede what it reports.
            ok = published is None or published >= w.start
        # Recorded, not required: a mention at another time is another event,
        # which the clusters keep apart and list under the answer.
        c.matches[w.text or "time"] = ok
        c.optional.add(w.text or "time")
    c.share = word_share(u, p.text)
    c.similarity = similarity
    c.matches["words"] = relevant(c.share, similarity)
    return c


def said_in(c: Constraint, text: str) -> bool:
    """Whether a sentence says the content verb, with the same polarity."""
    words = _words(text)
    for k, w in enumerate(words):
        if related(c.forms[0], stem(w)):
            negative = any(x in _NEGATORS for x in words[max(0, k - 3):k])
            return negative == (c.forms[1] == "negative")
    return False


# A call, a meeting and a conversation may be named by one another afterwards.
_TALK_STEMS = frozenset(w for g in _SYNONYM_STEMS if g & {"talk", "call", "meet"} for w in g)
# Report nouns without their plural "s": "such reports", "the allegation".
_REPORT_HEADS = frozenset(n.rstrip("s") for n in lx.REPORT_NOUNS)


def refers_back(u: Understood, text: str) -> bool:
    """Whether a sentence speaks of the event as already named: "the
    conversation", "such reports", "the allegation"."""
    for m in _DEFINITE.finditer(text):
        head = stem(m.group(1))
        if (u.predicate and (related(u.predicate, head) or (
                u.predicate in _TALK_STEMS and head in _TALK_STEMS))) \
                or m.group(1).lower().rstrip("s") in _REPORT_HEADS:
            return True
    return False


def names_in(u: Understood, text: str) -> bool:
    """Whether a whole text names every required party, amount and quote of the
    question somewhere."""
    low = text.lower()
    words = " ".join(_words(text))
    return all(any(_has_form(low, f) for f in c.forms) for c in (*u.names, *u.numbers)
               if c.required) and all(q.forms[0] in words for q in u.quotes)


def may_refer(u: Understood, c: Check, p: Passage) -> bool:
    """Whether a sentence that misses only people by name may still name them by
    a pronoun (checked again with the document's people)."""
    people = {n.text for n in u.names if n.scope == "sentence" and not gz.country_of(n.text)}
    return bool(c.missed) and set(c.missed) <= people and len(c.missed) == 1 \
        and bool(set(_words(p.text)) & (_THIRD_PERSON | _FIRST_PERSON))


def relevant(share: float, similarity: float | None) -> bool:
    """Whether a sentence is about the question: its words, or its meaning
    with at least one of its words (a short sentence naming the same person
    is close in meaning whatever happened to them: "Wren dead" to "Wren
    retired", 0.79)."""
    return share >= WORD_SHARE or (
        share > 0 and similarity is not None and similarity >= SIMILARITY)
