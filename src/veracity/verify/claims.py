"""The claims an article makes, from what the reader found in it.

A **claim** is an event of the article's text that somebody in the article
takes a position on: the author states it, or attributes it to a source who
asserts, hedges or denies it, with actual modality.  Each becomes a statement
sentence that ``verify`` can check against the rest of the corpus: the clause
of the event word (its parse subtree, without relative clauses, asides and the
attribution around it), with pronouns replaced by whom the reader resolved
them to.

Everything else the article says about events is an **aside**, listed but
never checked: intentions ("plans to challenge"), predictions ("will speak"),
conditions, questions, and opinions (sentences of the author's own judgement:
"I think", "in my view", "it is a disgrace that", "should").

Reporting acts themselves ("the council said") are not claims: what was said
is.  Photo captions are left out (they speak of the pictured moment).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from veracity.read import lexicon as lx
from veracity.read.types import Analysis, Event, Stance, event_dict

# Stances that take a position on an event (a claim needs one).
COMMITTAL = frozenset({"asserts", "probable", "possible", "denies"})
# The aside kind of each modality other than "actual".
ASIDE_KINDS: dict[str, str] = {
    "future": "prediction", "intended": "intention", "conditional": "condition",
    "hypothetical": "hypothetical", "question": "question",
}
# Children of the event word that are not part of the claim's clause: relative
# clauses, other clauses beside it, appositions, the conjunction word itself.
_PRUNE_DEPS = frozenset({"relcl", "advcl", "parataxis", "appos", "mark", "cc", "preconj",
                         "discourse", "intj", "meta", "punct"})
# Dependency labels of the verbs that head a claim's clause (see ``_states``).
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
_CONTRACTIONS = {"'s": "is", "’s": "is", "'re": "are", "’re": "are", "'ve": "have",
                 "’ve": "have", "'ll": "will", "’ll": "will", "'m": "am", "’m": "am",
                 "'d": "had", "’d": "had"}
# Words that make a sentence-initial adjunct say when (kept in the statement).
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "yesterday", "today", "week", "month", "year", "january",
                         "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december", "time", "night"})
# Penn tags of finite verbs (a clause that can stand alone).
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its",
                       "their"})
# The author's own judgement (outside quotation marks): first-person views,
# evaluations of a fact, verdicts on what ought to be.  A judgement, not tuned:
# each pattern is one way opinion columns argue ("It is a disgrace that ...",
# "In my view, ...", "I think ...", "We should ...").
_OPINION = re.compile(
    r"\b(?:I|we)\s+(?:think|believe|feel|suspect|doubt|hope|fear|would\s+argue|argue|"
    r"am\s+(?:convinced|sure)|are\s+(?:convinced|sure))\b"
    r"|\b(?:in\s+my|in\s+our)\s+(?:view|opinion|judgement|judgment)\b"
    r"|\bit\s+(?:is|was|would\s+be)\s+(?:a|an)?\s*(?:disgrace|shame|scandal|outrage|"
    r"travesty|tragedy|mistake|pity|insult)\b"
    r"|\b(?:I|we)\s+(?:should|must|ought|need)\b"
    r"|\b(?:surely|frankly|shamefully|disgracefully|sadly)\b"
    r"|\bdeserves?\s+(?:better|more|less|worse)\b"
    r"|\b(?:the\s+)?(?:worst|best|most\s+\w+)\s+(?:decision|mistake|idea|thing|policy)\b",
    re.IGNORECASE)
# Share of an article's sentences that are opinions from which it is read as an
# opinion piece (its headline then is the writer's view).  A judgement: news
# stories quote opinions, but seldom voice one in a third of their sentences.
OPINION_PIECE_SHARE = 1 / 3
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True)
class ArticleClaim:
    """One claim the article makes, ready to be checked."""

    id: str  # c1, c2, ... in reading order (the headline first)
    statement: str  # the claim as a sentence ("Keller signed a dredging contract")
    quote: str  # the sentence of the article that makes it (the headline for it)
    start: int | None  # offsets of ``quote`` in the article text; None: the headline
    end: int | None
    predicate_start: int | None
    predicate_end: int | None
    event_id: str | None  # the reader's event (None for the headline)
    cls: str
    participants: tuple[str, ...]
    time: str | None
    modality: str
    polarity: str
    stances: tuple[Stance, ...]  # who in the article takes a position, and how
    headline: bool = False
    lead: bool = False  # in the headline or the first paragraph

    def to_dict(self) -> dict[str, Any]:
        return event_dict(self)


@dataclass(frozen=True)
class Aside:
    """An intention, prediction, condition, question or opinion: listed, not checked."""

    kind: str  # intention, prediction, condition, hypothetical, question, opinion
    statement: str
    quote: str
    start: int | None  # None: the headline
    end: int | None
    event_id: str | None
    modality: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_opinion(sentence: str) -> bool:
    """Whether a sentence is the author's own judgement (quotations aside)."""
    return _OPINION.search(_QUOTED.sub(" ", sentence)) is not None


def lead_end(text: str) -> int:
    """Where the lead ends: the first paragraph (a blank line, or a line break)."""
    body = text.lstrip()
    skip = len(text) - len(body)
    for sep in ("\n\n", "\n"):
        i = body.find(sep)
        if i > 0:
            return skip + i
    return len(text)


def _cue_spans(analysis: Analysis) -> list[tuple[int, int]]:
    # "other": a cue the trained model found whose effect the lexicon does not
    # know ("signed", "criticized"): the act is a claim of its own, not a report.
    return [(a.cue.start, a.cue.end) for a in analysis.attributions
            if a.caption is None and a.cue_class != "other"]


def _inside(spans: list[tuple[int, int]], start: int | None, end: int | None) -> bool:
    if start is None or end is None:
        return False
    return any(a <= start and end <= b for a, b in spans)


def _is_reporting(e: Event, cues: list[tuple[int, int]]) -> bool:
    """A reporting act ("said", "denied", "according to"): its content is the claim."""
    if _inside(cues, e.predicate_start, e.predicate_end):
        return True
    return lx.cue_class(e.lemma) is not None and e.cls in ("say", "reject", "agree") \
        and e.lemma in lx.NEUTRAL_REPORT_VERBS | lx.DENIAL_VERBS | lx.BELIEF_VERBS


def _token_at(doc: Any, offset: int) -> Any:
    for t in doc:
        if t.idx <= offset < t.idx + len(t.text):
            return t
    return None


def _reporter(tok: Any) -> str | None:
    """The named subject of the verb whose complement clause holds ``tok``."""
    if tok.dep_ != "ccomp":
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN":
        return None
    return " ".join(t.text for t in subj.subtree if t.dep_ in ("compound", "nsubj")
                    or t.i == subj.i) or None


def _finite(t: Any) -> bool:
    return t.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE
                                    for c in t.children)


def _states(e: Event, parsed: Any, base: int | None = None) -> bool:
    """Whether the event word heads a statement of its own: a finite verb of the
    main clause, of a reported clause or of a clause joined to one.  Relative
    clauses ("who served as ambassador"), participles ("documents seen by the
    Courier"), infinitives and gerunds describe or depend on something else,
    and an event named by a noun lies inside a verb's statement."""
    if e.predicate_start is None:
        return False
    tok = _token_at(parsed, e.predicate_start - (e.start if base is None else base))
    if tok is None or tok.pos_ not in ("VERB", "AUX") or not _finite(tok):
        return False
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ in _CLAUSE_DEPS


def _setting(c: Any) -> bool:
    """An adjunct before the subject that sets the scene ("For her part", "In
    response to international pressure", "Unlike in Cuba"): not part of what is
    claimed, unless it says when ("On Thursday", "In 2012")."""
    if c.dep_ not in ("prep", "advmod", "npadvmod", "advcl"):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") or t.like_num or t.lower_ in _TIME_WORDS
                   for t in c.subtree)


def statement_of(e: Event, parsed: Any, base: int | None = None) -> str:
    """The event's clause as a sentence of its own: the event word's subtree,
    pruned, pronouns named.  ``parsed`` holds the spaCy tokens of ``e.quote``:
    a doc of the sentence alone (``base`` None) or a span of the whole text's
    doc (``base`` 0: its offsets are the text's)."""
    if e.predicate_start is None:
        return e.quote
    tok = _token_at(parsed, e.predicate_start - (e.start if base is None else base))
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return e.quote.strip()
    keep: set[int] = set()

    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def walk(t: Any, top: bool) -> None:
        keep.add(t.i)
        for c in t.children:
            if c.dep_ in _PRUNE_DEPS or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")) \
                    or (c.dep_ == "prep" and c.lower_ == "according"):
                continue
            if top and subj is not None and c.i < subj.i and _setting(c):
                continue
            walk(c, False)

    walk(tok, True)
    words: list[str] = []
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
    if not has_subject:
        # "The plan keeps the quay open and moves the terminal": the subject
        # of the verb it is joined to.
        head = tok.head if tok.dep_ == "conj" else None
        shared = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")),
                      None) if head is not None else None
        if e.agent:
            words.append(e.agent)
        elif shared is not None:
            words += [t.text for t in shared.subtree]
    # "Nordline denied that it had received ...": a pronoun the reader left
    # unresolved is the subject of the verb that reports the clause.
    subject = e.agent or _reporter(tok)
    # "She was awarded a medal": the one it was done to.
    passive = e.patient or (e.participants[0] if e.participants else None)
    for t in parsed:
        if t.i not in keep:
            continue
        low = t.lower_
        if low in _PRONOUNS and t.dep_ == "nsubj" and t.head.i == tok.i and subject:
            words.append(subject)
        elif low in _PRONOUNS and t.dep_ == "nsubjpass" and t.head.i == tok.i and passive:
            words.append(passive)
        elif low in _PRONOUNS and t.dep_ == "dobj" and t.head.i == tok.i and e.patient \
                and e.patient != e.agent:
            words.append(e.patient)
        elif t.lower_ in _CONTRACTIONS and t.pos_ == "AUX":
            # "He's paid" would read "Donald Trump's paid": write the verb out.
            words.append(_CONTRACTIONS[t.lower_] if t.lower_ not in ("'s", "’s") else
                         "has" if t.head.tag_ == "VBN" else "is")
        else:
            words.append(t.text)
    out = " ".join(words)
    out = re.sub(r"\s+([,.;:!?'’])", r"\1", out).replace(" n't", "n't").strip(" ,;:-—")
    if len(out.split()) < 3:
        return e.quote.strip()
    return out[:1].upper() + out[1:]


def _committal(e: Event) -> tuple[Stance, ...]:
    return tuple(s for s in e.stances if s.stance in COMMITTAL)


def extract(analysis: Analysis, text: str, title: str | None, outlet: str | None,
            nlp: Any, parsed_text: Any = None) -> tuple[list[ArticleClaim], list[Aside]]:
    """The claims of an article and its asides, in reading order (headline first).

    ``parsed_text`` is the spaCy doc the reader read ``text`` from, when the
    caller has it; else each sentence with an event is parsed again."""
    cues = _cue_spans(analysis)
    end_of_lead = lead_end(text)
    claims: list[ArticleClaim] = []
    asides: list[Aside] = []
    events = [e for e in analysis.events if e.caption is None]
    sentences = list(dict.fromkeys(e.quote for e in events))
    # Tags and the parse are all a statement needs: names come from the reader.
    parsed: dict[tuple[int, int], tuple[Any, int | None]] = {}
    if parsed_text is not None:
        for e in events:
            span = parsed_text.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None:
                parsed[(e.start, e.end)] = (span, 0)
    rest = list(dict.fromkeys(e.quote for e in events if (e.start, e.end) not in parsed))
    off = [n for n in ("ner", "lemmatizer") if n in nlp.pipe_names]
    again = dict(zip(rest, nlp.pipe(rest, disable=off), strict=True)) if rest else {}
    for e in events:
        parsed.setdefault((e.start, e.end), (again.get(e.quote), None))
    # An opinion piece: its headline is the writer's view, not news.
    column = bool(sentences) and sum(map(is_opinion, sentences)) >= \
        OPINION_PIECE_SHARE * len(sentences)
    if title and title.strip() and not title.rstrip().endswith("?") and not column \
            and not is_opinion(title) and len(title.split()) >= 3:
        # A headline states the story's central claim, in the outlet's voice.
        source = outlet or "author"
        claims.append(ArticleClaim(
            id="", statement=title.strip(), quote=title.strip(), start=None, end=None,
            predicate_start=None, predicate_end=None, event_id=None, cls="generic",
            participants=(), time=None, modality="actual", polarity="positive",
            stances=(Stance(source=source, stance="asserts", cue="headline", quote=title,
                            start=0, end=0, source_kind="author"),),
            headline=True, lead=True))
    elif title and title.strip() and column:
        asides.append(Aside(kind="opinion", statement=title.strip(), quote=title.strip(),
                            start=None, end=None, event_id=None, modality="actual"))
    seen: set[str] = set()
    for e in events:
        if _is_reporting(e, cues):
            continue
        stances = _committal(e)
        statement = statement_of(e, *parsed[(e.start, e.end)])
        if e.modality != "actual" or e.lemma in lx.INTENTION_VERBS:
            kind = ASIDE_KINDS.get(e.modality, "intention")
            asides.append(Aside(kind=kind, statement=statement, quote=e.quote, start=e.start,
                                end=e.end, event_id=e.id, modality=e.modality))
            continue
        if not stances or not _states(e, *parsed[(e.start, e.end)]):
            continue
        author_only = all(s.source_kind == "author" for s in stances)
        if author_only and is_opinion(e.quote):
            asides.append(Aside(kind="opinion", statement=statement, quote=e.quote,
                                start=e.start, end=e.end, event_id=e.id, modality=e.modality))
            continue
        key = statement.lower()
        if key in seen:
            continue
        seen.add(key)
        claims.append(ArticleClaim(
            id="", statement=statement, quote=e.quote, start=e.start, end=e.end,
            predicate_start=e.predicate_start, predicate_end=e.predicate_end, event_id=e.id,
            cls=e.cls, participants=e.participants, time=e.time, modality=e.modality,
            polarity=e.polarity, stances=stances, lead=e.start < end_of_lead))
    asides = list({(a.kind, a.quote): a for a in reversed(asides)}.values())[::-1]
    numbered = [ArticleClaim(**{**c.__dict__, "id": f"c{i}"}) for i, c in
                enumerate(claims, 1)]
    return numbered, asides
