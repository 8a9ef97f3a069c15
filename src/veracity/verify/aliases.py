"""Names on the question side: the same entity however a question names it.

The reader stores canonical names ("Donald Trump", "Russia", "Kremlin"); a
question says "Trump", "Moscow", "the Kremlin" or "the US president".  This
module maps a question's words onto the names the store holds:

* countries, capitals, demonyms and institutions go through the reader's own
  :func:`veracity.read.entities.canonical_name` ("Kyiv" -> "Ukraine");
* a government and its institutions are one party ("Kremlin" ~ "Russia",
  "White House" ~ "United States"), since an event of the Kremlin is an event
  of Russia's government;
* a surname names the stored full names that end with it ("Trump" ->
  "Donald Trump"), found in the store's participant index;
* a description ("the US president") names the people the corpus itself
  describes that way ("U.S. President Donald Trump"), found by full-text search.
"""

from __future__ import annotations

import re
from functools import lru_cache

from veracity.read import gazetteer as gz
from veracity.read.entities import canonical_name
from veracity.store.base import Store
from veracity.verify import index


@lru_cache(maxsize=4096)
def government(name: str) -> frozenset[str]:
    """Every name of one government: the country and its institutions (lower case)."""
    key = name.lower()
    country = gz.country_of(name)
    inst = gz.INSTITUTIONS.get(key.removeprefix("the "))
    if inst is not None and inst[1]:
        country = inst[1]
    if country is None:
        return frozenset({key})
    names = {country.lower(), key}
    names.update(v[0].lower() for v in gz.INSTITUTIONS.values() if v[1] == country)
    return frozenset(names)


def canonical(text: str) -> str:
    """A question's mention in the reader's canonical form."""
    return canonical_name(text)


def same_entity(asked: str, stored: str) -> bool:
    """Whether a stored participant is the entity a question names."""
    a, s = asked.lower().strip(), stored.lower().strip()
    if a == s:
        return True
    if government(asked) & government(stored) and (gz.country_of(asked) or gz.country_of(stored)
                                                   or a in _INSTITUTION_NAMES
                                                   or s in _INSTITUTION_NAMES):
        return True
    aw, sw = a.split(), s.split()
    # A surname against a full name, either way round ("Trump" / "Donald Trump"),
    # and a full name against a longer one ("Donald Trump" / "Donald J. Trump").
    if len(aw) == 1 and len(sw) > 1:
        return sw[-1] == aw[0]
    if len(sw) == 1 and len(aw) > 1:
        return aw[-1] == sw[0]
    if len(aw) > 1 and len(sw) > 1:
        return aw[-1] == sw[-1] and aw[0] == sw[0]
    return False


_INSTITUTION_NAMES = frozenset(v[0].lower() for v in gz.INSTITUTIONS.values())


def stored_names(store: Store, asked: str) -> list[str]:
    """The participant names in the store that may be the entity a question names."""
    names = {asked}
    names.update(n for n in _government_names(asked))
    words = asked.split()
    found = index.participant_names(store, [words[-1]] if words else [])
    names.update(n for n in found if same_entity(asked, n))
    return sorted(names)


def _government_names(asked: str) -> list[str]:
    out = []
    gov = government(asked)
    if len(gov) > 1:
        for v in gz.INSTITUTIONS.values():
            if v[0].lower() in gov:
                out.append(v[0])
        for name in set(gz.COUNTRY_VARIANTS.values()):
            if name.lower() in gov:
                out.append(name)
    return out


# "U.S. President Donald Trump", "Russia's President Vladimir Putin",
# "Russian President Vladimir Putin": a country word, a title, then a name.
_NAME = r"((?:[A-Z][\w.'’-]+\s){0,2}[A-Z][\w'’-]+)"


# A leader may be described by any head-of-government title: "the Russian
# leader" is whoever the corpus calls "Russian President ...".
_LEADER_WORDS = ("president", "prime minister", "premier", "chancellor", "king", "queen",
                 "leader", "supreme leader", "emir")


def describe(store: Store, country: str | None, title: str, limit: int = 20) -> list[str]:
    """People the corpus itself describes as ``country``'s ``title``, most named first.

    "the US president-elect" is also whoever the corpus calls "President-elect
    ..." without the country, when nobody is called so with it."""
    if title == "elect":
        title = "president-elect"
    found = _describe(store, country, title, limit)
    if not found and title in ("leader", "head", "ruler", "strongman", "autocrat"):
        for t in _LEADER_WORDS:
            found = _describe(store, country, t, limit)
            if found:
                break
    if not found and country and "-" in title:
        found = _describe(store, None, title, limit)
    return found


def _describe(store: Store, country: str | None, title: str, limit: int) -> list[str]:
    words = [w for w in (title,) if w]
    if country:
        variants = sorted({k for k, v in {**gz.COUNTRY_VARIANTS, **gz.DEMONYMS}.items()
                           if v == country}, key=len, reverse=True)
    else:
        variants = []
    query = " ".join([*words, *(country.split() if country else [])])
    counts: dict[str, int] = {}
    if variants:
        country_rx = "(?:" + "|".join(re.escape(v) for v in variants) + r")(?:'s|’s)?\s+"
    else:
        country_rx = ""
    # Case-insensitive for the description, case-sensitive for the name after it.
    rx = re.compile(rf"\b(?i:{country_rx}{re.escape(title)}(?:-elect)?)\s+{_NAME}")
    for doc_id in store.search(query, limit=limit):
        doc = store.get(doc_id).doc
        # Captions too: "U.S. President Donald Trump" is often only in a photo caption.
        text = "\n".join([doc.text, *(c.text for c in doc.captions)])
        for m in rx.finditer(text):
            name = m.group(1).strip()
            if name[:1].isupper():
                counts[name] = counts.get(name, 0) + 1
    return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
