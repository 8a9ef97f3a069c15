"""Event mentions: which words are events, their class, participants, polarity
and modality.

Classes follow the CAMEO/PLOVER families event-data users know (CONSULT by
phone, meet, visit; AGREE; REJECT; ASSAULT ...).  Participants come from the
subject, object and prepositional phrases; symmetric classes ("X spoke with Y")
list both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from veracity.read import lexicon as lx
from veracity.read.entities import Ref, Resolver
from veracity.read.parse import Parse, subject_negates

_CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "communicate": ("talk", "speak", "discuss", "chat", "converse", "conversation", "talks",
                    "negotiate", "negotiation", "consult", "contact", "discussion", "dialogue",
                    "correspond", "message", "text", "email", "exchange"),
    "phone_call": ("phone", "telephone", "ring", "call", "phonecall"),
    "meet": ("meet", "meeting", "summit", "encounter", "host", "gather", "rendezvous",
             "sit-down", "huddle", "greet", "welcome"),
    "visit": ("visit", "travel", "trip", "tour", "fly", "arrive"),
    "agree": ("agree", "sign", "accept", "approve", "ratify", "deal", "agreement",
              "ceasefire", "cease-fire", "truce", "treaty", "settle", "settlement", "accord",
              "endorse", "pact"),
    "reject": ("reject", "refuse", "decline", "oppose", "veto", "rebuff", "refusal",
               "rejection", "spurn", "deny", "boycott"),
    "attack": ("attack", "strike", "bomb", "shell", "invade", "invasion", "kill", "shoot",
               "assault", "raid", "airstrike", "offensive", "bombing", "fight", "fighting",
               "escalate", "war", "massacre", "missile"),
    "arrest": ("arrest", "detain", "jail", "imprison", "indict", "charge", "apprehend",
               "detention", "indictment", "capture", "prosecute", "convict", "sentence"),
    "resign": ("resign", "quit", "sack", "fire", "dismiss", "oust", "resignation", "depose",
               "impeach", "remove", "abdicate", "retire"),
    "elect": ("elect", "win", "election", "reelect", "re-elect", "victory", "vote",
              "nominate", "inaugurate", "inauguration", "defeat", "appoint"),
    "give": ("give", "transfer", "hand", "cede", "provide", "send", "supply", "donate",
             "deliver", "surrender", "sell", "grant", "lend", "return", "concede"),
}
CLASS_OF: dict[str, str] = {w: c for c, ws in _CLASS_WORDS.items() for w in ws}
SYMMETRIC = frozenset({"communicate", "phone_call", "meet", "agree"})
# Verbs too light to be events on their own.
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "become", "seem", "appear", "let",
                         "make", "go", "come", "include", "use", "look", "remain", "keep"})
_PARTICIPANT_PREPS = frozenset({"with", "to", "between", "against", "from", "among", "into",
                                "at", "toward", "towards", "over"})
_PLACE_PREPS = frozenset({"in", "at", "near", "inside"})


@dataclass
class Mention:
    """An event mention while the reader works on it (mutable)."""

    tok: int
    sent: int
    lemma: str
    cls: str
    agent: Ref | None = None
    patient: Ref | None = None
    patient_text: str | None = None
    agent_text: str | None = None  # an agent named by a common noun ("the ethics committee")
    others: list[Ref] = field(default_factory=list)
    place: str | None = None
    polarity: str = "positive"
    modality: str = "actual"
    certainty: str = "CT"  # CT, PR, PS, U
    time_tok: tuple[int, int] | None = None
    factuality: float | None = None  # the trained model's score, −3…+3

    def participants(self) -> tuple[str, ...]:
        seen: list[str] = []
        for r in (self.agent, self.patient, *self.others):
            if r is not None and r.kind in ("person", "org", "gov", "group") and r.name not in seen:
                seen.append(r.name)
        return tuple(seen)


def event_class(p: Parse, i: int) -> str:
    lemma = p.lemma[i]
    cls = CLASS_OF.get(lemma)
    if lx.cue_class(lemma) is not None and cls is None:
        return "say"
    if cls in ("communicate", None) or lemma == "call":
        # "spoke ... on the phone", "call" with a person object: a phone call.
        for c in p.children[i]:
            low = p.lemma[c]
            if low in ("phone", "telephone", "call"):
                return "phone_call"
            if p.dep[c] == "prep" and p.lower[c] in ("on", "by", "over"):
                o = p.child(c, "pobj")
                if o is not None and p.lemma[o] in ("phone", "telephone", "call", "line"):
                    return "phone_call"
        if lemma == "call" and p.pos[i] == "VERB":
            # "called him a liar" (xcomp/oprd) is naming, not phoning.
            if p.child(i, "oprd", "xcomp", "ccomp") is not None:
                return "say"
            return "phone_call"
    if lemma == "deny":
        return "reject"
    if lemma in ("fire", "dismiss") and p.pos[i] == "VERB":
        o = p.child(i, "dobj")
        if o is None or p.ent_type[o] != "PERSON":
            return "attack" if lemma == "fire" else "reject"
    return cls or "generic"


# Participles used as prepositions, and verbs of discourse markers.
_PREPOSITION_LIKE = frozenset({"according", "including", "regarding", "concerning",
                               "considering", "given", "excluding", "pending", "barring",
                               "notwithstanding", "following", "excepting"})
_MARKER_VERBS = frozenset({"moving", "going", "looking", "thinking"})


def is_event(p: Parse, i: int) -> bool:
    ps = p.pos[i]
    if not p.text[i][:1].isalpha():
        return False
    if ps == "VERB":
        d = p.dep[i]
        if d in ("amod", "compound", "aux", "auxpass"):
            return False
        if p.lower[i] in _PREPOSITION_LIKE and p.tag[i] in ("VBG", "VBN") and not any(
                p.dep[c] in ("aux", "auxpass", "nsubj") for c in p.children[i]):
            return False  # "according to", "including", "given"
        if p.tag[i] == "VBG" and p.lower[i] in _MARKER_VERBS and i + 1 < p.n \
                and p.lower[i + 1] in ("forward", "ahead", "back") \
                and (i + 2 >= p.n or p.text[i + 2] == ","):
            return False  # "Moving forward, ...": a discourse marker
        return p.lemma[i] not in LIGHT_VERBS or p.child(i, "dobj") is not None and \
            p.lemma[i] not in ("be", "have", "do")
    if ps == "NOUN":
        return p.lemma[i] in lx.EVENT_NOUNS or p.lower[i] in lx.EVENT_NOUNS
    return False


def _refs(p: Parse, res: Resolver, i: int | None) -> list[Ref]:
    return res.np_refs(res.doc[i]) if i is not None else []


def _noun_phrase(p: Parse, i: int) -> str | None:
    """A common noun's phrase without its determiner ("state attorney general's
    office", "regulators"); None for pronouns and words that name nobody."""
    if p.pos[i] not in ("NOUN", "PROPN"):
        return None
    words = [k for k in range(p.left_edge(i), i + 1)
             if p.dep[k] not in ("det", "punct", "predet") and p.pos[k] != "PRON"]
    return " ".join(p.text[k] for k in words).replace(" 's", "'s").replace(" ’s", "’s") or None


def fill(p: Parse, res: Resolver, m: Mention) -> None:
    """Participants, place, polarity and local modality of one mention."""
    i = m.tok
    from veracity.read.cues import subject_of  # local: avoids an import cycle

    if p.pos[i] == "VERB":
        subj = subject_of(p, i)
        if subj is None:
            subj = p.child(i, "compound")  # a subject the tagger took for a compound
        passive = p.child(i, "nsubjpass")
        by = p.child(i, "agent")
        if passive is not None and by is not None:
            # "was censured by the ethics committee": the by-phrase acts.
            subj = p.child(by, "pobj")
        if subj is not None and subj != passive:
            r = _refs(p, res, subj)
            if r:
                m.agent = r[0]
                m.others.extend(r[1:])
            else:
                m.agent_text = _noun_phrase(p, subj)
        obj = p.child(i, "dobj") if passive is None else passive
        dative = p.child(i, "dative")
        if obj is not None and passive is None and dative is not None \
                and p.pos[dative] != "ADP" and p.ent_type[obj] in ("MONEY", "QUANTITY"):
            # "fined the bank $2 million": the bank is fined, the sum is how much.
            obj = dative
        if obj is not None:
            r = _refs(p, res, obj)
            if r:
                m.patient = r[0]
                m.others.extend(r[1:])
            else:
                m.patient_text = p.text[obj] if p.pos[obj] != "PRON" else None
        for c in p.children[i]:
            d = p.dep[c]
            target: int | None = None
            if d == "dative":
                target = p.child(c, "pobj") if p.pos[c] == "ADP" else c
            elif d == "prep" and p.lower[c] in _PARTICIPANT_PREPS:
                target = p.child(c, "pobj")
            if target is not None:
                m.others.extend(x for x in _refs(p, res, target) if x.kind != "place")
    else:
        # Nominal events: "Trump's call", "talks between X and Y", "a call with Y",
        # "the Trump-Putin call", "their meeting".
        for c in p.children[i]:
            d = p.dep[c]
            if d == "poss":
                if p.lower[c] == "their":
                    m.others.extend(_inherit(p, res, i))
                else:
                    m.others.extend(_refs(p, res, c))
            elif d == "compound":
                m.others.extend(_refs(p, res, c))
            elif d == "prep" and p.lower[c] in _PARTICIPANT_PREPS | {"of", "by"}:
                o = p.child(c, "pobj")
                if o is not None:
                    m.others.extend(r for r in _refs(p, res, o) if r.kind != "place")
    m.place = _place(p, res, i)
    neg = any(p.dep[c] == "neg" or p.lower[c] in ("never",) for c in p.children[i]) \
        or subject_negates(p, i)
    if p.pos[i] == "NOUN" and any(p.lower[c] == "no" for c in p.children[i]):
        neg = True
    m.polarity = "negative" if neg else "positive"


def _inherit(p: Parse, res: Resolver, i: int) -> list[Ref]:
    """'their meeting' inside 'X talks to Y during their meeting': X and Y."""
    h = p.head[i]
    for _ in range(3):
        if p.pos[h] == "VERB" or (h != i and is_event(p, h)):
            out: list[Ref] = []
            s = p.child(h, "nsubj")
            if s is None:
                s = p.child(h, "compound")  # "Boris Lind talks to ..." mis-parsed
            if s is not None:
                out.extend(_refs(p, res, s))
            for c in p.children[h]:
                if p.dep[c] == "prep" and p.lower[c] in _PARTICIPANT_PREPS:
                    o = p.child(c, "pobj")
                    if o is not None:
                        out.extend(_refs(p, res, o))
            return out
        if h == p.head[h]:
            break
        h = p.head[h]
    r = res.refs.get(i)
    return [r] if r else []


def _place(p: Parse, res: Resolver, i: int, depth: int = 0) -> str | None:
    for c in p.children[i]:
        if p.dep[c] == "prep" and p.lower[c] in _PLACE_PREPS:
            o = p.child(c, "pobj")
            if o is None:
                continue
            r = res.refs.get(o)
            if r is not None and (r.kind == "place" or p.ent_type[o] in ("GPE", "LOC", "FAC")):
                a, b = p.left_edge(o), p.right_edge(o)
                return str(res.doc[a:b + 1].text).strip(" ,")
            if depth < 2:
                found = _place(p, res, o, depth + 1)
                if found:
                    return found
    return None
