"""The shipped stance model: load it, predict a claim's stance in an article.

The artefact is one ``.npz`` file of plain arrays (vocabulary, IDF, LSA
projection, flattened trees) plus a JSON metadata string; no pickle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import meta_array, read_npz, write_npz
from veracity.errors import ModelError
from veracity.stance import features as ft
from veracity.stance import text as tx
from veracity.stance.provenance import keys as _keys
from veracity.stance.vectors import Vectors
from veracity.trees import Forest

DEFAULT_MODEL = Path(__file__).parent / "model" / "stance.npz"
FORMAT_VERSION = 1
# Cue classes that make a sentence evidence for each label (shown as deciding).
_LABEL_CUES: dict[str, tuple[str, ...]] = {
    "disagree": ("denial", "falsity", "refuting", "negation"),
    "discuss": ("hedge", "attribution", "distancing", "modal", "report", "question"),
    "agree": ("factive", "truth", "report"),
}
# Sentences shown as deciding: at most this many, and only sentences at least
# this similar to the claim (below it a sentence is not about the claim).
MAX_DECIDING = 3
MIN_DECIDING_SIM = 0.05


@dataclass(frozen=True)
class DecidingSentence:
    text: str
    start: int
    end: int
    similarity: float
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class StanceResult:
    """``label`` with the class probabilities in ``scores``; ``sentences`` are
    the deciding ones, most decisive first (empty for "unrelated"), with
    character offsets into the article text."""

    label: str
    scores: dict[str, float]
    sentences: tuple[DecidingSentence, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Arrays of the artefact that record what the model was trained on
# (``provenance``); absent from models trained before they were added.
BODY_KEYS = "train_body_keys"
HEADLINE_KEYS = "train_headline_keys"


class StanceModel:
    """``body_keys``/``headline_keys``: keys (``provenance.text_key``) of the
    bodies and headlines trained on, or None when the artefact predates them."""

    def __init__(self, vectors: Vectors, forest: Forest, meta: dict[str, Any],
                 body_keys: np.ndarray | None = None,
                 headline_keys: np.ndarray | None = None) -> None:
        if tuple(meta.get("features", ())) != ft.FEATURE_NAMES:
            raise ModelError("stance model was trained with other features than this version "
                             "computes; retrain it with `veracity train stance`")
        self.vectors = vectors
        self.forest = forest
        self.meta = meta
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.body_keys = body_keys
        self.headline_keys = headline_keys
        self.path: Path | None = None

    @classmethod
    def trained(cls, vectors: Vectors, forest: Forest, meta: dict[str, Any],
                bodies: Sequence[str], headlines: Sequence[str]) -> StanceModel:
        """A freshly trained model, recording the texts it was trained on."""
        return cls(vectors, forest, meta, _keys(bodies), _keys(headlines))

    # -- persistence ---------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> StanceModel:
        path = Path(path) if path is not None else DEFAULT_MODEL
        arrays, meta = read_npz(path, "stance model", FORMAT_VERSION,
                                "veracity train stance --fnc1 DIR --out PATH")
        model = cls(Vectors.from_arrays(arrays), Forest.from_arrays(arrays), meta,
                    arrays.pop(BODY_KEYS, None), arrays.pop(HEADLINE_KEYS, None))
        model.path = path
        return model

    def save(self, path: str | Path) -> None:
        arrays = {**self.vectors.to_arrays(), **self.forest.to_arrays(),
                  "meta": meta_array(self.meta)}
        if self.body_keys is not None:
            arrays[BODY_KEYS] = self.body_keys
        if self.headline_keys is not None:
            arrays[HEADLINE_KEYS] = self.headline_keys
        write_npz(path, arrays)

    # -- prediction ----------------------------------------------------------
    def analyse_body(self, body: str) -> ft.BodyAnalysis:
        return ft.analyse_body(body, self.vectors)

    def analyse_claim(self, claim: str) -> ft.ClaimAnalysis:
        return ft.analyse_claim(claim, self.vectors)

    def predict_analysed(self, pairs: Sequence[tuple[ft.ClaimAnalysis, ft.BodyAnalysis]],
                         explain: bool = True) -> list[StanceResult]:
        if not pairs:
            return []
        feats = []
        sims = []
        for claim, body in pairs:
            f, s = ft.pair_features(body, claim)
            feats.append(f)
            sims.append(s)
        proba = self.forest.proba(np.vstack(feats))
        out = []
        for (_claim, body), p, s in zip(pairs, proba, sims, strict=True):
            label = self.labels[int(np.argmax(p))]
            scores = {lab: round(float(v), 4) for lab, v in zip(self.labels, p, strict=True)}
            deciding = _deciding(body, s, label) if explain else ()
            out.append(StanceResult(label, scores, deciding))
        return out

    def predict(self, claim: str, text: str) -> StanceResult:
        return self.predict_analysed([(self.analyse_claim(claim), self.analyse_body(text))])[0]

    def predict_many(self, pairs: Iterable[tuple[str, str]],
                     explain: bool = True) -> list[StanceResult]:
        """Predict (claim, text) pairs, analysing each distinct text and claim once."""
        pairs = list(pairs)
        bodies: dict[str, ft.BodyAnalysis] = {}
        claims: dict[str, ft.ClaimAnalysis] = {}
        analysed = []
        for claim, text in pairs:
            if text not in bodies:
                bodies[text] = self.analyse_body(text)
            if claim not in claims:
                claims[claim] = self.analyse_claim(claim)
            analysed.append((claims[claim], bodies[text]))
        return self.predict_analysed(analysed, explain=explain)


def _deciding(body: ft.BodyAnalysis, sims: np.ndarray, label: str) -> tuple[DecidingSentence, ...]:
    """The sentences behind a label: the ones closest to the claim, preferring
    those that carry the label's cues (a denial for disagree, a hedge for discuss)."""
    if label == "unrelated":
        return ()
    wanted = [tx.CUE_NAMES.index(c) for c in _LABEL_CUES.get(label, ())]
    order = np.argsort(-sims, kind="stable")
    candidates = [int(i) for i in order[: 2 * MAX_DECIDING + 2] if sims[i] >= MIN_DECIDING_SIM]
    with_cue = [i for i in candidates if body.cues[i, wanted].sum() > 0]
    chosen = (with_cue + [i for i in candidates if i not in with_cue])[:MAX_DECIDING]
    out = []
    # Most decisive first: cue-bearing sentences by similarity, then the rest.
    for i in chosen:
        a, b = body.spans[i]
        cues = tuple(name for j, name in enumerate(tx.CUE_NAMES) if body.cues[i, j] > 0)
        out.append(DecidingSentence(body.text[a:b], a, b, round(float(sims[i]), 4), cues))
    return tuple(out)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StanceModel:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    return StanceModel.load(path)

