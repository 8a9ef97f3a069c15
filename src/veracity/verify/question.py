"""The question as constraints (:class:`Understood`, read by :func:`understand`):
the parties it names, its amounts and quoted words, what a speech act says,
its time and its weighted words, from the question turned into the statement
it makes.  ``passages.check`` checks sentences against them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx
from veracity.verify.claim import _EVENT_WORDS, _FRAMES, WRAPPERS, parse, past_tense
from veracity.verify.match import _SYNONYMS
from veracity.verify.names import (
    _AUX_OPENERS,
    _GENERIC_NAME_WORDS,
    _KIND_WORDS,
    _NOT_TITLES,
    _SUBORDINATORS,
    _TITLE_WORDS,
    _country_forms,
    _description,
    _descriptions,
    _scope,
    _strip_name,
)
from veracity.verify.types import Claim, TimeWindow
from veracity.verify.words import _LIGHT_VERBS, _NEGATORS, _SYNONYM_STEMS, _words, stem

_NUMBER_ENTS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
# Words too common to say what a question is about.
_LIGHT = frozenset({"be", "do", "have", "get", "make", "take", "give",
                    "true", "actually", "really", "ever", "also", "still", "just", "anyone",
                    "anything", "someone", "something", "it", "that", "this", "there", "time",
                    "instead", "before", "after", "when", "while", "first", "whether"})


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


def _number_forms(text: str) -> tuple[str, ...]:
    digits = re.findall(r"\d[\d,.]*\d|\d", text)
    out: set[str] = set()
    for d in digits:
        out.add(d)
        out.add(d.replace(",", ""))
    return tuple(sorted(out))


_FUNCTION_WORDS = frozenset({"at", "of", "the", "and", "or", "to", "a", "an", "any", "in", "on",
                             "for", "from", "with", "by", "'s", "’s"})
_EMPHASIS = frozenset({"actually", "really", "truly", "indeed", "ever"})


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


# An organisation's legal suffix, written short or long ("News Corp",
# "News Corporation"); a name without its "Inc." or "Ltd" is the name too.
_SUFFIXES = {"corp": "corporation", "corp.": "corporation", "co": "company",
             "co.": "company", "inc": "incorporated", "inc.": "incorporated",
             "ltd": "limited", "ltd.": "limited", "intl": "international",
             "dept": "department", "dept.": "department", "assn": "association",
             "bros": "brothers", "bros.": "brothers"}
_SHORTER = {long: short.rstrip(".") for short, long in _SUFFIXES.items()}
_LEGAL = frozenset({"inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "llc", "plc",
                    "ab", "ag", "gmbh", "sa", "s.a.", "nv", "n.v.", "bv", "spa", "s.p.a.", "asa",
                    "oy", "oyj", "sarl", "pty"})
# Currency codes, which name the unit of an amount, not a party.
_CURRENCY_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "INR",
                             "RUB", "BRL", "KRW", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF"})


def _org_forms(words: list[str]) -> set[str]:
    """Other forms of a many-word name that is not a person's: its legal suffix
    short or long and left out ("News Corp", "News Corporation"; "Apple Inc." is
    "Apple"), and a product named in the plural in the singular ("Apple
    Watches", "Apple Watch")."""
    out: set[str] = set()
    head, last = words[:-1], words[-1]
    if last in _SUFFIXES or last in _SHORTER:
        other = _SUFFIXES.get(last) or _SHORTER[last]
        out.add(" ".join([*head, other]))
    if last in _LEGAL and head and " ".join(head) not in _GENERIC_NAME_WORDS:
        out.add(" ".join(head))
    if len(last) > 4 and last.endswith("es") and last[-3] in "hsxz":
        out.add(" ".join([*head, last[:-2]]))  # "watches", "boxes"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        out.add(" ".join([*head, last[:-1]]))
    return out


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
                                          or stem(t.text) == pred_stem
                                          or _EVENT_WORDS.get(t.lower_) == claim.predicate),
                                         None)
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
        if not toks or (len(toks) == 1 and (toks[0].lower_ in _KIND_WORDS
                                            or toks[0].text in _CURRENCY_CODES)):
            continue  # "Democrats" say what, "USD" is the unit of an amount
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
        if not country and len(toks) > 1:
            # Also for "people": the small model takes "Apple Watches" for one.
            name_forms |= _org_forms([t.lower_ for t in toks])
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
        if t.lemma_ == "go" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to" \
                and doc[t.i + 2].pos_ in ("VERB", "AUX"):
            continue  # "is going to acquire": the future, not a going
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
