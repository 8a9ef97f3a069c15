"""From a question as people type it to a :class:`Claim`.

Handles yes/no questions ("Did Trump actually talk to Putin?", "Has Ukraine
agreed to give up territory?", "Is Castro dead?"), framed questions ("Is it
true that ..."), and plain claims ("Trump spoke with Putin by phone last
week"), with an optional time ("in 2017", "last week", "on 7 November 2024",
resolved against ``anchor``: the ``--as-of`` date, else today).

One spaCy parse of a short sentence (a few milliseconds); the event word, its
class and its participants follow the reader's own rules (``read.events``) so
that the two sides speak the same language.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx
from veracity.read import timex
from veracity.read.events import CLASS_OF
from veracity.read.nlp import load_nlp
from veracity.verify.aliases import canonical
from veracity.verify.types import Claim, TimeWindow

Token = Any  # spaCy Token: spaCy has no usable static types for these

# "Is it true that ...", "Fact check: ..." say how the question is asked, not what.
_FRAMES = re.compile(
    r"^\s*(?:(?:is|was)\s+it\s+(?:true|correct|the\s+case|a\s+fact)\s+that|"
    r"(?:did|does)\s+it\s+happen\s+that|(?:claim|fact[- ]check|true\s+or\s+false|"
    r"question)\s*:|(?:i\s+heard|they\s+say|people\s+say|someone\s+said)\s+(?:that\s+)?|"
    r"(?:can\s+you\s+)?(?:check|verify|confirm)\s+(?:whether|if|that)|"
    r"(?:is\s+it\s+)?true\s+that)\s*", re.IGNORECASE)
# Words that only stress the question ("did he actually ...").
_EMPHASIS = frozenset({"actually", "really", "ever", "indeed", "truly", "in", "fact"})
# Verbs wrapping the event they govern: "agree to give up X" asks about giving up X.
WRAPPERS = frozenset({"agree", "manage", "decide", "try", "attempt", "plan", "refuse", "fail",
                      "vote", "begin", "start", "continue", "succeed", "offer", "promise",
                      "threaten", "want", "intend", "consent", "choose", "seek", "pledge",
                      "vow", "move"})
# Verbs too light to name an event: "have a call with", "hold talks with".
_LIGHT = frozenset({"have", "hold", "make", "take", "get", "do", "conduct", "host", "stage"})
# Adjectives and nouns that name an event: "Is Castro dead?", "the death of".
_EVENT_WORDS = {"dead": "die", "death": "die", "alive": "die", "arrested": "arrest",
                "married": "marry", "pregnant": "pregnant", "resigned": "resign",
                "elected": "elect", "killed": "kill", "fired": "fire", "banned": "ban",
                "closed": "close", "hacked": "hack"}
# Words after a question's auxiliary that are never its verb.
_NOT_VERBS = frozenset({"and", "of", "the", "a", "an", "to", "his", "her", "its", "their",
                        "actually", "really", "ever", "once", "in", "on", "at", "with"})
# Nouns for who does something, rarely a question's verb ("campaign manager").
_AGENT_NOUN_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
# Auxiliaries of a claim about what will happen ("Apple will release ...").
_FUTURE = lx.FUTURE_MODALS - {"would"}
# "Is X alive?" asks the opposite of "did X die?".
_NEGATING_WORDS = frozenset({"alive"})
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "appos"})
_PARTICIPANT_PREPS = frozenset({"with", "to", "between", "against", "from", "among", "by",
                                "toward", "towards", "for", "into", "and"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_STOP = frozenset({"be", "do", "have", "will", "would", "can", "could", "should", "may",
                   "might", "must", "shall", "the", "a", "an", "it", "that", "this", "true",
                   "actually", "really", "ever", "there", "what", "who", "whether", "if"})
# Past tense of verbs common in questions; other verbs follow the spelling rules.
_PAST = {"speak": "spoke", "meet": "met", "say": "said", "give": "gave", "win": "won",
         "have": "had", "make": "made", "take": "took", "hold": "held", "lose": "lost",
         "tell": "told", "leave": "left", "send": "sent", "sell": "sold", "buy": "bought",
         "go": "went", "come": "came", "get": "got", "run": "ran", "shoot": "shot",
         "fight": "fought", "steal": "stole", "write": "wrote", "break": "broke",
         "fly": "flew", "see": "saw", "know": "knew", "do": "did", "begin": "began",
         "put": "put", "hit": "hit", "quit": "quit", "cut": "cut", "set": "set",
         "let": "let", "find": "found", "pay": "paid", "lead": "led", "bring": "brought",
         "think": "thought", "catch": "caught", "sit": "sat", "stand": "stood",
         "throw": "threw", "eat": "ate", "drink": "drank", "swim": "swam", "ring": "rang",
         "sign": "signed", "flee": "fled", "sink": "sank", "strike": "struck", "seek": "sought",
         "beat": "beat", "bet": "bet", "bid": "bid", "cost": "cost", "hurt": "hurt",
         "shut": "shut", "spread": "spread", "split": "split", "upset": "upset",
         "feel": "felt", "keep": "kept", "lend": "lent", "spend": "spent", "build": "built",
         "hear": "heard", "mean": "meant", "teach": "taught",
         "choose": "chose", "drive": "drove", "ride": "rode", "rise": "rose", "forbid": "forbade",
         "forgive": "forgave", "hide": "hid", "bite": "bit", "freeze": "froze",
         "swear": "swore", "tear": "tore", "wear": "wore", "weep": "wept", "sweep": "swept",
         "sleep": "slept", "feed": "fed", "bleed": "bled", "breed": "bred", "lay": "laid",
         "overturn": "overturned", "undo": "undid", "withdraw": "withdrew", "oversee":
         "oversaw", "overtake": "overtook", "undergo": "underwent", "uphold": "upheld",
         "become": "became", "fall": "fell", "grow": "grew", "draw": "drew", "forget": "forgot",
         "understand": "understood", "shake": "shook", "wake": "woke", "slide": "slid"}


def past_tense(verb: str) -> str:
    low = verb.lower()
    if low in _PAST:
        return _PAST[low]
    if low.endswith("e"):
        return low + "d"
    if re.search(r"[^aeiou]y$", low):
        return low[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", low):
        return low + low[-1] + "ed"  # one syllable: "grab" -> "grabbed", "ban" -> "banned"
    return low + "ed"


def _phrase(tok: Token) -> str:
    """A name with its compound words ("Fidel Castro", "White House")."""
    start = tok.i
    # The whole run of proper-noun compounds to the left: "New York Police".
    while start > 0:
        prev = tok.doc[start - 1]
        if prev.pos_ == "PROPN" and prev.dep_ in ("compound", "flat") and prev.head.i >= start:
            start -= 1
        else:
            break
    return str(tok.doc[start:tok.i + 1].text)


def _is_name(tok: Token) -> bool:
    t = tok  # (an alias: spaCy tokens are untyped)
    low = t.lower_
    if low in gz.INSTITUTIONS or gz.country_of(low) is not None:
        return True
    # A lower-case word is no name whatever the tagger says ("selling marijuana").
    return (t.pos_ == "PROPN" or t.ent_type_ in _NAME_LABELS) and t.text[:1].isupper()


class _Builder:
    def __init__(self, doc: Any, anchor: date | None, event_i: int) -> None:
        self.doc = doc
        self.event_i = event_i
        self.anchor = anchor
        self.participants: list[str] = []
        self.descriptions: dict[str, tuple[str, str]] = {}
        self.agent: str | None = None
        self.patient: str | None = None
        self.objects: list[str] = []

    def add_participant(self, tok: Token, role: str | None) -> None:
        t = tok
        if t.pos_ == "PRON":
            return
        name: str | None = None
        if _is_name(t):
            if t.ent_type_ == "NORP" and t.dep_ in ("amod", "compound"):
                name = gz.country_of(t.text)
            else:
                name = canonical(_phrase(t))
        elif t.lemma_.lower() in gz.PERSON_TITLES:
            # "the US president", "Russia's leader": who the corpus says that is.
            country = None
            for c in t.lefts:
                country = country or gz.country_of(c.text)
            if country:
                # A placeholder that ``ask`` replaces with whom the corpus calls so.
                name = f"{t.lemma_.lower()} of {country}"
                self.descriptions[name] = (country, t.lemma_.lower())
        else:
            for c in t.lefts:
                # "Russian forces", "Ukrainian troops": their country takes part;
                # "KFC restaurants", "Comcast customers": the named owner does.
                if c.dep_ in ("amod", "compound") and gz.country_of(c.text):
                    name = gz.country_of(c.text)
                elif c.dep_ == "compound" and c.pos_ == "PROPN" and name is None:
                    name = canonical(_phrase(c))
            if name is None and role in ("dobj", "pobj") and t.i != self.event_i:
                self.objects.append(t.lemma_.lower())
        if name and name not in self.participants:
            self.participants.append(name)
            if role in ("nsubj",) and self.agent is None:
                self.agent = name
            elif role in ("dobj", "nsubjpass") and self.patient is None:
                self.patient = name
        for c in t.children:
            if c.dep_ == "conj":
                self.add_participant(c, role)


def _main_event(doc: Any) -> tuple[Token, Token | None, str | None]:
    """(event token, subject-bearing token, wrapper lemma)."""
    sent = next(iter(doc.sents))
    root = sent.root
    # "Is it true that X" left over after a frame the regex missed: the ccomp.
    if root.lemma_ == "be":
        comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if comp is not None and any(c.lemma_ in ("true", "correct") for c in root.children):
            root = comp
    subj_tok = root
    wrapper = None
    if root.lemma_ in WRAPPERS:
        x = next((c for c in root.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"),
                 None)
        if x is not None:
            wrapper = root.lemma_
            root = x
    if root.lemma_ in _LIGHT:
        obj = next((c for c in root.children if c.dep_ == "dobj"), None)
        if obj is not None and (obj.lemma_ in lx.EVENT_NOUNS or obj.lemma_ in CLASS_OF):
            return obj, root if wrapper is None else subj_tok, wrapper
    return root, subj_tok if wrapper else None, wrapper


def _class_of(tok: Token) -> str:
    t = tok
    lemma = t.lemma_.lower()
    phone = any(c.lemma_ in ("phone", "telephone") for c in t.subtree)
    if lemma in ("phone", "telephone", "ring", "phonecall") or (phone and lemma in (
            "talk", "speak", "call", "chat", "converse", "conversation", "talks")):
        return "phone_call"
    if lemma == "call" and t.pos_ == "VERB":
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is not None and not any(c.dep_ in ("oprd", "xcomp") for c in t.children):
            return "phone_call"
        return "say"
    if lemma == "call":
        return "phone_call"
    if lx.cue_class(lemma) is not None and lemma not in CLASS_OF:
        return "say"
    return CLASS_OF.get(_EVENT_WORDS.get(lemma, lemma), "generic")


# Which stored classes a claim of each class accepts: "talk" is any conversation
# (a call, a meeting), "phone" only a call, "meet" only a meeting.
ACCEPTS: dict[str, tuple[str, ...]] = {
    "communicate": ("communicate", "phone_call", "meet"),
    "phone_call": ("phone_call",),
    "meet": ("meet",),
}


def _window(text: str, anchor: date | None) -> TimeWindow | None:
    tv = timex.resolve(text, anchor)
    if tv is None:
        return None
    if not tv.resolved or tv.value is None:
        return TimeWindow(None, None, text, tv.granularity, False)
    start, end = interval(tv.value, tv.granularity)
    return TimeWindow(start, end, text, tv.granularity, True)


def interval(value: str, granularity: str | None) -> tuple[str, str]:
    """First and last day (ISO) of a time value at its granularity."""
    parts = value.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return f"{y:04d}-{m:02d}-01", (nxt - timedelta(days=1)).isoformat()
    d = date(y, m, int(parts[2]))
    if granularity == "week":
        return d.isoformat(), (d + timedelta(days=6)).isoformat()
    return d.isoformat(), d.isoformat()


@lru_cache(maxsize=1024)
def parse(text: str) -> Any:
    """A short text (a question, the statement it makes) parsed once: the
    claim and the constraints are both read from the same few strings.  The
    parse is shared, so callers only read it."""
    return load_nlp()(text)


def parse_question(question: str, anchor: date | None = None
                   ) -> tuple[Claim, dict[str, tuple[str, str]]]:
    """The claim a question asks about, and the descriptions in it: placeholder
    participant ("president of United States") -> (country, title)."""
    text = _FRAMES.sub("", question.strip(), count=1).strip()
    text = text[:1].upper() + text[1:] if text else text
    doc = parse(text or question)
    root = next(iter(doc.sents)).root
    if len(doc) > 2 and ((root.i == 0 and root.lemma_ in ("do", "have"))
                         or (doc[0].lower_ == "did" and root.pos_ != "VERB")):
        # "Did Olaf Scholz sack Christian Lindner?" parsed with "Did" as the main
        # verb, or "Did Trump call Putin?" with "call" a noun: the statement
        # without the auxiliary, its verb in the past tense, parses as it
        # should. The verb is a lower-case word after the subject: those the
        # tagger took for verbs first, then the others in order, each tried
        # until the statement parses around it ("Did Clinton's running mate
        # attack Pence?": "attack", not "running").
        toks = list(doc[1:])
        while toks and toks[-1].is_punct:
            toks.pop()  # the question mark
        words = [t.text + t.whitespace_ for t in toks]
        if words:
            words[-1] = words[-1].rstrip()
        ks = [k for k, t in enumerate(toks) if k > 0 and t.text.isalpha() and t.text.islower()
              and t.lower_ not in _NOT_VERBS
              and (t.tag_.startswith("VB") or not t.lower_.endswith(_AGENT_NOUN_ENDINGS))]
        ks = sorted(ks, key=lambda k: not toks[k].tag_.startswith("VB"))[:4]
        # "Trump called Putin" parses as a naming ("Trump, called Putin"); "has
        # called" never does, so it is the second try.
        for aux in ("", "has "):
            for k in ks:
                verb = past_tense(toks[k].text)
                ws = toks[k].whitespace_ if k < len(toks) - 1 else ""
                redo = parse("".join([*words[:k], aux + verb + ws, *words[k + 1:]]))
                top = next(iter(redo.sents)).root
                if top.pos_ == "VERB" and top.lower_ == verb:
                    doc = redo
                    break
            else:
                continue
            break
    # The small English model parses statements better than questions ("Did
    # Trump visit Mexico?" comes out with Trump as a compound of "visit"): ask
    # about the statement the question makes, when it has a verb.
    root = next(iter(doc.sents)).root
    statement = claim_text(doc, root)
    if statement.lower() != doc.text.rstrip("?").strip().lower():
        redo = parse(statement)
        if next(iter(redo.sents)).root.pos_ in ("VERB", "AUX"):
            doc = redo
    event, subj_holder, wrapper = _main_event(doc)
    b = _Builder(doc, anchor, event.i)
    time: TimeWindow | None = None
    date_toks: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "DATE":
            w = _window(ent.text, anchor)
            if w is not None and time is None:
                time = w
                date_toks.update(range(ent.start, ent.end))
    if time is None:
        m = re.search(r"\b(?:in|during|since)\s+((?:19|20)\d\d)\b", text)
        if m:
            time = _window(m.group(1), anchor)
            date_toks.update(t.i for t in doc if t.text == m.group(1))
    holders = [event] + ([subj_holder] if subj_holder is not None else [])
    for h in holders:
        for c in h.children:
            if c.i in date_toks:
                continue
            if c.dep_ in _PARTICIPANT_DEPS:
                b.add_participant(c, c.dep_)
            elif c.dep_ in ("prep", "agent") and (c.lower_ in _PARTICIPANT_PREPS
                                                   or c.dep_ == "agent"):
                for o in c.children:
                    if o.dep_ == "pobj" and o.i not in date_toks and o.lemma_ not in (
                            "phone", "telephone"):
                        b.add_participant(o, "pobj")
            elif c.dep_ in ("compound", "poss") and event.pos_ == "NOUN":
                b.add_participant(c, "nsubj")
            elif c.dep_ == "acomp" and event.lemma_ == "be":
                pass
    # Nominal event ("a phone call with Putin"): its own prepositions.
    if event.pos_ == "NOUN":
        for c in event.children:
            if c.dep_ == "prep" and c.lower_ in _PARTICIPANT_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        b.add_participant(o, "pobj")
    lemma = event.lemma_.lower()
    polarity = "positive"
    if event.lemma_ == "be":  # "Is Castro dead?": the adjective is the event
        adj = next((c for c in event.children if c.dep_ in ("acomp", "attr")
                    and c.lower_ in _EVENT_WORDS), None)
        if adj is not None:
            lemma = _EVENT_WORDS[adj.lower_]
            if adj.lower_ in _NEGATING_WORDS:
                polarity = "negative"
    lemma = _EVENT_WORDS.get(lemma, lemma)
    cls = _class_of(event) if lemma == event.lemma_.lower() else CLASS_OF.get(lemma, "generic")
    if any(c.dep_ == "neg" for c in event.children) or (
            subj_holder is not None and any(c.dep_ == "neg" for c in subj_holder.children)):
        polarity = "negative" if polarity == "positive" else "positive"
    if wrapper in lx.IMPLICATIVE_NEGATIVE:
        polarity = "negative" if polarity == "positive" else "positive"
    keywords = []
    for t in doc:
        if t.i in date_toks or t.is_punct or t.is_stop or t.lower_ in _STOP:
            continue
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and len(t.text) > 1:
            word = t.text if t.pos_ == "PROPN" else t.lemma_.lower()
            if word.lower() not in _EMPHASIS and word not in keywords:
                keywords.append(word)
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for h in holders for c in h.children) \
        or (event.dep_ == "xcomp" and event.head.lemma_ == "go"
            and any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in event.head.children))
    root = next(iter(doc.sents)).root
    if root.lemma_ == "be" and not any(c.dep_ in ("acomp", "attr") for c in root.children):
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    claim = Claim(
        text=claim_text(doc, root),
        participants=tuple(b.participants), predicate=lemma, cls=cls,
        classes=ACCEPTS.get(cls, (cls,)), polarity=polarity, agent=b.agent,
        patient=b.patient, objects=tuple(dict.fromkeys(b.objects)),
        keywords=tuple(keywords), time=time, frame=wrapper, future=future)
    return claim, b.descriptions


def claim_text(doc: Any, root: Token) -> str:
    """The question as a statement: "Did Trump talk to Putin?" -> "Trump talked to Putin"."""
    toks = list(doc)
    words = [t.text_with_ws for t in toks]
    first = toks[0] if toks else None
    r = root
    if first is not None and first.lower_ in ("did", "does", "do", "has", "have", "had", "is",
                                              "are", "was", "were", "will", "can", "could"):
        if first.head.i == r.i or first.i == r.i:
            aux = first.lower_
            words[0] = ""
            subj = next((c for c in (r if first.i != r.i else first).children
                         if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if aux == "did" and r.pos_ in ("VERB", "AUX") and r.i != first.i:
                words[r.i] = past_tense(r.text) + r.whitespace_
            elif aux in ("does", "do") and r.i != first.i:
                pass
            elif subj is not None:
                end = subj.right_edge.i
                words[end] = toks[end].text + " " + aux + toks[end].whitespace_
    out = "".join(w for i, w in enumerate(words)
                  if toks[i].lower_ not in ("actually", "really", "ever"))
    out = re.sub(r"\s+", " ", out).strip().rstrip("?").strip()
    return out[:1].upper() + out[1:]
