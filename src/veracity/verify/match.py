"""Does a stored event mention the event a claim is about?

A mention matches when

* it is a real event, or one somebody denies: future, intended, conditional
  and hypothetical events are not events ("said he would end the war" never
  makes "Did Trump end the war?" true), but a proposal its would-be agent
  rejects is evidence that it did not happen ("a prospect Kyiv has rejected");
  questions never match;
* its word fits the claim's: the same lemma (or a close form: "elect" /
  "election", "die" / "death"), or a class the claim accepts ("talk" accepts a
  call or a meeting, "phone" only a call); broad classes (attack, give, ...)
  need the claim's object word in the quote too ("give up *territory*");
* every participant the claim names takes part (aliases: surnames, a
  government and its institutions); for directed classes the agent is the
  claim's agent ("Russia gave Ukraine" is not "Ukraine gave Russia"); symmetric
  classes (talk, call, meet, agree) match either way round;
* a claim naming nobody ("a woman lost her eye ...") needs most of its content
  words in the quote instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from veracity.candidates import is_candidate_event
from veracity.read.events import SYMMETRIC
from veracity.read.types import Event
from veracity.verify.aliases import same_entity
from veracity.verify.types import Claim

# Share of a claim's content words that must be in a mention's sentence when the
# claim names no participant.  Calibrated on the Emergent *training* claims
# (headline-length documents): 0.5 kept most claim-headline pairs Emergent
# marks as about the claim while dropping headlines of other claims in the
# same store; it is never reached by the named-participant path.
KEYWORD_SHARE = 0.5
# The same for "say" claims: how much of what was said must be in the quote.
SAID_SHARE = 0.5
# Classes too broad to match on class alone when the claim names an object.
BROAD = frozenset({"attack", "give", "agree", "reject", "elect", "arrest", "resign", "visit",
                   "generic", "say"})
# Words that are the same event though their lemmas differ.
_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"die", "death", "dead", "pass"}),
    frozenset({"talk", "speak", "talks", "conversation", "chat", "converse", "discuss",
               "discussion"}),
    frozenset({"phone", "call", "telephone", "phonecall", "ring"}),
    frozenset({"meet", "meeting", "summit", "sit-down"}),
    frozenset({"invade", "invasion"}),
    frozenset({"end", "stop", "finish", "halt"}),
    frozenset({"win", "victory"}),
    frozenset({"resign", "resignation", "quit", "step"}),
    frozenset({"arrest", "detain", "detention"}),
    frozenset({"kill", "murder", "slay"}),
    frozenset({"agree", "agreement", "deal"}),
    frozenset({"sign", "signing"}),
    frozenset({"ban", "prohibit", "outlaw"}),
    frozenset({"marry", "marriage", "wed", "wedding"}),
    frozenset({"acquire", "acquisition", "buy", "purchase", "takeover"}),
)
_WORD = re.compile(r"[\w'’-]+")


def same_lemma(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if any(a in g and b in g for g in _SYNONYMS):
        return True
    # Derived forms: "elect" / "election", "resign" / "resignation".
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short)


@lru_cache(maxsize=512)
def words_of(text: str) -> frozenset[str]:
    """The lower-case words of a text (kept for the documents asked about
    again, question after question or claim after claim)."""
    return frozenset(w.lower().strip("'’") for w in _WORD.findall(text))


def _has_word(words: frozenset[str], word: str) -> bool:
    w = word.lower()
    if w in words:
        return True
    # Plurals and simple inflections without a stemmer: "territories", "eyes".
    stem = w[:-1] if w.endswith("y") else w
    return len(stem) >= 4 and any(x.startswith(stem) and len(x) - len(stem) <= 3 for x in words)


def keyword_share(keywords: Sequence[str], text: str) -> float:
    if not keywords:
        return 0.0
    words = words_of(text)
    return sum(_has_word(words, k) for k in keywords) / len(keywords)


def _kind_fits(claim: Claim, ev: Event) -> bool:
    # A class the claim rules out stays out whatever the word: "talk on the
    # phone" is a call, so a caption's "talks" at a meeting is not one.
    if claim.cls not in ("generic", "say") and ev.cls != "generic" \
            and ev.cls not in claim.classes:
        return False
    if same_lemma(claim.predicate, ev.lemma) or same_lemma(claim.predicate, ev.predicate):
        return True
    if claim.cls in ("generic", "say"):
        return claim.cls == "say" and ev.cls == "say"
    return ev.cls in claim.classes


def _participants_fit(claim: Claim, ev: Event, names: dict[str, set[str]]) -> bool:
    for asked in claim.participants:
        aliases = names.get(asked, {asked})
        if not any(p.lower() in aliases or same_entity(asked, p) for p in ev.participants):
            return False
    # Only an agent the reader resolved to an entity can contradict the one
    # asked; a common noun ("the committee") may still be them.
    if claim.agent and ev.agent and ev.agent in ev.participants \
            and claim.cls not in SYMMETRIC and ev.cls not in SYMMETRIC:
        aliases = names.get(claim.agent, {claim.agent})
        if not (ev.agent.lower() in aliases or same_entity(claim.agent, ev.agent)):
            return False
    return True


def matches(claim: Claim, ev: Event, names: dict[str, set[str]]) -> bool:
    """Whether ``ev`` is a mention of the event ``claim`` asks about.

    ``names`` maps each claim participant to the lower-case stored names that
    are that entity (from :func:`veracity.verify.aliases.stored_names`).
    """
    if not is_candidate_event(ev) or not _kind_fits(claim, ev):
        return False
    if claim.participants:
        if not _participants_fit(claim, ev, names):
            return False
    elif keyword_share(claim.keywords, ev.quote) < KEYWORD_SHARE:
        return False
    if claim.cls == "say":
        said = [k for k in claim.keywords if not any(same_entity(p, k) for p in
                                                    claim.participants)]
        said = [k for k in said if not same_lemma(k, claim.predicate)]
        if said and keyword_share(said, ev.quote) < SAID_SHARE:
            return False
    if claim.objects and (claim.cls in BROAD or ev.cls in BROAD):
        words = words_of(ev.quote) | words_of(ev.patient or "")
        if not all(_has_word(words, o) for o in claim.objects):
            return False
    return True
