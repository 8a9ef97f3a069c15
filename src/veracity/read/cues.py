"""Source-introducing predicates: who says what, with which cue.

One pass over the tokens of a parsed text finds every cue — reporting, factive,
denial, distancing and belief verbs; report nouns ("reports that ..."); hedge
adverbs ("reportedly"); "according to"; falsity predicates ("such reports
were pure fiction") and no-comment phrases ("declined to comment on ...") —
and records for each its source, its cue span and the root of its content.
The stance module later walks from each event up the tree and meets these
layers innermost first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from veracity.read import gazetteer as gz
from veracity.read import lexicon as lx
from veracity.read.attribution_model import LearnedAttribution
from veracity.read.entities import Ref, Resolver
from veracity.read.parse import Parse

# Relations by which a clause is the content of a report noun.
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "relcl", "appos"})


@dataclass
class Layer:
    """One attribution: a source, its cue and what the cue governs."""

    id: str
    cue: int  # token index of the cue's head word
    cue_span: tuple[int, int]  # token range, inclusive
    cls: str  # neutral, factive, denial, distancing, hedge, belief, no_comment
    source: str
    source_kind: str  # named, unnamed, author
    principal: str | None = None
    source_span: tuple[int, int] | None = None
    content_root: int | None = None
    # Further content roots: the sentences of a multi-sentence quotation.
    roots: tuple[int, ...] = ()
    content_span: tuple[int, int] | None = None
    negated: bool = False
    nominal: bool = False  # a report noun or hedge: the reporters, not a person
    # For anaphoric cues ("such reports were fiction", "a prospect X rejected"):
    # the token that points back, resolved later by the reader.
    anaphor: int | None = None
    topic: int | None = None  # no-comment topic noun ("on his private calls")
    parent: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The trained model's spans of this cue (``attribution_model``), which
    # the attribution shows; the rules' spans above stay for the reader's own
    # use (stance cue words, back-references).
    learned: LearnedAttribution | None = None
    # Found by the trained model only: shown as an attribution, but no stance
    # is drawn from it (see ``attribution_merge``).
    display_only: bool = False
    # A rule's cue the trained model does not take for one: its stances stand,
    # and it is listed flagged (see ``attribution_merge``).
    rules_only: bool = False


def np_span(p: Parse, i: int) -> tuple[int, int]:
    """A source's noun phrase (its whole subtree)."""
    # Measured on PolNeAR train: cutting appositions and relative clauses
    # lowered source F1 (annotators often keep them), so the whole subtree is
    # the source span.
    return p.left_edge(i), p.right_edge(i)


def _in_quote(quotes: list[tuple[int, int]], root: int, cue: int) -> tuple[int, int] | None:
    """The quotation that holds a content clause (but not its cue)."""
    for a, b in quotes:
        if a < root < b and not a <= cue <= b:
            return a, b
    return None


def _cue_span(p: Parse, i: int) -> tuple[int, int]:
    """The cue word with adjacent auxiliaries and negation ("has learned")."""
    a = i
    for c in p.children[i]:
        if c < i and p.dep[c] in ("aux", "auxpass", "neg") and c >= a - 3:
            a = min(a, c)
    b = i
    prt = p.child(i, "prt")
    if prt is not None and prt == i + 1:
        b = prt
    return a, b


def _negated(p: Parse, i: int) -> bool:
    return any(p.dep[c] == "neg" or p.lower[c] in ("never",) for c in p.children[i])


def subject_of(p: Parse, i: int) -> int | None:
    """The subject of a verb, inherited through xcomp/conj/relcl when missing."""
    seen = 0
    while seen < 6:
        s = p.child(i, "nsubj", "nsubjpass", "csubj")
        if s is not None and p.dep[s] != "nsubjpass":
            return s
        agent = p.child(i, "agent")
        if agent is not None:
            pobj = p.child(agent, "pobj")
            if pobj is not None:
                return pobj
        if s is not None:
            return s
        if p.dep[i] in ("xcomp", "conj", "advcl") and p.head[i] != i:
            if p.dep[i] == "xcomp":
                # Object control: "warned the leader not to escalate" (the leader).
                obj = p.child(p.head[i], "dobj")
                if obj is not None:
                    return obj
            i = p.head[i]
            seen += 1
            continue
        return None
    return None


class Sources:
    """Names sources from noun phrases, for one text."""

    def __init__(self, p: Parse, resolver: Resolver, author: str) -> None:
        self.p = p
        self.resolver = resolver
        self.author = author

    def name(self, i: int | None) -> tuple[str, str, str | None]:
        """(name, kind, principal) of the source whose noun-phrase head is ``i``."""
        p = self.p
        if i is None:
            return "unnamed", "unnamed", None
        ref: Ref | None = self.resolver.refs.get(i)
        if ref is not None:
            return ref.name, "named", ref.principal or (ref.name if ref.kind == "group" else None)
        low = p.lower[i]
        if low in ("we", "i", "us"):
            return self.author, "author", None
        lemma = p.lemma[i]
        if p.pos[i] == "NOUN" and lemma not in gz.PEOPLE_NOUNS and any(
                p.dep[c] == "det" and p.lower[c] in ("this", "that", "these", "those")
                for c in p.children[i]):
            # "This back-and-forth shows ...": the outlet's own reasoning, not a source.
            return self.author, "author", None
        if lemma in gz.UNNAMED_SOURCE_NOUNS or p.pos[i] in ("NOUN", "PRON"):
            return f"unnamed {low}", "unnamed", None
        a, b = p.left_edge(i), i
        return " ".join(p.text[a:b + 1]), "named", None


def find_layers(p: Parse, srcs: Sources, prefix: str = "A") -> list[Layer]:
    """Every cue of the text, in text order."""
    layers: list[Layer] = []
    quotes = quote_spans(p)

    def add(**kw: object) -> Layer:
        layer = Layer(id=f"{prefix}{len(layers) + 1}", **kw)  # type: ignore[arg-type]
        layers.append(layer)
        return layer

    lemma, pos, dep, lower = p.lemma, p.pos, p.dep, p.lower
    for i in range(p.n):
        lem = lemma[i]
        ps = pos[i]
        if i == p.sents[p.sent_of[i]][0]:
            _labelled_false(p, srcs, add, i)
        if lem == "accord" and i + 1 < p.n and lower[i + 1] == "to":
            _according(p, srcs, add, i)
            continue
        if dep[i] == "amod" and lower[i] in lx.REPORTING_ADJECTIVES and pos[p.head[i]] == "NOUN":
            # "the alleged phone call", "the reported meeting": others say so.
            h = p.head[i]
            add(cue=i, cue_span=(i, i), cls="hedge", source="unnamed reports",
                source_kind="unnamed", content_root=h,
                content_span=(p.left_edge(h), p.right_edge(h)), nominal=True)
            continue
        if ps == "VERB" or (ps == "AUX" and dep[i] not in ("aux", "auxpass")):
            if lem in lx.NO_COMMENT_VERBS:
                x = p.child(i, "xcomp")
                if x is not None and lemma[x] in lx.NO_COMMENT_OBJECTS:
                    _no_comment(p, srcs, add, i, x)
                    continue
            if lem in ("comment", "respond") and _negated(p, i):
                _no_comment(p, srcs, add, i, i)
                continue
            if lem in lx.ACCUSING_VERBS and _accusation(p, srcs, add, i):
                continue
            cls = lx.cue_class(lem)
            if cls is None and lem in QUOTE_ONLY_VERBS:
                cls = "quote"
            if cls is None and lem == "call" and p.child(i, "dobj") is not None and p.child(
                    i, "oprd", "xcomp", "ccomp") is not None:
                # "Bush called Trump 'unhinged'": an evaluation, attributed.
                obj = p.child(i, "dobj")
                pred = p.child(i, "oprd", "xcomp", "ccomp")
                assert obj is not None and pred is not None
                subj = subject_of(p, i)
                name, kind, principal = srcs.name(subj)
                add(cue=i, cue_span=_cue_span(p, i), cls="neutral", source=name,
                    source_kind=kind, principal=principal,
                    source_span=np_span(p, subj)
                    if subj is not None else None, content_root=pred,
                    content_span=(p.left_edge(obj), p.right_edge(pred)))
                continue
            if cls is not None:
                content = None
                for c in p.children[i]:
                    if dep[c] in ("ccomp", "parataxis", "csubj") or (
                            dep[c] == "xcomp" and cls in ("denial", "factive")):
                        content = c
                        break
                if content is None:
                    # "denied the call", "rejected a prospect", "dismissed as fake"
                    for c in p.children[i]:
                        if dep[c] in ("dobj", "nsubjpass") and pos[c] in ("NOUN", "PRON", "PROPN"):
                            content = c
                            break
                if content is None and cls == "denial" and dep[i] == "relcl":
                    content = p.head[i]  # "a prospect Kyiv has firmly rejected"
                if content is None or cls == "quote":
                    q = _adjacent_quote(p, quotes, i) if cls in ("neutral", "distancing",
                                                                   "quote") else None
                    if q is not None:
                        _quoted(p, srcs, add, i, q)
                    continue
                subj = subject_of(p, i)
                if subj == content:
                    subj = None
                    agent = p.child(i, "agent")
                    if agent is not None:
                        subj = p.child(agent, "pobj")
                name, kind, principal = srcs.name(subj)
                a, b = p.left_edge(content), p.right_edge(content)
                if content > i and a <= i:
                    a = i + 1
                q = _in_quote(quotes, content, i)
                roots: tuple[int, ...] = ()
                if q is not None and p.sent_of[q[0]] != p.sent_of[q[1]]:
                    # '"... . Our power is to ask questions," he said': the
                    # whole quotation, not only its last sentence.
                    a, b = q
                    roots = tuple(j for j in range(a + 1, b) if j != content and (
                        p.head[j] == j or not a < p.head[j] < b) and p.sent_of[j] != p.sent_of[i])
                layer = add(cue=i, cue_span=_cue_span(p, i), cls=cls, source=name, roots=roots,
                            source_kind=kind, principal=principal,
                            source_span=np_span(p, subj)
                            if subj is not None and subj != p.head[i] else None,
                            content_root=content, content_span=(a, b), negated=_negated(p, i))
                if kind != "author" and cls in ("neutral", "distancing"):
                    _discredited(p, srcs, add, i, content, (a, b))
                if dep[content] != "ccomp" and (
                        lemma[content] in lx.ANAPHOR_NOUNS or lower[content] in lx.ANAPHOR_PRONOUNS
                ) and not any(dep[c] in NOUN_CONTENT_DEPS and pos[c] in ("VERB", "AUX")
                              and c != i for c in p.children[content]) \
                        and not _tells_event(p, content):
                    # "denied it", "rejected a prospect": points back.  "denying
                    # reports that ..." or "reports of his arrest" carries its
                    # own content and nests instead.
                    layer.anaphor = content
                # "such reports were pure fiction" inside a said-clause: the
                # falsity predicate is checked below on the copula.
        elif ps == "NOUN" and lem in lx.REPORT_NOUNS:
            content = None
            for c in p.children[i]:
                if dep[c] in NOUN_CONTENT_DEPS and pos[c] in ("VERB", "AUX"):
                    if dep[c] == "relcl" and p.child(c, "mark") is None:
                        continue  # "the report he wrote": not its content
                    content = c
                    break
            if content is None and _tells_event(p, i):
                # "denies reports of Banksy's arrest", "rumours of a meeting".
                content = _told(p, i)
            if content is None and i == p.sents[p.sent_of[i]][0] and i + 1 < p.n \
                    and p.text[i + 1] == ":" and p.head[i] != i and pos[p.head[i]] == "VERB":
                # "Report: Powell advised Clinton to use private email": the
                # headline's clause is the report's, however the parser hung it.
                content, start = p.head[i], i + 2
            elif content is None:
                continue
            else:
                start = content if p.left_edge(content) < i else p.left_edge(content)
            owner = p.child(i, "poss")
            name, kind, principal = srcs.name(owner) if owner is not None else (
                f"unnamed {lower[i]}", "unnamed", None)
            add(cue=i, cue_span=(i, i), cls="neutral", source=name, source_kind=kind,
                principal=principal,
                source_span=(p.left_edge(owner), owner) if owner is not None else None,
                content_root=content, content_span=(start, p.right_edge(content)),
                nominal=owner is None)
            false = next((c for c in p.children[i]
                          if dep[c] == "amod" and p.lemma[c] in lx.DISCREDITING_WORDS), None)
            if false is not None:
                # "repeating a false claim that he opposed the invasion": the
                # outlet calls what was claimed false.
                add(cue=false, cue_span=(false, false), cls="denial", source=srcs.author,
                    source_kind="author", content_root=content,
                    content_span=(p.left_edge(content), p.right_edge(content)))
        elif ps == "ADV" and lem in lx.HEDGE_ADVERBS:
            h = p.head[i]
            add(cue=i, cue_span=(i, i), cls="hedge", source="unnamed reports",
                source_kind="unnamed", content_root=h,
                content_span=(p.left_edge(h), p.right_edge(h)), nominal=True)
        if ps in ("AUX", "VERB") and lem == "be":
            _falsity(p, srcs, add, i)
    return layers


def _labelled_false(p: Parse, srcs: Sources, add: object, a: int) -> None:
    """A headline labelled false before a colon ("Hoax: ...", "Fake News: ...",
    "FALSE: ..."): the outlet denies what follows."""
    k = p.sent_of[a]
    b = p.sents[k][1]
    colon = next((j for j in range(a + 1, min(a + 4, b)) if p.text[j] == ":"), None)
    if colon is None or not any(p.lower[j] in lx.DISCREDITING_WORDS
                                or p.lemma[j] in lx.DISCREDITING_WORDS for j in range(a, colon)):
        return
    if all(p.pos[j] in ("PUNCT", "SPACE") for j in range(colon + 1, b)) and k + 1 < len(p.sents):
        b = p.sents[k + 1][1]  # the parser made the label a sentence of its own
    if any(p.lower[j] in lx.NEGATIONS for j in range(colon + 1, b)):
        return  # "Rumor debunked: robots are not patrolling ...": the correction
    tops = [j for j in range(colon + 1, b) if p.pos[j] not in ("PUNCT", "SPACE")
            and (p.head[j] == j or not colon < p.head[j] < b)]
    # The clause's own root, else its verb, else its first word hung outside
    # it (the parser may hang the label on the verb: "News" subject of "Stop").
    root = next((j for j in tops if p.head[j] == j), None) \
        or next((j for j in tops if p.pos[j] in ("VERB", "AUX")), None) \
        or (tops[0] if tops else None)
    end = b - 1
    while end > colon and p.pos[end] in ("PUNCT", "SPACE"):
        end -= 1
    if root is None or end <= colon:
        return
    add(cue=a, cue_span=(a, colon - 1), cls="denial",  # type: ignore[operator]
        source=srcs.author, source_kind="author", content_root=root,
        content_span=(colon + 1, end))


def _told(p: Parse, noun: int) -> int | None:
    """What an of-phrase after a noun names ("reports *of his arrest*")."""
    of = next((c for c in p.kids(noun, "prep") if p.lower[c] == "of"), None)
    return p.child(of, "pobj") if of is not None else None


def _tells_event(p: Parse, noun: int) -> bool:
    """A report noun whose of-phrase names an event: "reports of his arrest"."""
    told = _told(p, noun)
    return p.lemma[noun] in lx.REPORT_NOUNS and told is not None \
        and p.lemma[told] in lx.EVENT_NOUNS


def _accusation(p: Parse, srcs: Sources, add: object, i: int) -> bool:
    """ "Trump accused Holt of being a Democrat": the accuser asserts what the
    of-phrase says ("Holt was accused by Trump of ...", the agent)."""
    of = next((c for c in p.kids(i, "prep") if p.lower[c] == "of"), None)
    content = p.child(of, "pcomp", "pobj") if of is not None else None
    if content is None:
        # The parser sometimes hangs it on the accused ("accused councillor
        # Tomas Reyes of being ..."); only a clause there, since "the head of
        # the agency" is no accusation.
        content = next((g for h in p.kids(i, "dobj", "nsubjpass") for c in p.kids(h, "prep")
                        if p.lower[c] == "of" for g in p.kids(c, "pcomp")), None)
    if content is None or p.pos[content] not in ("VERB", "AUX", "NOUN"):
        return False
    agent = p.child(i, "agent")
    subj = p.child(agent, "pobj") if agent is not None else \
        None if p.child(i, "nsubjpass") is not None else subject_of(p, i)
    name, kind, principal = srcs.name(subj) if subj is not None else (
        "unnamed accusers", "unnamed", None)
    span = (p.left_edge(content), p.right_edge(content))
    add(cue=i, cue_span=_cue_span(p, i), cls="distancing",  # type: ignore[operator]
        source=name, source_kind=kind, principal=principal,
        source_span=np_span(p, subj) if subj is not None else None,
        content_root=content, content_span=span, negated=_negated(p, i))
    if kind != "author":
        _discredited(p, srcs, add, i, content, span)
    return True


def _discredited(p: Parse, srcs: Sources, add: object, cue: int, content: int,
                 span: tuple[int, int]) -> None:
    """The author calling a source's claim baseless in the same clause:
    "Citing an unfounded conspiracy theory, Trump accused ...", "repeated his
    false claim, saying ...": the outlet denies what the source asserts."""
    for c in p.children[cue]:
        if p.dep[c] not in ("advcl", "prep", "npadvmod", "dobj") or span[0] <= c <= span[1]:
            continue
        for t in range(p.left_edge(c), p.right_edge(c) + 1):
            if p.dep[t] == "amod" and p.lemma[t] in lx.DISCREDITING_WORDS \
                    and p.pos[p.head[t]] == "NOUN":
                add(cue=t, cue_span=(t, t), cls="denial",  # type: ignore[operator]
                    source=srcs.author, source_kind="author", content_root=content,
                    content_span=span)
                return


def _falsity(p: Parse, srcs: Sources, add: object, i: int) -> None:
    """ "X is false / fake / pure fiction / a hoax" with X pointing back."""
    pred = None
    for c in p.children[i]:
        if p.dep[c] in ("attr", "acomp") and p.lemma[c] in lx.DISCREDITING_WORDS:
            pred = c
            break
    if pred is None:
        return
    subj = p.child(i, "nsubj")
    if subj is None:
        return
    negated = _negated(p, i)
    # The speaker is whoever says the copular clause, else the author.
    speaker = p.head[i] if p.dep[i] in ("ccomp", "parataxis") else None
    if speaker is not None and lx.cue_class(p.lemma[speaker]) is not None:
        s = subject_of(p, speaker)
        name, kind, principal = srcs.name(s)
        span = (p.left_edge(s), p.right_edge(s)) if s is not None else None
        cue = (speaker, speaker)
    else:
        name, kind, principal, span = srcs.author, "author", None, None
        cue = (pred, pred)
    # "reports of a call were false": the call itself is what is called false;
    # so is what a video or a photo shows.
    told = None
    if p.lemma[subj] in lx.REPORT_NOUNS or p.lemma[subj] in lx.DEPICTION_NOUNS:
        told = _told(p, subj)
    root = told if told is not None else subj
    add(cue=pred, cue_span=(p.left_edge(pred), pred),  # type: ignore[operator]
        cls="truth" if negated else "denial", source=name, source_kind=kind,
        principal=principal, source_span=span, content_root=root,
        content_span=(p.left_edge(root), p.right_edge(root)),
        anaphor=None if told is not None else subj, extra={"speaker_cue": str(cue[0])})


def _no_comment(p: Parse, srcs: Sources, add: object, verb: int, obj: int) -> None:
    subj = subject_of(p, verb)
    name, kind, principal = srcs.name(subj)
    topic = None
    for prep in p.kids(obj, "prep"):
        if p.lower[prep] in ("on", "about", "regarding"):
            topic = p.child(prep, "pobj")
    b = obj
    if topic is not None:
        b = p.right_edge(topic)
    add(cue=verb, cue_span=(min(_cue_span(p, verb)[0], verb), obj), cls="no_comment",  # type: ignore[operator]
        source=name, source_kind=kind, principal=principal,
        source_span=np_span(p, subj) if subj is not None else None,
        content_root=topic, content_span=(obj + 1, b) if topic is not None else None,
        topic=topic)


def _according(p: Parse, srcs: Sources, add: object, i: int) -> None:
    """ "According to the police, the suspect fled": the police assert the clause."""
    pobj = p.child(i + 1, "pobj")
    h = p.head[i]
    if pobj is None or h == i:
        return
    name, kind, principal = srcs.name(pobj)
    a, b = p.left_edge(h), p.right_edge(h)
    pa, pb = p.left_edge(i), p.right_edge(i)
    if pa <= a:
        a = pb + 1
    elif pb >= b:
        b = pa - 1
    add(cue=i, cue_span=(i, i + 1), cls="neutral", source=name, source_kind=kind,  # type: ignore[operator]
        principal=principal, source_span=(p.left_edge(pobj), p.right_edge(pobj)),
        content_root=h, content_span=(a, max(a, b)))


# Verbs that attribute only when they introduce a quotation ("he continued").
QUOTE_ONLY_VERBS = frozenset({"continue", "go", "begin", "start", "conclude", "joke"})
_OPEN = frozenset({"“", "‘"})
_CLOSE = frozenset({"”", "’"})


def quote_spans(p: Parse) -> list[tuple[int, int]]:
    """Token ranges of quotations, quote marks included (curly or straight)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, t in enumerate(p.text):
        if t in _OPEN or (t == '"' and start is None):
            start = i
        elif (t in _CLOSE and t != "’" or t == '"') and start is not None:
            if i - start > 1:
                spans.append((start, i))
            start = None
    return spans


def _adjacent_quote(p: Parse, quotes: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    """The quotation a content-less reporting verb introduces: one that ends
    just before its clause ('"...," he said') or starts just after it."""
    lo = p.left_edge(i)
    hi = p.right_edge(i)
    best: tuple[int, int] | None = None
    for a, b in quotes:
        if b < i and lo - b <= 3 and i - b <= 6:
            best = (a, b)
        elif a > i and a - i <= 3:
            return (a, b) if best is None else best
        elif a < i < b and hi >= b:
            return (a, b)
    return best


def _quoted(p: Parse, srcs: Sources, add: object, i: int, q: tuple[int, int]) -> None:
    a, b = q
    subj = subject_of(p, i)
    if subj is not None and a <= subj <= b:
        subj = None
    name, kind, principal = srcs.name(subj)
    roots = tuple(j for j in range(a + 1, b) if not a < p.head[j] < b or p.head[j] == j)
    add(cue=i, cue_span=_cue_span(p, i), cls="neutral", source=name,  # type: ignore[operator]
        source_kind=kind, principal=principal,
        source_span=np_span(p, subj) if subj is not None else None,
        content_root=roots[0] if roots else None, roots=roots[1:], content_span=(a, b))
