"""Features of one event word for the trained factuality model.

The model (``factuality_model``) predicts the author's view of an event on the
−3…+3 scale of the factuality corpora (UW, MEANTIME, ...).  Its inputs, in
groups that can be measured one at a time (``GROUPS``):

* ``rules``: what the rule reader already decided — modality, the event's
  local certainty and sign, the cue classes of the attributions it sits under
  (innermost and outermost), the innermost source's stance and the author's,
  and the calibrated score of those (the per-category means of UW train);
* ``parse``: the word's part of speech, tag and relation, its auxiliaries and
  markers, the same for the words above it up to the root, and negation,
  modals and question marks along that path;
* ``lexicon``: the cue-lexicon classes (report, factive, denial, belief,
  intention, implicative...) of the word and of the words above it;
* ``vectors``: spaCy's own contextual token vector (``doc.tensor``, the
  tok2vec output the tagger and parser read), which costs nothing extra.

Everything here is plain Python and numpy: the shipped model needs no
training library.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from veracity.read import lexicon as lx
from veracity.read.cues import Layer, quote_spans
from veracity.read.parse import Parse, subject_negates
from veracity.read.stances import Value, score

# The rule reader's categories mapped to the corpora's scale: the mean gold
# value of each category on UW *train* (first 1,500 sentences), rounded.  The
# reader's labels follow reading.md (reported content, intentions and futures
# are "uncommitted", 0), but UW's annotators credit reported speech and plans.
CALIBRATED_MODALITY = {"intended": 1.6, "future": 1.7, "conditional": 1.0,
                       "hypothetical": 1.3, "question": 0.5}
CALIBRATED_REPORTED = {"CT": 2.3, "PR": 2.0, "PS": 1.0, "U": 0.0}


def calibrated(modality: str, layers: list[Any], vals: list[Any], author_v: Any) -> float:
    """The calibrated −3…+3 value of one event (see CALIBRATED_*)."""
    if modality != "actual":
        return CALIBRATED_MODALITY.get(modality, 0.0)
    if author_v[0] != "U" or not layers:
        return float(score(author_v))
    inner = vals[0]  # the innermost source's own stance
    return CALIBRATED_REPORTED[inner[0]] * (1 if inner[1] >= 0 else -1)


MODALITIES = ("actual", "future", "intended", "conditional", "hypothetical", "question")
CUE_CLASSES = ("neutral", "factive", "denial", "distancing", "hedge", "belief", "truth")
SOURCE_KINDS = ("author", "named", "unnamed")
_CERT = {"CT": 3, "PR": 2, "PS": 1, "U": 0}
POS_TAGS = ("VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADV", "ADP", "PRON")
FINE_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "NN", "NNS", "JJ")
DEPS = ("ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "amod", "nsubj",
        "nsubjpass", "dobj", "pobj", "pcomp", "compound", "attr", "acomp", "parataxis", "advmod")
# Words among a verb's auxiliaries and markers that bear on factuality.
AUX_WORDS = ("will", "would", "may", "might", "could", "can", "should", "must", "shall",
             "have", "be", "do", "to")
MARK_WORDS = ("if", "whether", "unless", "that", "because", "when", "after", "before",
              "while", "as", "until", "once")
# Determiners of a nominal event ("the attack", "no deal", "any talks", "his visit")
# and adverbs that place an event in time or doubt.
DET_WORDS = ("the", "a", "no", "any", "some", "this", "poss")
ADV_WORDS = ("already", "still", "yet", "again", "also", "just", "soon", "now", "ever",
             "even", "only", "once")
_AUX_ALIASES = {"'ll": "will", "’ll": "will", "wo": "will", "'d": "would", "’d": "would",
                "ca": "can", "has": "have", "had": "have", "having": "have", "is": "be",
                "was": "be", "were": "be", "are": "be", "been": "be", "being": "be",
                "am": "be", "'s": "be", "'re": "be", "does": "do", "did": "do"}

# Lexicon classes of a lemma, in a fixed order (one flag each).
_LEX: tuple[tuple[str, frozenset[str]], ...] = (
    ("report", lx.NEUTRAL_REPORT_VERBS | lx.EXTRA_REPORT_VERBS),
    ("factive", lx.FACTIVE_VERBS | lx.EVALUATIVE_VERBS),
    ("denial", lx.DENIAL_VERBS),
    ("distancing", lx.DISTANCING_VERBS),
    ("belief", lx.BELIEF_VERBS),
    ("intention", lx.INTENTION_VERBS | lx.DIRECTIVE_VERBS),
    ("implicative_pos", lx.IMPLICATIVE_POSITIVE),
    ("implicative_neg", lx.IMPLICATIVE_NEGATIVE),
    ("report_noun", lx.REPORT_NOUNS),
    ("evidence_noun", lx.EVIDENCE_NOUNS),
    ("possibility_noun", lx.POSSIBILITY_NOUNS),
    ("question_noun", lx.QUESTION_NOUNS),
    ("hedge", lx.HEDGE_ADVERBS | lx.HEDGE_ADJECTIVES),
    ("possible", lx.POSSIBLE_MODALS),
    ("probable", lx.PROBABLE_WORDS | frozenset({"expected"})),
    ("negation", lx.NEGATIONS),
    ("falsity", lx.DISCREDITING_WORDS),
    ("light", frozenset({"be", "have", "do", "get", "become", "seem", "appear", "make"})),
)
LEX_NAMES = tuple(name for name, _ in _LEX)
# Ancestors described one by one above the event (the rest only summed).
ANCESTORS = 3
VECTOR_DIM = 96  # en_core_web_sm's tok2vec width


def _onehot(prefix: str, values: tuple[str, ...]) -> list[str]:
    return [f"{prefix}={v}" for v in values]


def _rule_names() -> list[str]:
    names = _onehot("modality", MODALITIES)
    names += ["local_cert", "local_sign", "author_score", "calibrated",
              "layers", "inner_score", "inner_negated", "inner_nominal", "outer_factive"]
    names += _onehot("inner_cls", CUE_CLASSES) + _onehot("outer_cls", CUE_CLASSES)
    names += _onehot("inner_kind", SOURCE_KINDS)
    return names


def _word_names(prefix: str) -> list[str]:
    names = _onehot(f"{prefix}pos", POS_TAGS) + _onehot(f"{prefix}tag", FINE_TAGS)
    names += _onehot(f"{prefix}dep", DEPS) + _onehot(f"{prefix}aux", AUX_WORDS)
    names += _onehot(f"{prefix}mark", MARK_WORDS) + _onehot(f"{prefix}det", DET_WORDS)
    names += _onehot(f"{prefix}adv", ADV_WORDS)
    names += [f"{prefix}neg", f"{prefix}never", f"{prefix}neg_subject", f"{prefix}passive",
              f"{prefix}present", f"{prefix}plural", f"{prefix}prep", f"{prefix}nummod",
              f"{prefix}subject", f"{prefix}object", f"{prefix}children"]
    return names


def _parse_names() -> list[str]:
    names = _word_names("")
    for k in range(1, ANCESTORS + 1):
        names += [f"up{k}_exists"] + _word_names(f"up{k}_")
    names += ["depth", "path_neg", "path_modal", "path_future", "path_cond", "question",
              "sent_neg", "sent_modal", "sent_hedge", "sent_len", "position", "quoted"]
    return names


def _lex_names() -> list[str]:
    names = _onehot("lex", LEX_NAMES)
    for k in range(1, ANCESTORS + 1):
        names += _onehot(f"up{k}_lex", LEX_NAMES)
    names += _onehot("path_lex", LEX_NAMES) + _onehot("sent_lex", LEX_NAMES)
    return names


GROUPS: dict[str, tuple[str, ...]] = {
    "rules": tuple(_rule_names()),
    "parse": tuple(_parse_names()),
    "lexicon": tuple(_lex_names()),
    "vectors": tuple(f"vec{k}" for k in range(VECTOR_DIM)),
    "head_vectors": tuple(f"up1_vec{k}" for k in range(VECTOR_DIM)),
}
ALL_FEATURES: tuple[str, ...] = tuple(n for g in GROUPS.values() for n in g)


def columns(groups: tuple[str, ...]) -> np.ndarray:
    """Indices into ``ALL_FEATURES`` of the features of ``groups``."""
    wanted = {n for g in groups for n in GROUPS[g]}
    return np.asarray([k for k, n in enumerate(ALL_FEATURES) if n in wanted], dtype=np.int64)


@lru_cache(maxsize=65536)
def _lex_flags(lemma: str, lower: str) -> tuple[float, ...]:
    return tuple(1.0 if lemma in words or lower in words else 0.0 for _, words in _LEX)


def _onehot_of(value: str, values: tuple[str, ...]) -> list[float]:
    return [1.0 if value == v else 0.0 for v in values]


_DET_ALIASES = {"an": "a", "that": "this", "these": "this", "those": "this"}


def _word(p: Parse, i: int) -> list[float]:
    """The part of speech, tag, relation, auxiliaries, markers, determiners and
    adverbs of token i."""
    aux = dict.fromkeys(AUX_WORDS, 0.0)
    mark = dict.fromkeys(MARK_WORDS, 0.0)
    det = dict.fromkeys(DET_WORDS, 0.0)
    adv = dict.fromkeys(ADV_WORDS, 0.0)
    neg = never = passive = prep = nummod = subj = obj = 0.0
    for c in p.children[i]:
        d = p.dep[c]
        low = p.lower[c]
        if d in ("aux", "auxpass"):
            w = "to" if p.tag[c] == "TO" else _AUX_ALIASES.get(low, low)
            if w in aux:
                aux[w] = 1.0
            if d == "auxpass":
                passive = 1.0
        elif d == "mark" and low in mark:
            mark[low] = 1.0
        elif d == "neg":
            neg = 1.0
        elif d == "det":
            w = _DET_ALIASES.get(low, low)
            if w in det:
                det[w] = 1.0
        elif d == "poss":
            det["poss"] = 1.0
        elif d == "prep":
            prep = 1.0
        elif d == "nummod":
            nummod = 1.0
        elif d in ("nsubj", "nsubjpass", "csubj"):
            subj = 1.0
        elif d in ("dobj", "attr", "oprd"):
            obj = 1.0
        if low in adv and d in ("advmod", "npadvmod"):
            adv[low] = 1.0
        if low == "never":
            never = 1.0
    tag = p.tag[i]
    present = 1.0 if tag in ("VBZ", "VBP") or any(
        p.dep[c] == "aux" and p.tag[c] in ("VBZ", "VBP") for c in p.children[i]) else 0.0
    neg_subject = 1.0 if subject_negates(p, i) else 0.0
    return (_onehot_of(p.pos[i], POS_TAGS) + _onehot_of(tag, FINE_TAGS)
            + _onehot_of(p.dep[i], DEPS) + list(aux.values()) + list(mark.values())
            + list(det.values()) + list(adv.values())
            + [neg, never, neg_subject, passive, present, 1.0 if tag in ("NNS", "NNPS") else 0.0,
               prep, nummod, subj, obj, float(len(p.children[i]))])


_WORD_WIDTH = len(_word_names(""))


def _rules(modality: str, local: Value, layers: list[Layer], vals: list[Value],
           author: Value) -> list[float]:
    inner = layers[0] if layers else None
    outer = layers[-1] if layers else None
    out = _onehot_of(modality, MODALITIES)
    out += [float(_CERT[local[0]]), float(local[1]), float(score(author)),
            calibrated(modality, layers, vals, author), float(len(layers)),
            float(score(vals[0])) if vals else 0.0,
            float(inner.negated) if inner else 0.0, float(inner.nominal) if inner else 0.0,
            1.0 if outer is not None and outer.cls == "factive" and not outer.negated else 0.0]
    out += _onehot_of(inner.cls if inner else "", CUE_CLASSES)
    out += _onehot_of(outer.cls if outer else "", CUE_CLASSES)
    out += _onehot_of(inner.source_kind if inner else "", SOURCE_KINDS)
    return out


_NEG_WORDS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither",
                        "nor", "without"})
_MODAL_WORDS = frozenset({"may", "might", "could", "would", "should", "must", "can", "will",
                          "'ll", "wo", "shall"})


class SentenceCache:
    """Per-sentence sums shared by every event of a sentence, and each token's
    ``_word`` row, shared by the events below it (their path to the root)."""

    def __init__(self, p: Parse) -> None:
        self.p = p
        self._cache: dict[int, list[float]] = {}
        self._words: dict[int, list[float]] = {}
        self.quoted = _quoted_tokens(p)

    def word(self, i: int) -> list[float]:
        """``_word(p, i)``, made once per token; not to be changed by the caller."""
        row = self._words.get(i)
        if row is None:
            row = self._words[i] = _word(self.p, i)
        return row

    def of(self, k: int) -> list[float]:
        hit = self._cache.get(k)
        if hit is not None:
            return hit
        p = self.p
        a, b = p.sents[k]
        neg = modal = hedge = 0.0
        for low in p.lower[a:b]:
            if low in _NEG_WORDS:
                neg += 1
            if low in _MODAL_WORDS:
                modal += 1
            if low in lx.HEDGE_ADVERBS or low in lx.POSSIBLE_MODALS:
                hedge += 1
        vocab = set(p.lemma[a:b]) | set(p.lower[a:b])
        lex = [0.0 if words.isdisjoint(vocab) else 1.0 for _, words in _LEX]
        out = [neg, modal, hedge, float(b - a)]
        self._cache[k] = out + lex
        return self._cache[k]


def _quoted_tokens(p: Parse) -> set[int]:
    """Tokens inside quotation marks."""
    return {j for a, b in quote_spans(p) for j in range(a + 1, b)}


def features(p: Parse, sents: SentenceCache, tensor: Any, i: int, modality: str, local: Value,
             layers: list[Layer], vals: list[Value], author: Value) -> np.ndarray:
    """One row of ``ALL_FEATURES`` for token ``i`` (see the module docstring), from
    the rule reader's decision for it (``TextReader.value_of``)."""
    rules = _rules(modality, local, layers, vals, author)
    parse = list(sents.word(i))
    lex = list(_lex_flags(p.lemma[i], p.lower[i]))
    path_neg = path_modal = path_future = path_cond = 0.0
    path_lex = [0.0] * len(_LEX)
    cur = i
    depth = 0
    for k in range(1, 12):
        if p.head[cur] == cur:
            break
        cur = p.head[cur]
        depth = k
        row = sents.word(cur)
        flags = _lex_flags(p.lemma[cur], p.lower[cur])
        if k <= ANCESTORS:
            parse += [1.0] + row
            lex += flags
        path_lex = [max(x, y) for x, y in zip(path_lex, flags, strict=True)]
        for c in p.children[cur]:
            low = p.lower[c]
            if p.dep[c] == "neg" or low == "never":
                path_neg += 1
            elif p.dep[c] in ("aux", "auxpass") and low in _MODAL_WORDS:
                path_modal += 1
                if low in ("will", "'ll", "wo", "shall", "would"):
                    path_future += 1
            elif p.dep[c] == "mark" and low in ("if", "unless", "whether"):
                path_cond += 1
    missing = ANCESTORS - min(depth, ANCESTORS)
    parse += [0.0] * ((1 + _WORD_WIDTH) * missing)
    lex += [0.0] * (len(_LEX) * missing)
    k = p.sent_of[i]
    sent = sents.of(k)
    a, b = p.sents[k]
    parse += [float(depth), path_neg, path_modal, path_future, path_cond,
              1.0 if k in p.question_sents else 0.0, *sent[:4],
              (i - a) / max(1, b - a), 1.0 if i in sents.quoted else 0.0]
    lex += path_lex + sent[4:]
    head = p.head[i]
    return np.concatenate([np.asarray(rules + parse + lex, dtype=np.float32),
                           _vector(tensor, i), _vector(tensor, head)])


def _vector(tensor: Any, i: int) -> np.ndarray:
    """Row i of spaCy's ``doc.tensor`` (zeros where a pipeline left it empty)."""
    if tensor is None or len(tensor) <= i or tensor.shape[1] < VECTOR_DIM:
        return np.zeros(VECTOR_DIM, dtype=np.float32)
    return np.asarray(tensor[i, :VECTOR_DIM], dtype=np.float32)


def head_of(doc: Any, a: int, b: int) -> int:
    """The token of [a, b) whose head lies outside the span (else the last)."""
    for i in range(a, b):
        h = doc[i].head.i
        if h < a or h >= b or h == i:
            return i
    return b - 1
