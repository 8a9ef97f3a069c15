"""Features of the trained attribution model, shared by training and reading.

The model reads a parsed text in three steps, each a linear classifier over
sparse string features of the parse (``attribution_model`` scores them,
``attribution_train`` fits them):

1. cue heads: is token *i* the head word of an attribution cue?  ("said",
   "according", "accused", "view" in "in Bolton's view");
2. cue extent: for each token near a head, is it part of the cue?  ("has
   also said", "think about", "is celebrated as");
3. roles: the cue's sentence cut into units (below), each labelled source,
   content or neither; content units that touch make one content piece, so a
   quotation split by "he said" gives two pieces, as PolNeAR annotates it.

Units partition the tree around the cue: every child subtree hanging off the
cue's words or off the path from the cue to the sentence root is one unit,
and each word on that path (above the cue) is a unit of its own.  Measured on
PolNeAR train (300 articles, gold cues): 92% of source spans and 88% of
content pieces are exactly a run of touching units, so choosing units loses
little against choosing free spans, and the spans come out on constituent
edges as annotators draw them.  Neighbouring sentences are units too, for
quotations that run over several sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from veracity.read import lexicon as lx
from veracity.read.parse import Parse

# Parts of speech a cue head may have: 99.8% of PolNeAR train cue heads
# (the rest are a few pronouns, numbers and headline colons).
HEAD_POS = frozenset({"VERB", "NOUN", "AUX", "ADP", "PROPN", "ADJ", "PART", "ADV", "SCONJ"})
# Words either side of a cue head that may belong to its cue (98.9% of the
# multi-word cues of PolNeAR train fit in this window).
EXTENT_WINDOW = 6
# Sentences either side of a cue's own that may hold its content (quotations
# running over several sentences).
SENTENCE_REACH = 2
_OPEN_QUOTES = frozenset({"“", "‘", '"', "''", "``"})
_QUOTES = _OPEN_QUOTES | {"”", "’"}
# Which marks close a quotation each opening mark starts (straight quotes
# close themselves; "’" alone is a closing single quote, not an apostrophe,
# since spaCy splits "Trump’s" into "Trump" and "’s").
_CLOSERS = {"“": ("”", '"'), "‘": ("’", "”"), '"': ('"', "”"), "''": ("''", '"'),
            "``": ("''", '"', "”")}


# Dependents that may trail a unit as units of their own (see ``_split``).
TRAILING = frozenset({"relcl", "conj", "cc", "advcl", "parataxis", "punct"})
_REPORTING = frozenset({"neutral", "factive", "denial", "distancing", "belief"})


def has_word(p: Parse, i: int) -> bool:
    """A token with a letter or digit in it (edge punctuation never counts)."""
    return any(ch.isalnum() for ch in p.text[i])


def _lex(lemma: str) -> str:
    """The reader's own lexicon class of a word, as a feature."""
    cls = lx.cue_class(lemma)
    if cls is not None:
        return cls
    for name, words in (("noun", lx.REPORT_NOUNS), ("hedge", lx.HEDGE_ADVERBS),
                        ("intent", lx.INTENTION_VERBS), ("nocom", lx.NO_COMMENT_VERBS),
                        ("eval", lx.EVALUATIVE_VERBS), ("accuse", lx.ACCUSING_VERBS),
                        ("directive", lx.DIRECTIVE_VERBS)):
        if lemma in words:
            return name
    return "-"


class Context:
    """Per-text facts the features look up many times: quotation spans, each
    token's quotation, lexicon classes."""

    def __init__(self, p: Parse) -> None:
        self.p = p
        self.quote_of = [-1] * p.n
        self.quotes: list[tuple[int, int]] = []
        start: int | None = None
        for i, t in enumerate(p.text):
            if start is None:
                if t in _OPEN_QUOTES:
                    start = i
            elif t in _CLOSERS.get(p.text[start], ()) and i > start + 1:
                for j in range(start, i + 1):
                    self.quote_of[j] = len(self.quotes)
                self.quotes.append((start, i))
                start = None
        self._lex: dict[str, str] = {}

    def reporting(self, i: int) -> bool:
        """A reporting verb with a subject of its own (another attribution)."""
        p = self.p
        return p.pos[i] == "VERB" and self.lex(p.lemma[i]) in _REPORTING and any(
            p.dep[c] in ("nsubj", "nsubjpass") for c in p.children[i])

    def lex(self, lemma: str) -> str:
        v = self._lex.get(lemma)
        if v is None:
            v = self._lex[lemma] = _lex(lemma)
        return v


def head_candidates(p: Parse) -> list[int]:
    """Tokens that may head a cue."""
    return [i for i in range(p.n) if p.pos[i] in HEAD_POS and has_word(p, i)]


def head_features(ctx: Context, i: int) -> list[str]:
    """Is token ``i`` a cue head: its word, class, relations and neighbours."""
    p = ctx.p
    lem, pos, dep = p.lemma[i], p.pos[i], p.dep[i]
    h = p.head[i]
    lex = ctx.lex(lem)
    f = [f"l={lem}", f"lp={lem}|{pos}", f"ld={lem}|{dep}", f"t={p.tag[i]}", f"d={dep}",
         f"pd={pos}|{dep}", f"w={p.lower[i]}", f"x={lex}", f"xd={lex}|{dep}",
         f"hl={p.lemma[h]}|{dep}", f"hp={p.pos[h]}|{dep}", f"s3={p.lower[i][-3:]}|{pos}"]
    subj = False
    for c in p.children[i]:
        cd = p.dep[c]
        f.append(f"cd={cd}")
        f.append(f"lcd={lem}|{cd}")
        f.append(f"xcd={lex}|{cd}")
        if cd in ("nsubj", "nsubjpass", "agent"):
            subj = True
            kind = p.ent_type[c] or p.pos[c]
            f.append(f"sj={kind}")
            f.append(f"lsj={lem}|{kind}")
        elif cd == "prep":
            f.append(f"lpr={lem}|{p.lower[c]}")
        elif cd in ("dobj", "attr", "acomp"):
            f.append(f"lob={lem}|{p.lemma[c]}")
        elif cd == "ccomp":
            f.append(f"cc={lem}")
    if not subj:
        f.append(f"nosj={lem}")
    for k in (-2, -1, 1, 2):
        j = i + k
        if 0 <= j < p.n:
            f.append(f"w{k}={p.lower[j]}")
            f.append(f"p{k}={p.pos[j]}")
    if i + 1 < p.n:
        f.append(f"lw+1={lem}|{p.lower[i + 1]}")
    q = ctx.quote_of[i]
    if q >= 0:
        f.append("inq")
        f.append(f"inq={lem}")
    for j in range(max(0, i - 4), i):
        if p.text[j] in _QUOTES and ctx.quote_of[j] >= 0 and ctx.quote_of[j] != q:
            f.append("q<")
            f.append(f"q<={lex}")
            break
    for j in range(i + 1, min(p.n, i + 4)):
        if p.text[j] in _QUOTES and ctx.quote_of[j] >= 0 and ctx.quote_of[j] != q:
            f.append("q>")
            break
    if p.sents[p.sent_of[i]][0] == i:
        f.append("first")
    return f


def extent_window(p: Parse, h: int) -> list[int]:
    """Tokens that may join head ``h`` in its cue (same sentence, near it)."""
    a, b = p.sents[p.sent_of[h]]
    return [t for t in range(max(a, h - EXTENT_WINDOW), min(b, h + EXTENT_WINDOW + 1))
            if t != h]


def extent_features(ctx: Context, h: int, t: int) -> list[str]:
    """Is token ``t`` part of the cue headed by ``h``."""
    p = ctx.p
    side = "L" if t < h else "R"
    dist = abs(t - h)
    if p.head[t] == h:
        rel = "kid"
    elif p.head[p.head[t]] == h:
        rel = "gkid"
    elif p.head[h] == t:
        rel = "head"
    else:
        rel = "other"
    dep, lem = p.dep[t], p.lemma[h]
    f = [f"d={side}{dist}", f"dep={dep}|{side}", f"w={p.lower[t]}|{side}",
         f"p={p.pos[t]}|{side}", f"r={rel}|{dep}|{side}", f"hw={lem}|{p.lower[t]}",
         f"hd={lem}|{dep}|{side}", f"hpd={p.pos[h]}|{dep}|{side}|{rel}",
         f"pd={p.pos[t]}|{dep}|{dist}"]
    lo, hi = (t, h) if t < h else (h, t)
    if any(p.pos[j] == "PUNCT" for j in range(lo + 1, hi)):
        f.append("gap")
    if rel == "gkid":
        f.append(f"g={p.dep[p.head[t]]}|{dep}|{side}")
    # The word beyond: a cue ends before its content starts ("said [that]",
    # "plans to [build]").
    j = t + 1 if side == "R" else t - 1
    if 0 <= j < p.n:
        f.append(f"nw={p.lower[j]}|{side}")
        f.append(f"nd={dep}|{p.dep[j]}|{side}")
        f.append(f"hnw={lem}|{p.lower[t]}|{p.lower[j]}")
    else:
        f.append(f"nw=|{side}")
    # What lies between the head and this word, by dependency.
    f.append(f"btw={side}|" + "/".join(p.dep[k] for k in range(lo + 1, hi))[:40])
    return f


@dataclass(frozen=True)
class Unit:
    """A piece of the cue's surroundings that is labelled as a whole."""

    first: int  # token range, inclusive
    last: int
    root: int  # the unit's top token (a sentence's first token for a sentence unit)
    rel: str  # how it hangs off the cue: "c>nsubj", "a1:ccomp>punct", "s+1", ...


def _ancestors(p: Parse, h: int) -> list[int]:
    out: list[int] = []
    while p.head[h] != h and len(out) < 20:
        h = p.head[h]
        out.append(h)
    return out


def units(p: Parse, cue: tuple[int, int], h: int) -> list[Unit]:
    """The units around the cue ``cue`` (token range) headed by ``h``, in text order."""
    ca, cb = cue
    ancestors = [a for a in _ancestors(p, h) if not ca <= a <= cb]
    path = {a: k for k, a in enumerate(ancestors, 1)}
    chain = [p.dep[h]] + [p.dep[a] for a in ancestors]
    out: list[Unit] = []
    for k, a in enumerate(ancestors, 1):
        out.append(Unit(a, a, a, f"a{k}:{'/'.join(chain[:k][-2:])}"))
    for t in list(range(ca, cb + 1)) + ancestors:
        up = path.get(t)
        if up is None:
            where = "c" if t == h else f"c:{p.dep[t]}"
        else:
            where = f"a{up}:{'/'.join(chain[:up][-2:])}"
        for c in p.children[t]:
            if c in path or ca <= c <= cb:
                continue
            out.extend(_split(p, c, f"{where}>{p.dep[c]}"))
    s = p.sent_of[h]
    for k in range(max(0, s - SENTENCE_REACH), min(len(p.sents), s + SENTENCE_REACH + 1)):
        if k != s:
            a, b = p.sents[k]
            out.append(Unit(a, b - 1, a, f"s{k - s:+d}"))
    out = [u for u in out if any(has_word(p, j) for j in range(u.first, u.last + 1))]
    out.sort(key=lambda u: (u.first, u.last))
    return out


def _split(p: Parse, c: int, rel: str) -> list[Unit]:
    """The subtree of ``c`` as one unit, less the clauses and phrases that
    trail it, which are units of their own: annotators often end a content
    before ", which ...", "and warned ...", "in July" (measured on PolNeAR
    train: X% of content pieces end there)."""
    kids = p.children[c]
    k = len(kids)
    if True:
        return [Unit(p.left_edge(c), p.right_edge(c), c, rel)]
    while k > 0 and kids[k - 1] > c and p.dep[kids[k - 1]] in TRAILING:
        k -= 1
    if k == len(kids):
        return [Unit(p.left_edge(c), p.right_edge(c), c, rel)]
    cut = p.left_edge(kids[k])
    out = [Unit(p.left_edge(c), cut - 1, c, rel)]
    out.extend(Unit(p.left_edge(t), p.right_edge(t), t, f"{rel}>{p.dep[t]}")
               for t in kids[k:])
    return out


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4+" if n < 8 else "8+" if n < 16 else "16+"


def unit_features(ctx: Context, cue: tuple[int, int], h: int, us: list[Unit], k: int,
                  cue_lex: str) -> list[str]:
    """Is unit ``us[k]`` the cue's source, its content, or neither."""
    p = ctx.p
    u = us[k]
    r = u.root
    ca, cb = cue
    side = "L" if u.last < ca else "R" if u.first > cb else "M"
    if side == "L":
        between = sum(1 for v in us if u.last < v.first and v.last < ca)
    elif side == "R":
        between = sum(1 for v in us if cb < v.first and v.last < u.first)
    else:
        between = 0
    rel = u.rel
    lem = p.lemma[h]
    n = u.last - u.first + 1
    first, last = u.first, u.last
    f = [f"r={rel}", f"rs={rel}|{side}", f"lr={lem}|{rel}", f"xr={cue_lex}|{rel}",
         f"rp={rel}|{p.pos[r]}", f"re={rel}|{p.ent_type[r]}", f"rt={rel}|{p.tag[r]}",
         f"sb={side}{min(between, 3)}", f"rb={rel}|{min(between, 3)}", f"len={_bucket(n)}",
         f"rl={rel}|{_bucket(n)}", f"f={p.lower[first]}", f"fl={p.lower[last]}",
         f"hd={p.dep[h]}|{rel}", f"ls={lem}|{side}"]
    # What a phrase is about: "in an interview", "on Tuesday" are circumstances
    # of the saying, "about the tax plan" its content.
    obj: int = r
    if p.dep[r] == "prep":
        obj = p.child(r, "pobj", "pcomp") or r
    if obj != r or p.pos[r] in ("NOUN", "PROPN"):
        f.append(f"ol={rel}|{p.lemma[obj]}")
        f.append(f"oe={rel}|{p.ent_type[obj]}")
    f.append(f"vb={rel}|{any(p.pos[j] in ('VERB', 'AUX') for j in range(first, last + 1))}")
    if k > 0:
        f.append(f"prev={us[k - 1].rel}|{rel}")
    if k + 1 < len(us):
        f.append(f"next={rel}|{us[k + 1].rel}")
    lo, hi = (u.last, ca) if side == "L" else (cb, u.first)
    if side != "M" and any("\n" in p.text[j] for j in range(lo, hi)):
        f.append(f"nl={rel}")
    if any(ctx.reporting(j) for j in range(first, last + 1)):
        f.append(f"rep={rel}")
    if p.pos[r] in ("PRON", "DET", "SCONJ") or p.tag[r] in ("WP", "WDT"):
        f.append(f"rw={rel}|{p.lower[r]}")
    qf, ql = ctx.quote_of[first], ctx.quote_of[last]
    if p.text[first] in _OPEN_QUOTES:
        f.append(f"qopen={rel}")
    if qf >= 0 and qf == ql:
        f.append(f"qin={side}")
        qa, qb = ctx.quotes[qf]
        if qa <= ca <= qb:
            f.append("qcue")
        elif qa >= u.first and qb <= u.last:
            f.append(f"qwhole={side}")
    if u.rel.startswith("s"):
        # A neighbouring sentence: part of the same quotation as the cue's
        # own content, or a sentence of its own?
        q = ctx.quote_of[u.first] if ctx.quote_of[u.first] >= 0 else ctx.quote_of[u.last]
        if q >= 0:
            qa, qb = ctx.quotes[q]
            near = qb >= ca - 3 if side == "L" else qa <= cb + 3
            f.append(f"sq={rel}|{near}")
            f.append(f"sql={lem}|{rel}|{near}")
    return f


def _level(x: float) -> int:
    return min(4, int(x * 5))


def neighbour_features(us: list[Unit], prob: Any) -> list[list[str]]:
    """Second-pass features of each unit from the first pass's role
    probabilities (rows: none, source, content) of all the cue's units: a
    unit between two content units is likely content, a second source
    unlikely when another unit is surely the source."""
    n = len(us)
    best_source = int(prob[:, 1].argmax()) if n else -1
    out = []
    for k, u in enumerate(us):
        pc, ps = float(prob[k, 2]), float(prob[k, 1])
        f = [f"oc={_level(pc)}", f"os={_level(ps)}", f"ocr={_level(pc)}|{u.rel}",
             f"am={int(best_source == k)}|{_level(ps)}"]
        if k > 0:
            f.append(f"pc={_level(float(prob[k - 1, 2]))}|{us[k - 1].last + 2 >= u.first}")
        else:
            f.append("pc=none")
        if k + 1 < n:
            f.append(f"nc={_level(float(prob[k + 1, 2]))}|{u.last + 2 >= us[k + 1].first}")
        else:
            f.append("nc=none")
        others = [j for j in range(n) if j != k]
        if others:
            f.append(f"bs={_level(max(float(prob[j, 1]) for j in others))}")
            f.append(f"mc={_level(max(float(prob[j, 2]) for j in others))}")
        out.append(f)
    return out
