"""From the parse to each source's stance toward each event.

The stance of every source follows from the predicates on the path between the
source and the event, evaluated from the innermost outwards (Saurí &
Pustejovsky's De Facto, simplified):

* the event's own words give a local value: certain, probable, possible or
  underspecified, positive or negative ("did not meet" is certain-negative,
  "may have met" possible, "would end" future, so underspecified);
* the innermost source's stance is that value passed through its cue class
  (a denial reverses it, a belief verb weakens certainty to probable);
* an outer source adopts an inner stance only through a factive ("confirmed
  reports that ...") and reverses it through a denial ("denying reports that
  ..."); any other embedding leaves it uncommitted;
* the author is the outermost source and asserts only what is not attributed
  to anyone else (or what a factive presupposes).
"""

from __future__ import annotations

from veracity.read import lexicon as lx
from veracity.read.cues import Layer
from veracity.read.parse import Parse, subject_negates

# Values are (certainty, sign): certainty CT, PR, PS or U; sign +1 / -1 / 0.
Value = tuple[str, int]
CT_POS: Value = ("CT", 1)
UNDER: Value = ("U", 0)
_SCORE = {"CT": 3, "PR": 2, "PS": 1, "U": 0}


def score(v: Value) -> int:
    """The -3..+3 factuality scale of the benchmarks."""
    return _SCORE[v[0]] * v[1]


def label(v: Value) -> str:
    cert, sign = v
    if cert == "U" or sign == 0:
        return "uncommitted"
    if sign < 0:
        # The label set has no "probably not": a hedged negative is no denial.
        return "denies" if cert == "CT" else "uncommitted"
    return {"CT": "asserts", "PR": "probable", "PS": "possible"}[cert]


def negate(v: Value) -> Value:
    if v[0] == "U":
        # Rejecting a proposal or a plan is rejecting that it will happen.
        return ("CT", -1)
    return (v[0], -v[1])


def through(cls: str, v: Value, negated: bool = False) -> Value:
    """The stance of a cue's own source toward what the cue embeds."""
    if negated:
        return UNDER  # "did not say", "never confirmed": no position taken
    if cls == "denial":
        return negate(v)
    if cls == "belief" and v[0] == "CT":
        return ("PR", v[1])
    if cls == "truth":
        return v
    return v


_FUTURE = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_WOULD = frozenset({"would", "'d", "’d"})
_PROBABLE_ADV = lx.PROBABLE_WORDS
_POSSIBLE = frozenset({"may", "might", "could", "possibly", "perhaps", "maybe", "conceivably"})


_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
_PAREN_OPEN = frozenset({"—", "–", "(", "--"})


def boundary(p: Parse, cur: int) -> bool:
    """True when ``cur``'s clause is not embedded in its head's content:
    a parenthetical ("— a prospect Kyiv has firmly rejected —") or a
    contrastive adverbial clause ("..., while Trump's team declined ...")."""
    d = p.dep[cur]
    if d == "advcl":
        le = p.left_edge(cur)
        # ", while Trump's team declined": a second statement, not part of the
        # first ("warned him while reminding him" stays embedded).
        if "," in p.text[max(0, le - 2):le] and any(
                p.dep[c] == "mark" and p.lower[c] in _CONTRAST_MARKS for c in p.children[cur]):
            return True
    if d in ("ccomp", "xcomp", "conj"):
        return False
    le = p.left_edge(cur)
    return le > 0 and p.text[le - 1] in _PAREN_OPEN and p.head[cur] < le


_PRESUPPOSING_MARKS = frozenset({"after", "because", "since"})


def _presupposed(p: Parse, cur: int) -> bool:
    """A past clause introduced by "after", "because" or "since" ("after hackers
    targeted", "because the party had abandoned him"); a present one ("after
    the delegation arrives") is as future as the clause it hangs on."""
    marked = any(p.dep[c] == "mark" and p.lower[c] in _PRESUPPOSING_MARKS
                 for c in p.children[cur])
    past = p.tag[cur] in ("VBD", "VBN") or any(
        p.dep[c] == "aux" and p.lower[c] in ("had", "has", "have") for c in p.children[cur])
    return marked and past


def _content_noun(p: Parse, cur: int, gov: int, rel: str) -> bool:
    """Is ``cur`` the content clause of "evidence / possibility / question"?"""
    if p.pos[gov] != "NOUN":
        return False
    lem = p.lemma[gov]
    if not (lem in lx.EVIDENCE_NOUNS or lem in lx.POSSIBILITY_NOUNS or lem in lx.QUESTION_NOUNS):
        return False
    if rel in ("acl", "ccomp", "appos"):
        return True
    # the parser sometimes makes "that X" a relative clause of the noun
    return rel == "relcl" and any(p.dep[c] == "mark" for c in p.children[cur])


def _infinitive_partner(p: Parse, i: int) -> int:
    """Where a verb the parser coordinated with the wrong verb belongs, for
    walking up its clauses: "declined to threaten Moscow or even declare it
    responsible" joins the bare *declare* to *declined*, but it goes with
    *threaten*; "refused to apologize and defended the remark" joins the finite
    *defended* to *apologize*, but it goes with *refused*."""
    gov = p.head[i]
    if p.dep[i] != "conj" or any(p.dep[c] in ("nsubj", "nsubjpass", "aux")
                                 for c in p.children[i]):
        return i
    if p.tag[i] in ("VBD", "VBZ") and p.tag[gov] == "VB" and p.dep[gov] == "xcomp":
        return int(p.head[gov])
    if p.lower[i] != p.lemma[i] or p.tag[gov] not in ("VBD", "VBZ", "VBP"):
        return i
    # The bare verb's conjunction hangs on the infinitive it joins.
    partner = next((c for c in p.children[gov] if p.dep[c] == "xcomp" and c < i
                    and any(p.tag[x] == "TO" for x in p.children[c])
                    and any(p.dep[x] == "cc" and x < i for x in p.children[c])), None)
    return i if partner is None else partner


def local_value(p: Parse, i: int, layer_roots: set[int]) -> tuple[str, Value, bool]:
    """Modality, local value and whether an implicative negated the event.

    Walks from the event up its clause chain until it meets a cue's content
    root; conditionals and questions propagate across cues, other modality
    does not ("he said he would end the war": future for *end* only).
    """
    modality = "actual"
    cert = "CT"
    sign = 1
    neg = any(p.dep[c] == "neg" or p.lower[c] == "never" for c in p.children[i]) \
        or subject_negates(p, i) \
        or (p.pos[i] == "NOUN" and any(p.lower[c] == "no" for c in p.children[i]))
    if neg:
        sign = -1
    cur = _infinitive_partner(p, i)
    crossed = False
    # Auxiliaries and modal adverbs count on the event and the verbs it is
    # coordinated with ("will meet and discuss"), not on clauses above it.
    own = True
    for _ in range(10):
        for c in p.children[cur]:
            low = p.lower[c]
            d = p.dep[c]
            if d in ("aux", "auxpass") and own:
                if low in _FUTURE and modality == "actual":
                    modality = "future"
                elif low in _WOULD and modality == "actual":
                    modality = "future"
                elif low in _POSSIBLE:
                    cert = "PS"
                elif low in lx.DEONTIC_MODALS and modality == "actual":
                    modality = "hypothetical"
            elif d == "advmod" and own:
                if low in _POSSIBLE:
                    cert = "PS"
                elif low in _PROBABLE_ADV:
                    cert = "PR" if cert == "CT" else cert
            elif d == "mark":
                if low in ("if", "unless"):
                    modality = "conditional"
                elif low == "whether" and modality in ("actual", "future"):
                    modality = "hypothetical"
        if p.sent_of[cur] in p.question_sents and cur == p.head[cur]:
            modality = "question"
        if cur == p.head[cur] or boundary(p, cur):
            break
        gov = p.head[cur]
        rel = p.dep[cur]
        if rel == "advcl" and _presupposed(p, cur):
            # "warned officials to boost security after hackers targeted two
            # states": the targeting is told as past fact, whatever the
            # warning wants done; who tells it is still the chain's business.
            break
        glem = p.lemma[gov]
        infinitive = any(p.tag[c] == "TO" for c in p.children[cur])
        if not crossed:
            if rel in ("xcomp", "ccomp") and glem in lx.IMPLICATIVE_NEGATIVE and infinitive:
                # "failed to meet": did not happen; only the verb itself (or its
                # coordinated verbs), not clauses hanging below it.
                if own:
                    sign = -sign
                    if any(p.dep[c] == "neg" for c in p.children[gov]):
                        sign = -sign
            elif rel in ("xcomp", "ccomp") and glem in lx.INTENTION_VERBS:
                if glem in ("try", "attempt") or modality == "actual":
                    modality = "intended"
            elif rel == "xcomp" and glem in ("likely", "expected"):
                cert = "PR"
            elif rel == "xcomp" and glem in lx.IMPLICATIVE_POSITIVE:
                pass
            elif infinitive and rel in ("acl", "advcl", "xcomp", "relcl"):
                # Purpose ("in order to end") and directives ("warned him not
                # to escalate"): wanted, not reported as done.
                if modality == "actual":
                    modality = "intended"
            elif rel == "pcomp" and p.lower[gov] == "without":
                sign = -sign
            elif _content_noun(p, cur, gov, rel):
                if glem in lx.QUESTION_NOUNS:
                    modality = "hypothetical" if modality == "actual" else modality
                elif glem in lx.POSSIBILITY_NOUNS:
                    cert = "PS"
                elif any(p.lower[c] in ("no", "little", "scant") or p.dep[c] == "neg"
                         for c in p.children[gov]) or p.child(p.head[gov], "neg") is not None:
                    cert, modality = "U", "hypothetical" if modality == "actual" else modality
                else:
                    cert = "PR"
        if cur in layer_roots:
            crossed = True
        # A nominal event ("end the war") takes the modality of its verb.
        own = own and (rel == "conj" or p.pos[cur] in ("NOUN", "PROPN", "ADP"))
        cur = gov
    if p.sent_of[i] in p.question_sents and modality == "actual":
        modality = "question"
    if modality != "actual":
        return modality, UNDER, sign < 0
    return modality, (cert, sign), sign < 0


def chain(p: Parse, i: int, by_root: dict[int, list[Layer]]) -> list[Layer]:
    """The layers between an event and the author, innermost first."""
    out: list[Layer] = []
    cur = i
    seen: set[int] = set()
    for _ in range(12):
        for layer in by_root.get(cur, ()):
            if layer.cue not in seen and layer.cue != i:
                seen.add(layer.cue)
                out.append(layer)
        if cur == p.head[cur] or boundary(p, cur):
            break
        cur = p.head[cur]
    return out


def stances(v: Value, layers: list[Layer]) -> tuple[list[Value], Value]:
    """Stance of each layer's source (same order as ``layers``) and the author's."""
    vals: list[Value] = []
    prev: Layer | None = None
    for layer in layers:
        if prev is None:
            s = through(layer.cls, v, layer.negated)
        else:
            inner = vals[-1]
            if layer.negated:
                s = UNDER
            elif prev.cls == "factive" and not prev.negated:
                s = through(layer.cls, inner)
            elif layer.cls == "denial":
                s = negate(inner) if inner[0] == "CT" else UNDER
            elif layer.cls == "factive" and (prev.nominal or prev.cls == "hedge"):
                s = inner
            else:
                s = UNDER
        vals.append(s)
        prev = layer
    if not layers:
        return vals, v
    last = layers[-1]
    if last.cls == "factive" and not last.negated:
        return vals, vals[-1] if vals[-1][0] != "U" else UNDER
    return vals, UNDER
