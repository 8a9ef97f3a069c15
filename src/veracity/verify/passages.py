"""Evidence as passages: what the question asks, checked part by part.

The event frame (a class and its participants) misses most of what news says
in other words: "mishandling of classified information", "never came up",
"neither the nominee nor her campaign helped".  So the question is also read
as a set of **constraints** (:func:`understand`), and every sentence the store
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
stances come from the reader's events in that sentence (:func:`anchor_events`),
so a sentence that negates the claim counts against it.  One that fits the
words but misses a required constraint is a **near miss**, shown, never
counted ("no match on Oslo").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx
from veracity.read.types import Analysis, Attribution, Event
from veracity.store.base import Passage
from veracity.verify.claim import _FRAMES, _PAST, WRAPPERS, interval, parse, past_tense
from veracity.verify.match import _SYNONYMS
from veracity.verify.types import Claim, TimeWindow

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

_WORD = re.compile(r"[\w'’.-]*\w")
_NUMBER_ENTS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
# Words too common to say what a question is about.
_LIGHT = frozenset({"be", "do", "have", "get", "make", "take", "give",
                    "true", "actually", "really", "ever", "also", "still", "just", "anyone",
                    "anything", "someone", "something", "it", "that", "this", "there", "time",
                    "instead", "before", "after", "when", "while", "first", "whether"})
# Words that make a sentence say the opposite of what it holds.
_NEGATION = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none",
                       "nothing", "without", "denied", "denies", "deny", "false", "refused"})
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


@dataclass(frozen=True)
class Constraint:
    """One part of a question a sentence must meet."""

    kind: str  # name, number, time, words
    text: str  # as the question says it
    forms: tuple[str, ...] = ()  # lower-case forms, any of which meets it
    person: bool = False
    # Where it must be found: "sentence" (who did what to whom), "near" (the
    # sentence or the text around it: places, venues), "document" (the
    # document: a name modifying a thing, "the U.S. invasion"), or
    # "optional" for a name that only describes someone else ("NBC anchor
    # Lester Holt", "Ted Cruz's father"): shown and checked, never required.
    scope: str = "sentence"
    # The person's titles as the question gives them ("President Obama"): a
    # sentence may name them by the title alone ("the president declined").
    titles: tuple[str, ...] = ()
    # How the question describes the person ("former Miss Universe Alicia
    # Machado"): a sentence of an article that named them before may call them
    # so instead ("helped a former Miss Universe get citizenship").
    description: str = ""

    @property
    def required(self) -> bool:
        return self.scope != "optional"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "forms": list(self.forms),
                "scope": self.scope}


@dataclass(frozen=True)
class Understood:
    """The question as constraints."""

    names: tuple[Constraint, ...]
    numbers: tuple[Constraint, ...]
    terms: tuple[str, ...]  # word stems, the predicate's first
    weights: tuple[float, ...]  # one per term: predicate 2, core words 1, adjuncts less
    predicate: str  # its stem
    time: TimeWindow | None
    polarity: str
    statement: str = ""  # the question as a statement, for sentence similarity
    words: tuple[str, ...] = ()  # the terms as the question writes them
    particle: str = ""  # the predicate's particle ("came *up*"), needed with it
    quotes: tuple[Constraint, ...] = ()  # words the question quotes
    said: Constraint | None = None  # what a speech act says ("said Apple would *quit*")
    # (country, title) of each description of a person ("the Kenyan president").
    descriptions: tuple[tuple[str, str], ...] = ()

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        out = [*self.names, *self.numbers, *self.quotes]
        if self.said is not None:
            out.append(self.said)
        if self.time is not None and self.time.resolved:
            out.append(Constraint("time", self.time.text or "",
                                  (self.time.start or "", self.time.end or "")))
        out.append(Constraint("words", " ".join(self.words or self.terms), self.terms))
        return tuple(out)

    def search_terms(self) -> list[str]:
        words = [f for c in self.names for f in c.forms]
        words += [f for c in self.numbers for f in c.forms]
        words += list(self.terms)
        for t in self.terms:
            for g, stems in zip(_SYNONYMS, _SYNONYM_STEMS, strict=True):
                if t in stems:
                    words += sorted(g)
        return words


def _country_forms(country: str) -> set[str]:
    out = {country.lower()}
    for table in (gz.COUNTRY_VARIANTS, gz.DEMONYMS, gz.CAPITALS):
        out.update(k for k, v in table.items() if v == country)
    out.update(v[0].lower() for v in gz.INSTITUTIONS.values() if v[1] == country)
    return out


# Words of organisation and place names that name nothing on their own.
_GENERIC_NAME_WORDS = frozenset({
    "university", "department", "services", "service", "court", "supreme", "state", "states",
    "united", "national", "committee", "house", "senate", "congress", "party", "campaign",
    "foundation", "city", "county", "new", "north", "south", "east", "west", "office",
    "agency", "bureau", "council", "network", "news", "times", "post", "first", "center",
    "centre", "group", "company", "corporation", "republican", "democratic", "president",
})
# Capitalised words that say what someone is, not who: words of the question.
_KIND_WORDS = frozenset({"democrat", "democrats", "republican", "republicans", "libertarian",
                         "independent", "conservative", "liberal", "socialist", "communist",
                         "christian", "muslim", "jewish", "catholic", "green"})
# Words opening a clause or phrase that only sets the scene of the question.
_SUBORDINATORS = frozenset({"when", "before", "after", "while", "because", "although",
                            "though", "since", "until", "whereas", "if", "who", "which",
                            "whom", "whose", "where"})
_LIGHT_VERBS = frozenset({"have", "give", "make", "take", "get", "do", "hold", "be"})
_AUX_OPENERS = frozenset({"did", "does", "do", "has", "have", "had", "is", "are", "was", "were",
                          "will", "would", "can", "could", "should"})


def _number_forms(text: str) -> tuple[str, ...]:
    digits = re.findall(r"\d[\d,.]*\d|\d", text)
    out: set[str] = set()
    for d in digits:
        out.add(d)
        out.add(d.replace(",", ""))
    return tuple(sorted(out))


# Abbreviated titles by the word a sentence uses alone ("Sen. Cruz", "the senator").
_TITLE_WORDS = {"sen.": "senator", "rep.": "representative", "gov.": "governor",
                "gen.": "general", "pres.": "president", "dr.": "doctor", "dr": "doctor"}
# Words among the titles that name nobody alone.
_NOT_TITLES = frozenset({"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "former", "vice", "deputy",
                         "foreign", "defense", "defence"})


def _strip_name(toks: list[Any]) -> list[Any]:
    toks = [t for t in toks if not t.is_punct or t.text == "."]
    while toks and (toks[0].lower_ in ("the", "a", "an", "former", "miss", "mr.", "mrs.", "ms.")
                    or toks[0].lower_ in gz.PERSON_TITLES
                    or toks[0].lower_.rstrip(".") in gz.PERSON_TITLES):
        toks = toks[1:]
    while toks and toks[-1].lower_ in ("'s", "’s", "'", "’"):
        toks = toks[:-1]
    return toks


def _scope(doc: Any, first: int, last: int, person_spans: list[tuple[int, int]],
           predicate_i: int | None) -> str:
    """Where a name at tokens first..last must be found (see :class:`Constraint`)."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    prev = doc[first - 1] if first > 0 else None
    # An apposition after a person ("Rafael Cruz, Ted Cruz's father,") or a
    # modifier of the noun before a person ("NBC anchor ... Lester Holt").
    if prev is not None and prev.text == "," and any(b == first - 2 for _, b in person_spans):
        return "optional"
    if nxt is not None and (nxt.lower_ in ("'s", "’s") or nxt.pos_ in ("NOUN", "ADJ")
                            or nxt.text == "-"):
        k = last + 1
        while k < len(doc) and k - last <= 6 and doc[k].pos_ in ("NOUN", "ADJ", "CCONJ",
                                                                  "PART", "PUNCT", "PROPN"):
            if any(a == k for a, _ in person_spans) or doc[k].lemma_.lower() in _PERSON_NOUNS:
                # "NBC anchor Lester Holt", "a Florida woman", "a Texas
                # prosecutor": who someone is, not what happened.
                return "optional"
            k += 1
        # "Charlotte police", "the U.S. invasion", "Trump's tax filings": said
        # of a thing the sentence may name without it.
        return "document"
    # Inside a prepositional phrase or a subordinate clause: the setting.
    for k in range(first - 1, -1, -1):
        t = doc[k]
        if predicate_i is not None and k == predicate_i:
            break
        if t.pos_ == "ADP" and t.lower_ in ("with", "to") and predicate_i is not None \
                and 0 < t.i - predicate_i <= 2:
            return "sentence"  # "talked to Putin", "met with Xi": the other party
        if t.lower_ == "by" and predicate_i is not None and predicate_i < t.i and any(
                c.dep_ == "auxpass" for c in doc[predicate_i].children):
            return "sentence"  # "was hired ... by Fox News": the agent of a passive
        if t.pos_ == "ADP" and t.lower_ not in ("of",) or t.lower_ in _SUBORDINATORS:
            return "near"
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in _AUX_OPENERS:
            break
    return "sentence"


# Nouns for a person that a place before them describes ("a Florida woman").
_PERSON_NOUNS = gz.PEOPLE_NOUNS | gz.PERSON_TITLES | gz.MALE_WORDS | gz.FEMALE_WORDS | frozenset({
    "man", "woman", "boy", "girl", "teen", "teenager", "kid", "child", "couple", "family",
    "mom", "dad", "pupil", "driver", "owner", "patient", "athlete", "player", "fan"})
_FUNCTION_WORDS = frozenset({"at", "of", "the", "and", "or", "to", "a", "an", "any", "in", "on",
                             "for", "from", "with", "by", "'s", "’s"})


_NEGATORS = frozenset({"not", "n't", "never", "no"})
_EMPHASIS = frozenset({"actually", "really", "truly", "indeed", "ever"})


def _description(doc: Any, a: int, toks: list[Any], described: set[int]) -> str:
    """The nouns just before a person's name that say who they are, as one
    phrase ("Miss Universe" in "former Miss Universe Alicia Machado", where the
    tagger may take "Universe" into the name), when specific enough to stand
    for them: two words or more, or a proper noun."""
    words = [t for t in doc[:a] if t.i in described] + toks[:-2]
    run: list[Any] = []
    for t in reversed(words):
        if t.pos_ not in ("NOUN", "PROPN") or (run and t.i != run[-1].i - 1):
            break
        run.append(t)
    run.reverse()
    if all(t.lower_ in gz.PERSON_TITLES for t in run):
        return ""  # "President Putin": a title, which ``titles`` handles
    if len(run) >= 2 or any(t.pos_ == "PROPN" for t in run):
        return " ".join(t.lower_ for t in run[-2:])
    return ""


def _descriptions(doc: Any) -> tuple[tuple[str, str], ...]:
    """(country, title) of each "Kenyan president", "the US president-elect",
    "Norway's prime minister" in a question."""
    out: list[tuple[str, str]] = []
    for t in doc:
        if t.lower_ not in gz.PERSON_TITLES or t.lower_ in ("former", "vice", "deputy"):
            continue
        title = t.lower_
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "minister":
            continue  # "prime" of "prime minister"
        k = t.i - 1
        if title == "minister" and k >= 0 and doc[k].lower_ in ("prime", "foreign"):
            title, k = f"{doc[k].lower_} minister", k - 1
        if title == "elect" and k >= 1 and doc[k].text == "-":
            title, k = "president-elect", k - 2
        while k >= 0 and doc[k].lower_ in ("'s", "’s", "the"):
            k -= 1
        country = gz.country_of(doc[k].text) if k >= 0 else None
        if country and (country, title) not in out:
            out.append((country, title))
    return tuple(out)


def with_people(u: Understood, people: dict[tuple[str, str], str | None]) -> Understood:
    """``u`` asking for the person each description resolved to ("Grace Wanjiru"
    for "the Kenyan president") instead of the country; an unresolved one asks
    for the country."""
    names = list(u.names)
    for (country, _title), person in people.items():
        if person:
            names = [c for c in names if gz.country_of(c.text) != country]
            words = person.split()
            names.append(Constraint("name", person, tuple(sorted({person.lower(),
                                                                   words[-1].lower()})),
                                    person=True))
        elif not any(gz.country_of(c.text) == country for c in names):
            names.append(Constraint("name", country, tuple(sorted(_country_forms(country)))))
    return replace(u, names=tuple(names))


def _said_constraint(doc: Any, predicate_i: int | None) -> Constraint | None:
    """For "Did X say (that) Y would quit Z?": the verb of what was said, with its
    polarity ("would never leave" is not "would quit")."""
    if predicate_i is None or doc[predicate_i].lemma_.lower() not in lx.NEUTRAL_REPORT_VERBS:
        return None
    content = next((c for c in doc[predicate_i].children
                    if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
    if content is None or content.lemma_.lower() in _LIGHT_VERBS:
        return None
    negative = any(c.lower_ in _NEGATORS for c in content.children)
    return Constraint("said", f"{'not ' if negative else ''}{content.text}",
                      (stem(content.text), "negative" if negative else "positive"),
                      scope="sentence")


def said_in(c: Constraint, text: str) -> bool:
    """Whether a sentence says the content verb, with the same polarity."""
    words = _words(text)
    for k, w in enumerate(words):
        if related(c.forms[0], stem(w)):
            negative = any(x in _NEGATORS for x in words[max(0, k - 3):k])
            return negative == (c.forms[1] == "negative")
    return False


def _verb_tagged_as_noun(asked: Any, verbs: list[Any], verb: Any | None
                         ) -> Any | None:
    """A verb the tagger took for a noun before the one it took for the verb:
    "Did X or her campaign help Y become a citizen?" tags *help* a noun and
    *become* the verb.  A bare noun right after another noun is tried in the
    past tense; it is the verb when the statement then parses around it."""
    for t in verbs:
        if verb is not None and t.i >= verb.i:
            return None
        prev = asked[t.i - 1]
        if t.tag_ != "NN" or prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ == "compound" \
                or any(c.dep_ in ("det", "poss", "amod") for c in t.children):
            continue
        words = [x.text_with_ws for x in asked[1:-1]]
        words[t.i - 1] = past_tense(t.text) + t.whitespace_
        doc = parse("".join(words))
        if any(x.dep_ == "ROOT" and x.tag_ == "VBD" and x.idx == sum(
                len(w) for w in words[:t.i - 1]) for x in doc):
            return t
    return None


def _question_doc(claim: Claim, question: str) -> tuple[Any, int | None]:
    """The question as a statement, parsed ("Did Trump rate ...?" -> "Trump rated
    ...": the small model tags the verb of a question as a noun more often than
    not), and the character offset of its verb when the question showed it."""
    text = _FRAMES.sub("", question.strip(), count=1).strip().rstrip("?").strip()
    if not text:
        return parse(claim.text), None
    # Tagged as asked, with its question mark: the tagger reads "Did Trump call
    # Putin?" right and "Did Trump call Putin" wrong.
    asked = parse(text + "?")
    first = asked[0].lower_
    if first not in _AUX_OPENERS or len(asked) < 4:
        return parse(text), None
    words = [t.text_with_ws for t in asked[:-1]]
    words[0] = ""
    verb_i: int | None = None
    shift = 0  # characters the auxiliary adds before the verb
    verbs = [t for t in asked[1:] if t.text.isalpha() and t.text.islower()
             and t.lower_ not in _FUNCTION_WORDS and t.lower_ not in _EMPHASIS]
    if first in ("did", "do", "does"):
        verb = next((t for t in verbs if t.tag_ in ("VB", "VBP")), None)
        verb = verb or next((t for t in verbs if t.lemma_.lower() == claim.predicate), None)
        if first == "did":
            verb = _verb_tagged_as_noun(asked, verbs, verb) or verb
        if verb is not None and verb.i > 1:
            words[verb.i] = (past_tense(verb.text) if first == "did" else verb.text) \
                + verb.whitespace_
            verb_i = verb.i
    else:
        # "Has X endorsed", "Was X held", "Is X investigating": the auxiliary
        # goes back before the participle ("X has endorsed").
        verb = next((t for t in verbs if t.tag_ in ("VBN", "VBG", "VBD")), None)
        if verb is not None and verb.i > 1:
            words[verb.i] = f"{first} {verb.text_with_ws}"
            verb_i, shift = verb.i, len(first) + 1
    for t in asked[:-1]:
        if t.lower_ in _EMPHASIS and t.pos_ == "ADV" and t.i != verb_i:
            words[t.i] = ""  # "did he actually ...": stress, not content
    out = "".join(words)
    lead = len(out) - len(out.lstrip())
    out = out.strip()
    verb_at = sum(len(w) for w in words[:verb_i]) + shift - lead if verb_i is not None else None
    return parse(out[:1].upper() + out[1:]), verb_at


def understand(claim: Claim, question: str) -> Understood:
    """The constraints of a question, from its own words (tags and entities, which
    the small model gets right on questions more often than the tree).
    Descriptions ("the Kenyan president") are listed for :func:`with_people`."""
    doc, verb_at = _question_doc(claim, question)
    used: set[int] = set()
    spans: list[tuple[int, int, str]] = []  # first, last, label
    for ent in doc.ents:
        used.update(range(ent.start, ent.end))
        spans.append((ent.start, ent.end - 1, ent.label_))
    i = 0
    while i < len(doc):
        t = doc[i]
        if i not in used and t.pos_ == "PROPN" and t.text[:1].isupper():
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and j + 1 not in used:
                j += 1
            spans.append((i, j, ""))
            used.update(range(i, j + 1))
            i = j + 1
            continue
        i += 1
    spans.sort()
    persons = [(a, b) for a, b, label in spans if label == "PERSON"]
    # The predicate: the statement's main verb, else the claim's event word;
    # the noun a light verb takes ("give an interview").
    root = next(iter(doc.sents)).root
    pred_stem = stem(claim.predicate)
    verb_i = next((t.i for t in doc if t.idx == verb_at), None) if verb_at is not None else None
    predicate_i: int | None = verb_i if verb_i is not None else root.i \
        if root.pos_ == "VERB" else next((t.i for t in doc if stem(t.lemma_) == pred_stem
                                          or stem(t.text) == pred_stem), None)
    wrapper_i: int | None = None
    if predicate_i is not None and doc[predicate_i].lemma_ in WRAPPERS:
        # "agree to give up territory" asks about giving up territory.
        inner = next((t for t in doc[predicate_i + 1:predicate_i + 4] if t.pos_ == "VERB"), None)
        if inner is not None:
            wrapper_i, predicate_i = predicate_i, inner.i
    particle = predicate_i is not None and predicate_i + 1 < len(doc) \
        and doc[predicate_i + 1].dep_ == "prt"
    if predicate_i is not None and doc[predicate_i].lemma_ in _LIGHT_VERBS and not particle:
        obj = next((t for t in doc[predicate_i + 1:] if t.pos_ == "NOUN"
                    and t.i not in used), None)
        if obj is not None and not any(d.pos_ == "ADP" for d in doc[predicate_i + 1:obj.i]):
            predicate_i = obj.i
    # Descriptions of someone named next to them ("NBC anchor and debate
    # moderator Lester Holt", "Rafael Cruz, Ted Cruz's father,") say who, not what.
    described: set[int] = set()
    named = [a for a, _b, label in spans if label not in ("DATE", "TIME", "ORDINAL")
             and label not in _NUMBER_ENTS]
    for a in named:
        # "the Russian state-funded TV network RT", "former Miss Universe Alicia
        # Machado": the words before a name that say what it is (participles
        # too: "state-funded").
        k = a - 1
        while k >= 0 and (doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT")
                          or doc[k].dep_ == "amod") \
                and doc[k].text not in (",", "(", ")") and k != predicate_i \
                and doc[k].lower_ not in _SUBORDINATORS:
            described.add(k)
            k -= 1
    for _a, b in persons:
        if b + 1 < len(doc) and doc[b + 1].text == ",":
            k = b + 2
            while k < len(doc) and doc[k].text != "," and k - b < 8:
                described.add(k)
                k += 1
    names: list[Constraint] = []
    numbers: list[Constraint] = []
    time = claim.time
    for a, b, label in spans:
        toks = list(doc[a:b + 1])
        if label in ("DATE", "TIME"):
            nxt = doc[b + 1] if b + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and time is not None \
                    and time.text and time.text in doc[a:b + 1].text:
                # "1995 tax filings", "the Sept. 11 ceremony": a modifier, not
                # the time of the event.
                time = None
                forms = _number_forms(doc[a:b + 1].text)
                if forms:
                    numbers.append(Constraint("number", doc[a:b + 1].text, forms, scope="near"))
            continue
        if label == "ORDINAL":
            continue
        if label in _NUMBER_ENTS:
            forms = _number_forms(doc[a:b + 1].text)
            if forms:
                numbers.append(Constraint("number", doc[a:b + 1].text, forms,
                                          scope=_scope(doc, a, b, [], predicate_i)))
            continue
        if label == "NORP":
            continue
        whole = toks
        toks = _strip_name(toks)
        if not toks or (len(toks) == 1 and toks[0].lower_ in _KIND_WORDS):
            continue
        k = a
        while k > 0 and doc[k - 1].lower_ in gz.PERSON_TITLES:
            k -= 1  # "President Obama", the title outside the name
        titles = tuple(_TITLE_WORDS.get(t.lower_, t.lower_)
                       for t in [*doc[k:a], *whole[:whole.index(toks[0])]]
                       if t.lower_ in gz.PERSON_TITLES and t.lower_ not in _NOT_TITLES)
        text = " ".join(t.text for t in toks).replace(" - ", "-")
        person = label == "PERSON"
        name_forms = {text.lower()}
        country = gz.country_of(text)
        scope = _scope(doc, a, b, persons, predicate_i)
        if country and (scope == "sentence" or text.lower() not in gz.CAPITALS):
            # A country by any of its names; a capital only where it acts for
            # its government ("Moscow denied"), not where it is a place ("in Oslo").
            name_forms |= _country_forms(country)
        elif len(toks) > 1:
            if person:
                name_forms.add(toks[-1].lower_)
            else:
                name_forms.update(t.lower_ for t in toks if len(t) >= 4
                             and t.lower_ not in _GENERIC_NAME_WORDS and t.text[:1].isupper())
        if "-" in text:  # "Trump-Clinton": each name
            name_forms.update(w.lower() for w in text.split("-") if w)
        names.append(Constraint("name", text, tuple(sorted(name_forms)), person=person,
                                scope=scope, titles=titles if person else (),
                                description=_description(doc, a, toks, described)
                                if person else ""))
    # Negation of the question itself: "paid nothing", "never apologized".
    polarity = claim.polarity
    # Only those of the predicate itself: "said Apple would never leave" does
    # not negate the saying.
    negators = [t for t in doc if t.lower_ in ("not", "n't", "never", "nothing", "nobody", "no")
                and not any(x.lower_ in _SUBORDINATORS for x in doc[:t.i])
                and (predicate_i is None or t.i < predicate_i or t.head.i == predicate_i)]
    if negators and polarity == "positive":
        polarity = "negative"
    copular = predicate_i is None or doc[predicate_i].lemma_ == "be"
    # Words, weighted by their part in the question.
    terms: list[str] = []
    weights: list[float] = []
    shown: list[str] = []  # the words as the question has them
    region = 1.0
    pp = False
    quoted = False
    for t in doc:
        if t.text in ("'", '"', "“", "”", "‘", "’"):
            quoted = not quoted
        if t.lower_ in _SUBORDINATORS and t.i > 0:
            region = 0.3
        if t.pos_ == "ADP" and t.dep_ != "prt" and not quoted:
            pp = True
        elif t.pos_ in ("VERB", "AUX") or t.is_punct:
            pp = False
        kind = t.lower_ in _KIND_WORDS
        if (t.i in used and not kind) or t.is_punct or t in negators \
                or t.is_stop and not quoted and t.i != predicate_i:
            continue
        if t.pos_ not in ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM") and not quoted:
            continue
        lemma = t.lemma_.lower()
        if t.i != predicate_i and (lemma in _LIGHT or lemma in gz.PERSON_TITLES
                                   or lemma in _LIGHT_VERBS) or len(lemma) < 2:
            continue
        s = stem(t.text)
        if t.i == predicate_i or (copular and kind):
            w = 2.0
        elif t.i == wrapper_i:
            w = 0.5
        elif t.i in described:
            w = 0.2
        else:
            w = region * (0.5 if pp and not quoted else 1.0)
        if s in terms:
            k = terms.index(s)
            weights[k] = max(weights[k], w)
            continue
        terms.append(s)
        weights.append(w)
        shown.append(t.text)
    if predicate_i is not None and predicate_i in used:
        predicate = ""
    elif predicate_i is not None:
        t = doc[predicate_i]
        predicate = stem(t.text)
    else:
        predicate = ""
    if predicate in terms:
        k = terms.index(predicate)
        terms.insert(0, terms.pop(k))
        shown.insert(0, shown.pop(k))
        weights.insert(0, 2.0)
        weights.pop(k + 1)
    said = _said_constraint(doc, predicate_i)
    seen: set[str] = set()
    unique = []
    for c in names:
        if c.text.lower() not in seen:
            seen.add(c.text.lower())
            unique.append(c)
    return Understood(names=tuple(unique), numbers=tuple(numbers), terms=tuple(terms),
                      weights=tuple(weights), predicate=predicate, time=time,
                      polarity=polarity, statement=doc.text, words=tuple(shown),
                      particle=doc[predicate_i + 1].lower_ if particle and predicate_i is not None
                      else "", quotes=_quote_constraints(doc.text, unique), said=said,
                      descriptions=_descriptions(doc))


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


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _has_form(low: str, form: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", low) is not None


def _has_number(low: str, form: str) -> bool:
    """A number as a word or with a headline's unit letters ("72m", "$2bn", "5k")."""
    return re.search(r"(?<![\w])" + re.escape(form) + r"(?:m|mn|bn|b|k)?(?![\w])", low) is not None


@lru_cache(maxsize=65536)
def _stems(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The stems of a sentence's words, in order and as a set (sentences come
    back question after question)."""
    words = tuple(stem(w) for w in _words(text))
    return words, frozenset(words)


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


_DENIAL_STEMS = frozenset(stem(w) for w in lx.DENIAL_VERBS | lx.DISCREDITING_WORDS
                          | {"denial", "false", "nonsense"})
_QUOTED = re.compile(r"(?<!\w)['\"“‘]([^'\"“”‘’]{2,80}?)['\"”’](?!\w)")


def _quote_constraints(text: str, names: list[Constraint]) -> tuple[Constraint, ...]:
    """Words the question quotes ("'deplorables'"): said words, needed as said.
    A quoted title already checked as a name is not asked twice."""
    out = []
    for m in _QUOTED.finditer(text):
        words = " ".join(_words(m.group(1)))
        if words and not any(words == c.text.lower() or words in c.forms for c in names):
            out.append(Constraint("quote", m.group(1), (words,), scope="near"))
    return tuple(out)


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


_DEFINITE = re.compile(r"\b(?:the|this|that|such|these|those)\s+(?=([a-z][\w-]*))",
                       re.IGNORECASE)


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


def relevant(share: float, similarity: float | None) -> bool:
    """Whether a sentence is about the question: its words, or its meaning."""
    return share >= WORD_SHARE or (similarity is not None and similarity >= SIMILARITY)


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


def tells_denial(text: str) -> bool:
    """Whether a sentence has a word of denial or falsity ("called the reports
    nonsense", "rejected the claim")."""
    return bool(_stems(text)[1] & _DENIAL_STEMS)


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
    out = [a for a in analysis.attributions
           if a.caption == p.caption and a.content is not None and not a.anaphoric
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


def window_value(w: TimeWindow) -> str | None:
    """The ISO value of a time window at its granularity ("2013", "2016-09")."""
    if w.start is None:
        return None
    return {"year": w.start[:4], "month": w.start[:7]}.get(w.granularity or "day", w.start)


def event_interval(e: Event) -> tuple[str, str] | None:
    if not e.time:
        return None
    try:
        return interval(e.time, e.time_granularity)
    except (ValueError, IndexError):
        return None


def negated(text: str) -> bool:
    return bool(set(_words(text)) & _NEGATION)
