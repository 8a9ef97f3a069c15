"""The trained attribution model: cue, source and content spans of a parsed text.

The artefact (``model/attribution.npz``) holds three linear classifiers as
plain arrays, no pickle: for each, its feature vocabulary (a JSON list of
strings, as UTF-8 bytes), a weight matrix and a bias.  A JSON ``meta``
string records the thresholds, the training data's hash, the command that
reproduces the artefact and its development figures.  Reading needs numpy only;
training (``attribution_train``) needs scikit-learn.

See ``attribution_features`` for what the three classifiers decide.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import meta_array, read_npz, write_npz
from veracity.errors import ModelError
from veracity.read import attribution_features as af
from veracity.read.parse import Parse

DEFAULT_MODEL = Path(__file__).parent / "model" / "attribution.npz"
FORMAT_VERSION = 1
# Role classes of a unit, in the order of the role classifier's outputs.
ROLES = ("none", "source", "content")
CLASSIFIERS = ("head", "extent", "role", "role2")


class Linear:
    """A linear classifier over sparse binary features named by strings."""

    def __init__(self, names: Sequence[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self.names = list(names)
        self.index = {n: k for k, n in enumerate(self.names)}
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        if self.weights.shape[0] != len(self.names) or self.weights.shape[1] != len(self.bias):
            raise ModelError(f"attribution model: {len(self.names)} feature names for "
                             f"weights of shape {self.weights.shape}")

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Raw scores (rows x outputs); unknown features weigh nothing."""
        out = np.tile(self.bias, (len(rows), 1))
        get = self.index.get
        flat: list[int] = []
        starts: list[int] = []
        hit: list[int] = []
        for r, feats in enumerate(rows):
            ks = [k for k in map(get, feats) if k is not None]
            if ks:
                hit.append(r)
                starts.append(len(flat))
                flat.extend(ks)
        if flat:
            # Each row's features are one run of ``flat``: sum the runs.
            out[hit] += np.add.reduceat(self.weights[flat], starts, axis=0)
        return out

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        blob = json.dumps(self.names, ensure_ascii=False).encode("utf-8")
        return {f"{prefix}_names": np.frombuffer(blob, dtype=np.uint8),
                f"{prefix}_weights": self.weights.astype(np.float16),
                f"{prefix}_bias": self.bias}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> Linear:
        names = json.loads(arrays[f"{prefix}_names"].tobytes().decode("utf-8"))
        return cls(names, arrays[f"{prefix}_weights"], arrays[f"{prefix}_bias"])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class LearnedAttribution:
    """One attribution the model found; token ranges are inclusive."""

    head: int  # the cue's head word
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]  # pieces, in text order
    # Top tokens of the content units: where the content's events hang.
    content_roots: tuple[int, ...]
    score: float  # the cue head's probability


class AttributionModel:
    def __init__(self, head: Linear, extent: Linear, role: Linear, role2: Linear,
                 meta: dict[str, Any]) -> None:
        self.head, self.extent, self.role, self.role2 = head, extent, role, role2
        self.meta = meta
        thresholds = meta.get("thresholds", {})
        self.head_threshold = float(thresholds.get("head", 0.5))
        self.extent_threshold = float(thresholds.get("extent", 0.5))
        self.source_threshold = float(thresholds.get("source", 0.5))
        self.content_threshold = float(thresholds.get("content", 0.5))
        self.path: Path | None = None

    # -- persistence ---------------------------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        arrays: dict[str, np.ndarray] = {"meta": meta_array(self.meta)}
        for name, lin in zip(CLASSIFIERS, (self.head, self.extent, self.role, self.role2),
                             strict=True):
            arrays.update(lin.to_arrays(name))
        return arrays

    def save(self, path: str | Path) -> None:
        """Write the artefact, byte for byte the same for the same model."""
        write_npz(path, self.to_arrays())

    @classmethod
    def load(cls, path: str | Path | None = None) -> AttributionModel:
        path = Path(path) if path is not None else DEFAULT_MODEL
        train = "veracity train attribution --polnear DIR --out PATH"
        arrays, meta = read_npz(path, "attribution model", FORMAT_VERSION, train)
        try:
            head, extent, role, role2 = (Linear.from_arrays(arrays, n) for n in CLASSIFIERS)
            model = cls(head, extent, role, role2, meta)
        except (ValueError, KeyError) as exc:
            raise ModelError(f"cannot load attribution model {path}: {exc}; train one with "
                             f"`{train}`") from exc
        model.path = path
        return model

    # -- reading -------------------------------------------------------------
    def predict(self, p: Parse) -> list[LearnedAttribution]:
        """Every attribution of a parsed text, in text order."""
        ctx = af.Context(p)
        cands = af.head_candidates(p)
        if not cands:
            return []
        prob = _sigmoid(self.head.scores([af.head_features(ctx, i) for i in cands])[:, 0])
        heads = [(i, float(s)) for i, s in zip(cands, prob, strict=True)
                 if s >= self.head_threshold]
        cues = self._extents(ctx, heads)
        return [self._roles(ctx, h, cue, s) for h, cue, s in cues]

    def _extents(self, ctx: af.Context, heads: list[tuple[int, float]]
                 ) -> list[tuple[int, tuple[int, int], float]]:
        p = ctx.p
        rows: list[list[str]] = []
        where: list[tuple[int, int]] = []
        for k, (h, _) in enumerate(heads):
            for t in af.extent_window(p, h):
                rows.append(af.extent_features(ctx, h, t))
                where.append((k, t))
        inside: set[tuple[int, int]] = set()
        if rows:
            prob = _sigmoid(self.extent.scores(rows)[:, 0])
            inside = {w for w, s in zip(where, prob, strict=True) if s >= self.extent_threshold}
        out: list[tuple[int, tuple[int, int], float]] = []
        taken: set[int] = set()
        # Strongest heads first: a weaker head inside a stronger cue is part of it.
        for k, (h, s) in sorted(enumerate(heads), key=lambda x: (-x[1][1], x[1][0])):
            if h in taken:
                continue
            a = b = h
            # Grow word by word; space and punctuation between two cue words
            # ("has \xa0 acknowledged") come along.
            j = a - 1
            while j >= 0 and j not in taken and ((k, j) in inside or not af.has_word(p, j)):
                if (k, j) in inside:
                    a = j
                j -= 1
            j = b + 1
            while j < p.n and j not in taken and ((k, j) in inside or not af.has_word(p, j)):
                if (k, j) in inside:
                    b = j
                j += 1
            taken.update(range(a, b + 1))
            out.append((h, (a, b), s))
        out.sort(key=lambda x: x[1])
        return out

    def _roles(self, ctx: af.Context, h: int, cue: tuple[int, int], score: float
               ) -> LearnedAttribution:
        p = ctx.p
        us = af.units(p, cue, h)
        if not us:
            return LearnedAttribution(h, cue, None, (), (), score)
        prob = self.role_probs(ctx, cue, h, us)
        return LearnedAttribution(h, cue, self._source(p, us, prob),
                                  *self._content(p, cue, us, prob), score)

    def role_probs(self, ctx: af.Context, cue: tuple[int, int], h: int,
                   us: list[af.Unit]) -> np.ndarray:
        """Role probabilities (none, source, content) of each unit: a first
        pass on the units' own features, a second that also sees the first
        pass's verdicts on the other units."""
        lex = ctx.lex(ctx.p.lemma[h])
        rows = [af.unit_features(ctx, cue, h, us, k, lex) for k in range(len(us))]
        first = softmax(self.role.scores(rows))
        more = af.neighbour_features(us, first)
        return softmax(self.role2.scores([r + m for r, m in zip(rows, more, strict=True)]))

    def _source(self, p: Parse, us: list[af.Unit], prob: np.ndarray) -> tuple[int, int] | None:
        best = int(np.argmax(prob[:, 1]))
        if prob[best, 1] < self.source_threshold:
            return None
        a, b = us[best].first, us[best].last
        # Touching units also labelled source join it ("Rep. X (R-TX)").
        for k in range(best - 1, -1, -1):
            if us[k].last == a - 1 and prob[k, 1] >= self.source_threshold:
                a = us[k].first
            else:
                break
        for k in range(best + 1, len(us)):
            if us[k].first == b + 1 and prob[k, 1] >= self.source_threshold:
                b = us[k].last
            else:
                break
        return _words(p, a, b)

    def _content(self, p: Parse, cue: tuple[int, int], us: list[af.Unit], prob: np.ndarray
                 ) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
        chosen = [k for k in range(len(us))
                  if prob[k, 2] >= self.content_threshold and prob[k, 2] > prob[k, 1]]
        pieces: list[tuple[int, int]] = []
        for k in chosen:
            u = us[k]
            if pieces and _touching(p, pieces[-1][1], u.first, cue):
                pieces[-1] = (pieces[-1][0], max(pieces[-1][1], u.last))
            else:
                pieces.append((u.first, u.last))
        return tuple(_words(p, a, b) for a, b in pieces), tuple(us[k].root for k in chosen)


def _words(p: Parse, a: int, b: int) -> tuple[int, int]:
    """A token range without the punctuation and space at its edges: PolNeAR's
    spans are scored without them, and a piece of a split quotation would
    otherwise keep one quote mark of the pair."""
    while a < b and not af.has_word(p, a):
        a += 1
    while b > a and not af.has_word(p, b):
        b -= 1
    return a, b


def _touching(p: Parse, end: int, start: int, cue: tuple[int, int]) -> bool:
    """Whether a unit starting at ``start`` continues a piece ending at
    ``end``: only punctuation or space between, and not the cue."""
    for j in range(end + 1, start):
        if cue[0] <= j <= cue[1] or af.has_word(p, j):
            return False
    return True


@lru_cache(maxsize=1)
def shipped_model() -> AttributionModel | None:
    """The shipped model, or None when the package carries none."""
    if not DEFAULT_MODEL.is_file():
        return None
    return AttributionModel.load(DEFAULT_MODEL)
