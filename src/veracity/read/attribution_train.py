"""Training the attribution model on PolNeAR (``veracity train attribution``).

PolNeAR's brat files give each attribution's source, cue and content as
character spans (``T`` lines) tied together by an ``E`` line.  Each gold
attribution becomes training rows for the three classifiers of
``attribution_features``: its cue's head word is a positive head (every other
candidate word a negative), the words near the head are in or out of its cue,
and the units around the cue are its source, its content or neither.

Training is deterministic: rows in file order, a vocabulary in sorted order,
and L2 logistic regression by L-BFGS on one thread; the same data gives the
same artefact bytes.  Only this module needs scikit-learn.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veracity.errors import UsageError
from veracity.read import attribution_features as af
from veracity.read.attribution_model import (
    FORMAT_VERSION,
    ROLES,
    AttributionModel,
    Linear,
    softmax,
)
from veracity.read.parse import Parse

# Inverse L2 strength of each classifier and the fewest training rows a
# feature must occur in to be kept.  Chosen on PolNeAR dev (see the README).
C_HEAD = 0.5
C_EXTENT = 1.0
C_ROLE = 0.5
MIN_COUNT = 2
# Features whose every weight is smaller than this are dropped, and weights
# are stored as float16: the artefact shrinks from 5.2 MB to 1.6 MB with the
# same PolNeAR dev figures (measured at 0.01, 0.03 and 0.05).
PRUNE = 0.03
MAX_ITER = 400
TOL = 1e-4
# Decision thresholds, chosen on PolNeAR dev.
THRESHOLDS = {"head": 0.5, "extent": 0.5, "source": 0.5, "content": 0.5}

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: character spans of its parts (a part may be
    discontinuous, as a quotation split by "he said")."""

    source: Pieces
    cue: Pieces
    content: Pieces


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def read_attributions(ann: str) -> list[GoldAttribution]:
    """The attributions of a brat ``.ann`` file (``E`` lines joining ``T`` spans)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            _, _, offsets = parts[1].partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                a, _, b = piece.strip().partition(" ")
                if a.isdigit() and b.isdigit() and int(a) < int(b):
                    pieces.append((int(a), int(b)))
            spans[parts[0]] = pieces
        elif line.startswith("E"):
            events.append(parts[1].split())
    out = []
    for roles in events:
        got: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
        for role in roles:
            kind, _, tid = role.partition(":")
            kind = kind.lower().rstrip("0123456789")
            if kind in got:
                got[kind].extend(spans.get(tid, ()))
        if got["cue"]:
            out.append(GoldAttribution(*(tuple(sorted(got[k]))
                                         for k in ("source", "cue", "content"))))
    return out


def read_split(directory: str | Path, limit: int | None = None) -> list[Article]:
    """A PolNeAR split (``text/*.txt`` with ``attributions/NAME_*.ann``), in
    name order; of several annotation files of one text the first is used, as
    ``veracity bench attribution`` does."""
    root = Path(directory)
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise UsageError(f"{directory}: expected a PolNeAR split with text/ and attributions/")
    by_stem: dict[str, list[Path]] = {}
    for a in sorted(anns.glob("*.ann")):
        by_stem.setdefault(a.stem.rsplit("_", 1)[0], []).append(a)
        by_stem.setdefault(a.stem, []).append(a)
    out = []
    for t in sorted(texts.glob("*.txt")):
        match = by_stem.get(t.stem)
        if not match:
            continue
        out.append(Article(t.stem, t.read_text(encoding="utf-8"),
                           tuple(read_attributions(match[0].read_text(encoding="utf-8")))))
        if limit and len(out) >= limit:
            break
    if not out:
        raise UsageError(f"{directory}: no text/*.txt with a matching attributions/*.ann")
    return out


def data_hash(articles: Iterable[Article]) -> str:
    """SHA-256 of the training data as read: names, texts and attributions."""
    h = hashlib.sha256()
    for a in articles:
        h.update(a.name.encode("utf-8") + b"\0" + a.text.encode("utf-8") + b"\0")
        h.update(repr(a.attributions).encode("utf-8") + b"\0")
    return h.hexdigest()


def _tokens(p: Parse, starts: dict[int, int], pieces: Pieces) -> set[int]:
    """Tokens with a word character inside the character spans."""
    out: set[int] = set()
    for a, b in pieces:
        for i in range(_first_token(p, starts, a), p.n):
            if p.idx[i] >= b:
                break
            if p.end[i] > a and af.has_word(p, i):
                out.add(i)
    return out


def _first_token(p: Parse, starts: dict[int, int], a: int) -> int:
    k = starts.get(a)
    if k is not None:
        return k
    lo, hi = 0, p.n
    while lo < hi:  # the first token ending after a
        mid = (lo + hi) // 2
        if p.end[mid] <= a:
            lo = mid + 1
        else:
            hi = mid
    return lo


def cue_head(p: Parse, toks: set[int]) -> int:
    """The cue word whose syntactic head lies outside the cue (the first such)."""
    for t in sorted(toks):
        if p.head[t] not in toks or p.head[t] == t:
            return t
    return min(toks)


@dataclass
class Rows:
    """Training rows of the three classifiers."""

    head: list[list[str]] = field(default_factory=list)
    head_y: list[int] = field(default_factory=list)
    extent: list[list[str]] = field(default_factory=list)
    extent_y: list[int] = field(default_factory=list)
    role: list[list[str]] = field(default_factory=list)
    role_y: list[int] = field(default_factory=list)
    # Each cue's units (its role rows are consecutive), with its article's number.
    role_units: list[tuple[int, list[af.Unit]]] = field(default_factory=list)
    articles: int = 0

    def add(self, p: Parse, golds: Sequence[GoldAttribution]) -> None:
        ctx = af.Context(p)
        starts = {p.idx[i]: i for i in range(p.n)}
        heads: set[int] = set()
        for g in golds:
            cue = _tokens(p, starts, g.cue)
            if not cue:
                continue
            h = cue_head(p, cue)
            heads.add(h)
            for t in af.extent_window(p, h):
                self.extent.append(af.extent_features(ctx, h, t))
                self.extent_y.append(int(t in cue))
            span = (min(cue), max(cue))
            source = _tokens(p, starts, g.source)
            content = _tokens(p, starts, g.content)
            us = af.units(p, span, h)
            lex = ctx.lex(p.lemma[h])
            self.role_units.append((self.articles, us))
            for k, u in enumerate(us):
                words = {j for j in range(u.first, u.last + 1) if af.has_word(p, j)}
                label = 1 if words <= source else 2 if words <= content else 0
                self.role.append(af.unit_features(ctx, span, h, us, k, lex))
                self.role_y.append(label)
        for i in af.head_candidates(p):
            self.head.append(af.head_features(ctx, i))
            self.head_y.append(int(i in heads))
        self.articles += 1

    def second_pass(self, *, folds: int = 2) -> list[list[str]]:
        """Role rows with the neighbour features of ``attribution_features``,
        from first-pass probabilities of models that did not see the row's
        article (articles dealt into ``folds`` folds by their number): on its
        own training rows a model is surer than it will be on new text."""
        fold_of = np.zeros(len(self.role), dtype=np.int64)
        starts = []
        n = 0
        for article, us in self.role_units:
            starts.append(n)
            fold_of[n:n + len(us)] = article % folds
            n += len(us)
        prob = np.zeros((len(self.role), len(ROLES)), dtype=np.float32)
        for fold in range(folds):
            inside = np.flatnonzero(fold_of != fold)
            outside = np.flatnonzero(fold_of == fold)
            if not len(outside):
                continue
            lin = fit_linear([self.role[k] for k in inside], [self.role_y[k] for k in inside],
                             c=C_ROLE)
            prob[outside] = softmax(lin.scores([self.role[k] for k in outside]))
        out: list[list[str]] = []
        for (_, us), a in zip(self.role_units, starts, strict=True):
            more = af.neighbour_features(us, prob[a:a + len(us)])
            out.extend(self.role[a + k] + m for k, m in enumerate(more))
        return out


def fit_linear(rows: Sequence[Sequence[str]], y: Sequence[int], *, c: float,
               min_count: int = MIN_COUNT, max_iter: int = MAX_ITER,
               tol: float = TOL) -> Linear:
    """L2 logistic regression over binary features (one output for two classes,
    one per class otherwise)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for r in rows for f in set(r))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: k for k, f in enumerate(names)}
    indptr = [0]
    cols: list[int] = []
    for r in rows:
        cols.extend(sorted({index[f] for f in r if f in index}))
        indptr.append(len(cols))
    x = csr_matrix((np.ones(len(cols), dtype=np.float64), np.asarray(cols, dtype=np.int64),
                    np.asarray(indptr, dtype=np.int64)), shape=(len(rows), len(names)))
    target = np.asarray(y)
    if len(set(target.tolist())) < 2:
        raise UsageError("attribution training: every row has the same label; "
                         "more annotated articles are needed")
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=max_iter, tol=tol)
    clf.fit(x, target)
    weights = clf.coef_.T.astype(np.float32)
    return Linear(names, weights, clf.intercept_.astype(np.float32))


def pruned(lin: Linear, cut: float = PRUNE) -> Linear:
    """The classifier without features whose weights are all below ``cut``,
    its weights rounded to float16 (as the artefact stores them)."""
    keep = np.flatnonzero(np.abs(lin.weights).max(axis=1) >= cut)
    weights = lin.weights[keep].astype(np.float16).astype(np.float32)
    return Linear([lin.names[k] for k in keep], weights, lin.bias)


@dataclass(frozen=True)
class TrainReport:
    articles: int
    attributions: int
    rows: dict[str, int]
    features: dict[str, int]


def parse_articles(articles: Sequence[Article],
                   progress: Callable[[int, int], None] | None = None) -> list[Parse]:
    """The articles parsed by the reader's own pipeline."""
    from veracity.read.nlp import load_nlp

    nlp = load_nlp()
    out = []
    for k, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=16), 1):
        out.append(Parse(doc))
        if progress is not None and (k % 50 == 0 or k == len(articles)):
            progress(k, len(articles))
    return out


def train_attribution(articles: Sequence[Article], parses: Sequence[Parse], *,
                      command: str = "", source: str = "",
                      thresholds: dict[str, float] | None = None,
                      ) -> tuple[AttributionModel, TrainReport]:
    """Fit the three classifiers on parsed, annotated articles."""
    from threadpoolctl import threadpool_limits

    rows = Rows()
    for art, p in zip(articles, parses, strict=True):
        rows.add(p, art.attributions)
    # One thread: BLAS threads would split sums differently from run to run.
    with threadpool_limits(limits=1):
        head = pruned(fit_linear(rows.head, rows.head_y, c=C_HEAD))
        extent = pruned(fit_linear(rows.extent, rows.extent_y, c=C_EXTENT))
        role = pruned(fit_linear(rows.role, rows.role_y, c=C_ROLE))
        role2 = pruned(fit_linear(rows.second_pass(), rows.role_y, c=C_ROLE))
    counts = {"head": len(rows.head), "extent": len(rows.extent), "role": len(rows.role)}
    feats = {"head": len(head.names), "extent": len(extent.names), "role": len(role.names),
             "role2": len(role2.names)}
    n_att = sum(len(a.attributions) for a in articles)
    meta: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "roles": list(ROLES),
        "trained_on": source,
        "data_sha256": data_hash(articles),
        "articles": len(articles),
        "attributions": n_att,
        "command": command,
        "thresholds": dict(thresholds or THRESHOLDS),
        "params": {"c_head": C_HEAD, "c_extent": C_EXTENT, "c_role": C_ROLE,
                   "min_count": MIN_COUNT, "max_iter": MAX_ITER, "tol": TOL,
                   "prune": PRUNE,
                   "extent_window": af.EXTENT_WINDOW, "sentence_reach": af.SENTENCE_REACH},
        "rows": counts,
        "features": feats,
    }
    model = AttributionModel(head, extent, role, role2, meta)
    return model, TrainReport(len(articles), n_att, counts, feats)
