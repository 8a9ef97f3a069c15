"""A parsed text as plain Python lists.

spaCy token attributes are properties that cross into Cython on every access;
the reader looks at each token's head, dependency, lemma and tag several
times, so it copies them once into lists (one pass over the tokens) and works
on integers and strings afterwards.  This is what keeps the reader's cost a
small fraction of the parse (see ``veracity bench read-speed``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from veracity.read import lexicon as lx

# What ``Parse`` copies out of a Doc, in the order it reads the columns.
_ATTRS = ["ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "IDX", "ENT_TYPE"]
# Lemmas the small model's rule lemmatizer gets wrong, by (lemma, word):
# "fined" is not a form of "fin".
_LEMMA_FIXES = {("fin", "fined"): "fine", ("fin", "fining"): "fine", ("fin", "fines"): "fine"}


class Parse:
    """Token arrays of one spaCy ``Doc`` plus sentence bounds."""

    __slots__ = ("doc", "n", "text", "lower", "lemma", "pos", "tag", "dep", "head", "idx",
                 "end", "children", "sent_of", "sents", "ent_type", "question_sents")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        # One array of the doc's attribute ids (no Token object per token and
        # attribute), each id turned into its string once.
        rows = doc.to_array(_ATTRS)
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def column(k: int) -> list[str]:
            out = []
            for h in rows[:, k].tolist():
                name = names.get(h)
                if name is None:
                    name = names[h] = strings[h]
                out.append(name)
            return out

        self.text, self.lower, lemma, self.pos, self.tag, self.dep, self.ent_type = (
            column(k) for k in (0, 1, 2, 3, 4, 5, 8))
        self.n = len(self.text)
        self.lemma = [_LEMMA_FIXES.get((lem.lower(), low), lem.lower())
                      for lem, low in zip(lemma, self.lower, strict=True)]
        # HEAD is stored relative to the token, as unsigned 64-bit.
        self.head = (rows[:, 6].astype(np.int64) + np.arange(self.n)).tolist()
        self.idx = rows[:, 7].tolist()
        self.end = [i + len(t) for i, t in zip(self.idx, self.text, strict=True)]
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.sents: list[tuple[int, int]] = [(s.start, s.end) for s in doc.sents]
        self.sent_of = [0] * self.n
        self.question_sents: set[int] = set()
        for k, (a, b) in enumerate(self.sents):
            for i in range(a, b):
                self.sent_of[i] = k
            # A sentence is a question when its last non-space token is "?".
            j = b - 1
            while j > a and self.pos[j] == "SPACE":
                j -= 1
            if self.text[j] == "?" or self._asks(a, b):
                self.question_sents.add(k)

    def _asks(self, a: int, b: int) -> bool:
        """A sentence opening with an auxiliary before its subject ("Did Rudd
        help tackle the man", a headline without its question mark); not "Will
        Smith ...", a name, nor "Do not ...", an order."""
        return (self.lower[a] in lx.QUESTION_OPENERS and self.pos[a] in ("AUX", "VERB")
                and self.tag[a] != "NNP" and a + 1 < b
                and self.pos[a + 1] in ("PROPN", "PRON", "DET", "NOUN", "ADJ", "NUM"))

    def child(self, i: int, *deps: str) -> int | None:
        for c in self.children[i]:
            if self.dep[c] in deps:
                return c
        return None

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if self.dep[c] in deps]

    def left_edge(self, i: int) -> int:
        ch = self.children[i]
        while ch and ch[0] < i:
            i = ch[0]
            ch = self.children[i]
        return i

    def right_edge(self, i: int) -> int:
        ch = self.children[i]
        while ch and ch[-1] > i:
            i = ch[-1]
            ch = self.children[i]
        return i

    def span_chars(self, a: int, b: int) -> tuple[int, int]:
        """Character span of tokens a..b inclusive, trimmed of edge punctuation/space."""
        while a < b and self.pos[a] in ("PUNCT", "SPACE") and self.text[a] not in ("“", '"'):
            a += 1
        while b > a and self.pos[b] in ("PUNCT", "SPACE") and self.text[b] not in ("”", '"'):
            b -= 1
        return self.idx[a], self.end[b]

    def sent_chars(self, k: int) -> tuple[int, int]:
        a, b = self.sents[k]
        return self.span_chars(a, b - 1)


# Arguments that negate their verb: "no one leaked", "nobody saw", "neither
# the nominee nor her campaign helped", "paid nothing", "has no weapon".
_NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "no-one", "noone"})


def subject_negates(p: Parse, i: int) -> bool:
    """Whether the subject or object of token ``i`` says that nobody did it, or
    nothing was done."""
    for c in p.children[i]:
        if p.dep[c] not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if p.lower[c] in _NEGATIVE_SUBJECTS:
            return True
        if any(p.lower[g] in ("no", "neither") and p.dep[g] in ("det", "preconj")
               for g in p.children[c]):
            return True
    return False
