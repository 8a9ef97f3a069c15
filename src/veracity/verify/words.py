"""Words as the verifier compares them: stems, related words, word forms in a
text, and the small vocabularies (negation, denial, light verbs) that the
question's reading (``question``), the checks on sentences (``passages``) and
the choice of a sentence's events (``anchors``) share."""

from __future__ import annotations

import re
from functools import lru_cache

from veracity.read import lexicon as lx
from veracity.verify.claim import _PAST
from veracity.verify.match import _SYNONYMS

_WORD = re.compile(r"[\w'’.-]*\w")
# Words calling what a sentence tells false ("victim of another death hoax"):
# fewer than the reader's ``lx.FALSITY_WORDS``, whose "wrong" or "absurd" in a
# sentence do not make it deny what it tells.
FALSITY = frozenset({"untrue", "false", "hoax", "hoaxes", "hoaxer", "fake", "faked", "debunked",
                     "bogus", "fabricated", "fabrication"})
# Words that make a sentence say the opposite of what it holds.
_NEGATION = FALSITY | frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody",
                                 "none", "nothing", "without", "denied", "denies", "deny",
                                 "refused"})
# Past tenses to their verb: "paid" ~ "pay".
_IRREGULAR = {past: base for base, past in _PAST.items() if past != base} | {
    "been": "be", "was": "be", "were": "be", "gone": "go", "given": "give", "taken": "take",
    "spoken": "speak", "written": "write", "seen": "see", "known": "know", "done": "do",
    "chosen": "choose", "stolen": "steal", "broken": "break", "driven": "drive"}
# Suffixes stripped to compare words without a stemmer: "mishandling" ~ "mishandle".
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ied", "ies", "ed",
             "es", "er", "s", "e", "y")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    w = word.lower().strip("'’.")
    w = w.removesuffix("'s").removesuffix("’s")
    w = _IRREGULAR.get(w, w)
    if len(w) == 4 and w.endswith("ied"):
        w = w[:-1]  # "died", "lied", "tied"
    for suffix in _SUFFIXES:
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue  # "discuss", "status", "analysis" are no plurals
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ed", "ing") and w[-1] == w[-2] and w[-1] in "bgmnpt":
                w = w[:-1]  # "grabbed", "planning": "grab", "plan"
            break
    # "rate" / "rated" / "rating" all end as "rat".
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


# Three-letter words that end compounds ("handgun", "airbus", "warship").
_SHORT_WORDS = frozenset({"gun", "bus", "car", "war", "tax", "ban", "job", "law", "oil", "gas",
                          "man", "men", "aid", "pay", "fee", "bid", "map", "cup", "box"})
_SYNONYM_STEMS: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(w) for w in g) for g in _SYNONYMS)


@lru_cache(maxsize=262144)
def related(a: str, b: str) -> bool:
    """Two word stems that name the same thing (same stem, a synonym, a derivation)."""
    if a == b:
        return True
    if any(a in g and b in g for g in _SYNONYM_STEMS):
        return True
    short, long_ = sorted((a, b), key=len)
    # Derivations ("elect" / "election") and compounds ("gun" / "handgun"); a
    # three-letter stem only as a whole word ("rat", from "ratings", is not
    # the end of "democrat").
    if len(short) >= 5 and long_.startswith(short):
        return True
    return long_.endswith(short) and len(long_) - len(short) >= 3 and (
        len(short) >= 4 or short in _SHORT_WORDS)


_LIGHT_VERBS = frozenset({"have", "give", "make", "take", "get", "do", "hold", "be"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _has_form(low: str, form: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", low) is not None


@lru_cache(maxsize=65536)
def _stems(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The stems of a sentence's words, in order and as a set (sentences come
    back question after question)."""
    words = tuple(stem(w) for w in _words(text))
    return words, frozenset(words)


_DENIAL_STEMS = frozenset(stem(w) for w in lx.DENIAL_VERBS | lx.DISCREDITING_WORDS
                          | {"denial", "false", "nonsense"})


_DEFINITE = re.compile(r"\b(?:the|this|that|such|these|those)\s+(?=([a-z][\w-]*))",
                       re.IGNORECASE)


def tells_denial(text: str) -> bool:
    """Whether a sentence has a word of denial or falsity ("called the reports
    nonsense", "rejected the claim")."""
    return bool(_stems(text)[1] & _DENIAL_STEMS)


def negated(text: str) -> bool:
    return bool(set(_words(text)) & _NEGATION)


# Auxiliaries opening a question before its subject ("Is Putin dead"), told
# without the tagger: not "will", "would", "do" or "had", which also open
# names, orders and conditions ("Will Smith", "Do not", "Had he known").
_ASKING = lx.QUESTION_OPENERS - {"do", "had", "will", "would"}


def asks(text: str) -> bool:
    """Whether a sentence is a question, with or without its question mark
    (headlines drop it: "Did Rudd help tackle the man")."""
    words = _words(text)
    return text.rstrip().endswith("?") or (
        len(words) > 1 and words[0] in _ASKING and words[1] not in _NEGATORS)
