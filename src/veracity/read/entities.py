"""Participants without a coreference model.

A full name introduces a person; later surnames, possessives ("Trump's team"),
titles and descriptions ("the US president-elect", "the Russian leader") and
pronouns resolve to the most recent compatible entity (person or not,
singular or plural, gender and nationality where stated).  Capitals and
institutions stand for governments ("Kyiv" is Ukraine, "the Kremlin" is
Russia's government) and a spokesperson speaks for the institution named in
their title.

One :class:`NameTable` is shared by all texts of a document (the article and
its captions), so "Trump" in a headline resolves to the "Donald Trump" named
further down or in a caption.  A :class:`Resolver` walks one parsed text once,
in order, and maps noun-phrase heads to :class:`Ref` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veracity.read import gazetteer as gz

Token = Any  # spaCy Token; spaCy has no usable static types for these
SpacyDoc = Any


@dataclass(frozen=True)
class Ref:
    """What a mention refers to: a canonical name and what kind of thing it is."""

    name: str
    kind: str  # person, org, gov, place, group
    principal: str | None = None  # who this one speaks for (spokesperson, team)
    country: str | None = None


@dataclass
class PersonInfo:
    country: str | None = None
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    principal: str | None = None


def _strip(text: str) -> str:
    text = text.strip().strip("\"'“”‘’")
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def canonical_name(text: str, table: NameTable | None = None) -> str:
    """Canonical form of a name: countries, capitals and demonyms to the country,
    institutions to their usual name, surnames to full names known to ``table``.

    Usable by a question parser: ``canonical_name("the U.S.") == "United States"``,
    ``canonical_name("Kyiv") == "Ukraine"``, ``canonical_name("Kremlin") == "Kremlin"``.
    """
    bare = _strip(text)
    key = bare.lower()
    inst = gz.INSTITUTIONS.get(key)
    if inst:
        return inst[0]
    country = gz.country_of(bare)
    if country:
        return country
    words = bare.split()
    while len(words) > 1 and words[0].lower() in gz.PERSON_TITLES:
        words = words[1:]
    bare = " ".join(words)
    if table is not None and len(words) == 1:
        full = table.full_names.get(words[0].lower())
        if full:
            return full
    return bare


def person_label(ent: Any) -> str:
    """The entity's label, PERSON where the small model's ORG or GPE is a
    person's name after a person's title ("spokeswoman Melezia Figueroa")."""
    label: str = ent.label_
    if label in ("ORG", "GPE", "NORP") and ent.start > 0 and 2 <= len(ent) <= 3 \
            and ent.doc[ent.start - 1].lower_ in gz.PERSON_TITLES \
            and all(t.text[:1].isupper() and t.is_alpha for t in ent):
        return "PERSON"
    return label


class NameTable:
    """Full names and what is known about each person, for one document."""

    def __init__(self) -> None:
        self.full_names: dict[str, str] = {}  # surname (lower) -> full name
        self.people: dict[str, PersonInfo] = {}

    def add_doc(self, doc: SpacyDoc) -> None:
        """Learn the full person names of a parsed text (cheap: entities only)."""
        for ent in doc.ents:
            if person_label(ent) != "PERSON":
                continue
            words = _strip(ent.text).split()
            while len(words) > 1 and words[0].lower() in gz.PERSON_TITLES:
                words = words[1:]
            if len(words) >= 2 and gz.country_of(words[-1]) is None:
                # The first full name wins: later "Trump" means the first Trump named.
                self.full_names.setdefault(words[-1].lower(), " ".join(words))
                # Gender from the first name or a word before it ("his wife
                # Rakeyia Scott"), known before any pronoun is resolved.
                info = self.person(" ".join(words))
                if info.gender is None:
                    # Any word before the surname: a headline's "Rip Donald Trump".
                    given = {w.lower() for w in words[:-1]}
                    before = {t.lower_ for t in doc[max(ent.root.left_edge.i, ent.start - 3)
                                                    :ent.start]}
                    if given & gz.FEMALE_GIVEN_NAMES or before & gz.FEMALE_WORDS:
                        info.gender = "f"
                    elif given & gz.MALE_GIVEN_NAMES or before & gz.MALE_WORDS:
                        info.gender = "m"

    def person(self, name: str) -> PersonInfo:
        info = self.people.get(name)
        if info is None:
            info = self.people[name] = PersonInfo()
        return info


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Tokens back from a nearer person of unknown gender within which a person of
# the pronoun's gender is still preferred.
GENDER_WINDOW = 60

# Kinds of entity that have spokespeople.
_PRINCIPALS = frozenset({"person", "org", "gov", "group"})
# Tokens back in which a plural noun for people is what "they" refers to.
PLURAL_WINDOW = 40

_PERSONISH_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


class Resolver:
    """Maps token indices of one parsed text to the entities they mention."""

    def __init__(self, doc: SpacyDoc, table: NameTable) -> None:
        self.doc = doc
        self.table = table
        self.refs: dict[int, Ref] = {}
        # (token index, ref) in text order, for "most recent compatible" look-ups.
        self.history: list[tuple[int, Ref]] = []
        self.mentions: dict[str, list[tuple[int, int]]] = {}
        self.kinds: dict[str, str] = {}
        self._run()

    # -- building ---------------------------------------------------------------
    def _record(self, tokens: list[Token], ref: Ref, head: Token) -> None:
        for t in tokens:
            self.refs[t.i] = ref
        self.history.append((head.i, ref))
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        self.mentions.setdefault(ref.name, []).append((start, end))
        self.kinds.setdefault(ref.name, ref.kind)

    def _run(self) -> None:
        doc = self.doc
        ent_by_start = {ent.start: ent for ent in doc.ents if ent.label_ in _PERSONISH_LABELS}
        i = 0
        n = len(doc)
        while i < n:
            ent = ent_by_start.get(i)
            if ent is not None:
                self._entity(ent)
                i = ent.end
                continue
            tok = doc[i]
            pos = tok.pos_
            if pos == "PRON":
                self._pronoun(tok)
            elif pos in ("NOUN", "PROPN"):
                self._noun(tok)
            i += 1
        # Unnamed spokespeople of someone named: "a Siemens spokesperson", "a
        # spokeswoman for Hillary Clinton", "the campaign's spokesman".
        for tok in doc:
            if tok.lower_ not in gz.SPOKES_TITLES or tok.i in self.refs:
                continue
            owners = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                       for g in c.children if g.dep_ == "pobj"]
            owner = next((self.refs[c.i] for c in owners if c.i in self.refs
                          and self.refs[c.i].kind in _PRINCIPALS), None)
            if owner is not None:
                principal = owner.principal if owner.kind == "group" and owner.principal \
                    else owner.name
                self.refs[tok.i] = Ref(f"{principal} spokesperson", "person", principal,
                                       owner.country)
        # Appositions: "his wife, Hillary Clinton aide Huma Abedin, announced",
        # "Senate President, Ahmad Lawan, moved": the noun is the person named.
        for tok in doc:
            if tok.dep_ == "appos" and tok.i in self.refs and tok.head.i not in self.refs \
                    and tok.head.pos_ == "NOUN" and self.refs[tok.i].kind in ("person", "org",
                                                                               "gov"):
                self.refs[tok.head.i] = self.refs[tok.i]

    def _entity(self, ent: Any) -> None:
        text = _strip(ent.text)
        if not text:
            return
        key = text.lower()
        root = ent.root
        label = person_label(ent)
        inst = gz.INSTITUTIONS.get(key)
        country = gz.country_of(text)
        if inst:
            ref = Ref(inst[0], "gov", None, inst[1] or None)
        elif label == "NORP":
            if root.dep_ in ("amod", "compound") or country is None:
                return  # "Russian President ...": a modifier, handled by titles
            ref = Ref(country, "gov", None, country)
        elif country and (label in ("GPE", "LOC") or key in gz.CAPITALS or label == "PERSON"):
            ref = Ref(country, "gov", None, country)
            if root.dep_ in ("compound", "amod", "poss") and root.head.pos_ in ("PROPN", "NOUN"):
                # "US support", "Russia's President": a modifier, not a participant.
                self._record_modifier(ent, ref)
                return
        elif label in ("GPE", "LOC", "FAC"):
            ref = Ref(text, "place")
        elif label == "PERSON" or key in self.table.full_names:
            ref = self._person(ent, text)
        else:
            ref = Ref(text, "org")
        self._record(list(ent), ref, root)

    def _record_modifier(self, ent: Any, ref: Ref) -> None:
        for t in ent:
            self.refs[t.i] = ref
        self.mentions.setdefault(ref.name, []).append((ent.start_char, ent.end_char))
        self.kinds.setdefault(ref.name, ref.kind)

    def _person(self, ent: Any, text: str) -> Ref:
        words = text.split()
        while len(words) > 1 and words[0].lower() in gz.PERSON_TITLES:
            words = words[1:]
        name = " ".join(words)
        if len(words) == 1:
            name = self.table.full_names.get(words[0].lower(), name)
        info = self.table.person(name)
        # Titles to the left inside the noun phrase: "Kremlin spokesperson",
        # "Russia's President", "U.S. President".
        root = ent.root
        for t in self.doc[root.left_edge.i: ent.start]:
            low = t.lower_
            if low in gz.PERSON_TITLES:
                info.roles.add(low)
            if low in gz.MALE_WORDS:
                info.gender = "m"
            elif low in gz.FEMALE_WORDS:
                info.gender = "f"
            inst = gz.INSTITUTIONS.get(low)
            if inst and (low in gz.SPOKES_TITLES or any(
                    x.lower_ in gz.SPOKES_TITLES for x in self.doc[t.i: ent.start])):
                info.principal = inst[0]
            owner = self.refs.get(t.i)
            if owner is not None and owner.kind in _PRINCIPALS and owner.name != name and any(
                    x.lower_ in gz.SPOKES_TITLES for x in self.doc[t.i: ent.start]):
                # "Stein's spokeswoman Melezia Figueroa", "Siemens spokesman Kurt Ott"
                info.principal = owner.name
            c = gz.country_of(t.text)
            if c and info.country is None:
                info.country = c
        return Ref(name, "person", info.principal, info.country)

    def _recent(self, before: int, want: set[str], exclude: set[str] | None = None,
                country: str | None = None, gender: str | None = None,
                role: str | None = None, subjects_from: int | None = None) -> Ref | None:
        """Most recent mention of a compatible entity before token ``before``
        (with ``role``, of a person the text gave that title); for a pronoun, a
        person of its gender named shortly before is preferred to a nearer one
        whose gender is unknown.  With ``subjects_from``, only mentions that are
        the subject of their clause, from that token on."""
        fallback: Ref | None = None
        unknown: tuple[int, Ref] | None = None
        for i, ref in reversed(self.history):
            if i >= before or ref.kind not in want:
                continue
            if subjects_from is not None and (i < subjects_from or not self._topical(i)):
                continue
            if exclude and ref.name in exclude:
                continue
            if unknown is not None and unknown[0] - i > GENDER_WINDOW:
                return unknown[1]
            if ref.kind == "person":
                info = self.table.people.get(ref.name)
                if role and not (info and role in info.roles):
                    continue
                if gender and info and info.gender and info.gender != gender:
                    continue
                if gender and not country and not (info and info.gender):
                    unknown = unknown or (i, ref)
                    continue
                known = info.country if info else None
                if country and known and known != country:
                    continue
                if country and known == country:
                    return ref
                if country:
                    fallback = fallback or ref
                    continue
            return ref
        return fallback or (unknown[1] if unknown else None)

    def _clause_subject(self, tok: Token, gender: str) -> Ref | None:
        head = tok.head
        while head.dep_ in ("prep", "pobj") or head.pos_ == "ADP":
            head = head.head
        for c in head.children:
            ref = self.refs.get(c.i)
            if c.dep_ in _SUBJECTS and ref is not None and ref.kind == "person":
                info = self.table.people.get(ref.name)
                if not (info and info.gender and info.gender != gender):
                    return ref
        return None

    def _topical(self, i: int) -> bool:
        """Whether the mention at token ``i`` is what its clause is about: its
        subject ("his operatives" counts as his), or the first word of its
        sentence, which the small parser sometimes leaves unattached."""
        t = self.doc[i]
        return t.dep_ in _SUBJECTS or t.i == t.sent.start or (
            t.dep_ == "poss" and t.head.dep_ in _SUBJECTS)

    def _previous_sentence_start(self, tok: Token) -> int:
        sent = tok.sent
        if sent.start == 0:
            return 0
        return int(self.doc[sent.start - 1].sent.start)

    def _subject_of(self, tok: Token) -> set[str]:
        head = tok.head
        while head.dep_ == "prep" or head.pos_ == "ADP":
            head = head.head
        names = set()
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.refs:
                names.add(self.refs[c.i].name)
        return names

    def _pronoun(self, tok: Token) -> None:
        low = tok.lower_
        ref: Ref | None = None
        if low in gz.MALE_PRONOUNS or low in gz.FEMALE_PRONOUNS:
            gender = "m" if low in gz.MALE_PRONOUNS else "f"
            # An object pronoun is not its own clause's subject ("X warned Y ...
            # reminding him": him is Y).
            exclude = self._subject_of(tok) if tok.dep_ in ("dobj", "pobj", "dative") else None
            ref = None
            if low.endswith("self"):
                # "He has surrounded himself": the subject of its own clause.
                ref = self._clause_subject(tok, gender)
            elif tok.dep_ == "nsubj" and tok.head.dep_ in ("ccomp", "xcomp"):
                # "X warned Y that he would ...", "X said he would ...": the
                # subject of a reported clause is most often the speaker.
                for c in tok.head.head.children:
                    if c.dep_ == "nsubj" and c.i in self.refs and self.refs[c.i].kind == "person":
                        cand = self.refs[c.i]
                        info = self.table.people.get(cand.name)
                        if not (info and info.gender and info.gender != gender):
                            ref = cand
            if ref is None and (tok.dep_ in _SUBJECTS or tok.dep_ == "poss"
                                and tok.head.dep_ in _SUBJECTS):
                # A subject pronoun ("his operatives forced ...") continues the
                # person the sentence before was about, not the one it named last.
                start = self._previous_sentence_start(tok)
                ref = self._recent(tok.i, {"person"}, exclude=exclude, gender=gender,
                                   subjects_from=start)
            if ref is None:
                ref = self._recent(tok.i, {"person"}, exclude=exclude, gender=gender)
        elif low in gz.PLURAL_PRONOUNS:
            ref = self._recent(tok.i, {"gov", "org", "group"})
            # "according to former staff. They said ...": people named by a
            # plural noun after the organisation are who "they" are; an
            # unnamed source, not the organisation.
            at = max((i for i, r in self.history if r == ref and i < tok.i), default=-1)
            window = self.doc[max(at + 1, tok.i - PLURAL_WINDOW):tok.i]
            if any(t.lemma_.lower() in gz.PEOPLE_NOUNS
                   and (t.tag_ == "NNS" or t.lower_ in ("staff", "people")) for t in window):
                ref = None
        if ref is not None:
            self._record([tok], ref, tok)

    def _noun(self, tok: Token) -> None:
        low = tok.lower_
        if low in self.table.full_names and (tok.pos_ == "PROPN" or tok.text[:1].isupper()):
            # A surname the tagger did not mark as a person ("Lind's office"),
            # or took for a common noun ("Trump avoids condemning ...").
            full = self.table.full_names[low]
            info = self.table.people.get(full)
            self._record([tok], Ref(full, "person", info.principal if info else None,
                                    info.country if info else None), tok)
            return
        if tok.pos_ == "PROPN" and (low in gz.CAPITALS or low in gz.COUNTRY_VARIANTS):
            # Untagged "Kyiv rejected ...": capitals and countries stand for governments.
            c = gz.country_of(low)
            if c and tok.dep_ not in ("compound", "amod", "poss"):
                self._record([tok], Ref(c, "gov", None, c), tok)
                return
        if tok.dep_ == "compound":
            return
        inst = gz.INSTITUTIONS.get(low)
        if inst and tok.pos_ == "PROPN":
            self._record([tok], Ref(inst[0], "gov", None, inst[1] or None), tok)
            return
        lemma = tok.lemma_.lower()
        # "Trump's team": a group speaking for its possessor.
        if lemma in gz.GROUP_NOUNS or low in gz.GROUP_NOUNS:
            for c in tok.children:
                if c.dep_ == "poss" and c.i in self.refs:
                    owner = self.refs[c.i]
                    ref = Ref(f"{owner.name}'s {low}", "group", owner.name, owner.country)
                    self._record(list(self.doc[c.i: tok.i + 1]), ref, tok)
                    return
        if low not in gz.PERSON_TITLES and lemma not in gz.PERSON_TITLES:
            return
        # A description: "the Russian leader", "the US president-elect",
        # "Russia's president", "a Kremlin spokesperson".
        country: str | None = None
        institution: str | None = None
        determined = False
        for t in self.doc[tok.left_edge.i: tok.i]:
            if t.lower_ in ("the", "this", "that") or t.dep_ == "poss":
                determined = True
            c = gz.country_of(t.text)
            if c:
                country = c
                determined = True
            inst = gz.INSTITUTIONS.get(t.lower_)
            if inst:
                institution = inst[0]
        if institution and (low in gz.SPOKES_TITLES or lemma in gz.SPOKES_TITLES):
            ref = Ref(f"{institution} spokesperson", "person", institution, country)
            self._record([tok], ref, tok)
            return
        if not determined or tok.tag_ in ("NNS", "NNPS"):
            return
        # "the mayor": the person the text called mayor, else the last person named.
        found = self._recent(tok.i, {"person"}, country=country, role=low) \
            or self._recent(tok.i, {"person"}, country=country)
        if found is not None:
            info = self.table.people.get(found.name)
            if country and info is not None and info.country is None:
                info.country = country
            self._record([tok], found, tok)

    # -- queries ----------------------------------------------------------------
    def ref(self, tok: Token) -> Ref | None:
        """The entity a noun-phrase head (or any token of a name) refers to."""
        return self.refs.get(tok.i)

    def np_refs(self, tok: Token) -> list[Ref]:
        """Entities of a noun phrase, following conjunctions ("X and Y")."""
        out: list[Ref] = []
        r = self.refs.get(tok.i)
        if r is not None:
            out.append(r)
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self.np_refs(c))
        return out
