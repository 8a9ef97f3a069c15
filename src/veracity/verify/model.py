"""The article-level stance model as a fallback source of evidence.

Where the reader found no explicit attribution for a matched event (nobody
asserts or denies it in so many words), the stance model of ``veracity.stance``
(FNC-1: agree / disagree / discuss / unrelated) says whether the article as a
whole argues for or against the claim.  Its "agree" becomes the outlet
leaning toward the event ("probable"), "disagree" the outlet leaning against
it, shown with the sentence that decided it and marked ``method:
"stance-model"``; a lean against is never counted as a denial (on unseen
claims its "disagree" was right 5 times in 11), so the model alone can make an
event reported, never denied or disputed.

The model is optional: when ``veracity.stance`` offers no predictor (not
built, or no trained artefact shipped) ``ask`` works from the reader alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from veracity.errors import VeracityError

# Smallest class probability for the model's agree/disagree to count as the
# outlet's stance.  Not calibrated yet (no trained model shipped when this was
# written): 0.6 keeps the fallback to confident calls only.
MIN_SCORE = 0.6
# An article the model finds agreeing with the claim is evidence that its outlet
# leans toward it, not a source asserting it: "probable", so that the model's
# guesses can make an event reported but never confirmed (product.md:
# confirmation needs sources that assert it).  A confident "disagree" is shown
# as the outlet arguing against the claim ("denies", method stance-model) and
# not counted (``cluster.tally``).
STANCE_OF = {"agree": "probable", "disagree": "denies"}

Predictor = Callable[[str, str], Any]
_override: list[Predictor | None] = []


def set_predictor(fn: Predictor | None) -> None:
    """Use ``fn(claim, text)`` as the stance model (tests; None: none at all)."""
    _override[:] = [fn]
    unavailable.clear()
    predictor.cache_clear()


def reset_predictor() -> None:
    _override.clear()
    predictor.cache_clear()


# Why the model is not used, when it is not (shown as a note by ``ask``).
unavailable: list[str] = []


@lru_cache(maxsize=1)
def predictor() -> Predictor | None:
    """``veracity.stance.predict`` when it can be loaded, else None."""
    if _override:
        return _override[0]
    try:
        from veracity.stance import load_model, predict
    except ImportError as exc:
        unavailable[:] = [f"stance model not installed ({exc})"]
        return None
    try:
        load_model()  # loads the shipped artefact once, so each call is cheap
    except VeracityError as exc:  # no artefact yet, or an incompatible one
        unavailable[:] = [f"stance model not used: {exc}"]
        return None
    unavailable.clear()
    return predict


def article_stance(claim: str, text: str) -> tuple[str, str, int, int, float] | None:
    """(stance, deciding sentence, start, end, score) or None when the model is
    absent, unsure, or finds the article unrelated or merely discussing."""
    fn = predictor()
    if fn is None:
        return None
    result = fn(claim, text)
    lab = getattr(result, "label", None)
    scores = getattr(result, "scores", {}) or {}
    stance = STANCE_OF.get(str(lab))
    if stance is None:
        return None
    score = float(scores.get(lab, 1.0))
    if score < MIN_SCORE:
        return None
    sentences = getattr(result, "sentences", ()) or ()
    if sentences:
        s = sentences[0]
        return stance, str(s.text), int(s.start), int(s.end), score
    end = min(len(text), 300)
    return stance, text[:end], 0, end, score
