"""Article-level stance toward a claim (the FNC-1 task): agree, disagree,
discuss or unrelated, with class scores and the sentences that decided it.

    >>> from veracity.stance import predict
    >>> r = predict("Trump phoned Putin", article_text)
    >>> r.label, r.scores, r.sentences[0].start

Stages (one module each): ``text`` (sentences, stems, the reader's cue
classes) -> ``vectors`` (TF-IDF and LSA) -> ``features`` (one body analysed
once, then cheap per-claim features) -> boosted trees as arrays (the shared
``veracity.trees``) -> ``model`` (load the shipped artefact, predict, pick
deciding sentences).
``train`` rebuilds the artefact; ``score`` and ``evaluate`` are the FNC-1
benchmark.
"""

from __future__ import annotations

from collections.abc import Iterable

from veracity.stance.model import (
    DEFAULT_MODEL,
    DecidingSentence,
    StanceModel,
    StanceResult,
    load_model,
)


def predict(claim: str, text: str, model: str | None = None) -> StanceResult:
    """Stance of one article ``text`` toward ``claim`` (shipped model by default)."""
    return load_model(model).predict(claim, text)


def predict_batch(pairs: Iterable[tuple[str, str]], model: str | None = None,
                  explain: bool = True) -> list[StanceResult]:
    """Stances of (claim, text) pairs; each distinct text and claim is analysed once."""
    return load_model(model).predict_many(pairs, explain=explain)


__all__ = ["DEFAULT_MODEL", "DecidingSentence", "StanceModel", "StanceResult", "load_model",
           "predict", "predict_batch"]
