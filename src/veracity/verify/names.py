"""The names of a question: where each must be found (:func:`_scope`), the
words around a name that are no part of it (titles, articles), a country's
other names, and the descriptions that stand for a person ("former Miss
Universe", "the Kenyan president").  Used by ``question.understand``."""

from __future__ import annotations

from typing import Any

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx


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
    "corp", "inc.", "ltd.", "llc", "plc", "incorporated", "limited",
})
# Capitalised words that say what someone is, not who: words of the question.
_KIND_WORDS = frozenset({"democrat", "democrats", "republican", "republicans", "libertarian",
                         "independent", "conservative", "liberal", "socialist", "communist",
                         "christian", "muslim", "jewish", "catholic", "green"})
# Words opening a clause or phrase that only sets the scene of the question.
_SUBORDINATORS = frozenset({"when", "before", "after", "while", "because", "although",
                            "though", "since", "until", "whereas", "if", "who", "which",
                            "whom", "whose", "where"})
_AUX_OPENERS = lx.QUESTION_OPENERS


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
    "mom", "dad", "pupil", "driver", "owner", "patient", "athlete", "player", "fan", "guy",
    "lady", "schooler", "worker", "traveller", "traveler", "passenger", "shooter", "gunman",
    "suspect", "victim", "veteran", "soldier", "pilot", "nurse", "teacher", "priest", "nun"})


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
