"""What a stance model was trained and tuned on, so that no benchmark scores
rows the model has seen.

A model records the split it was trained on (``meta["dev_split"]``: None for
the whole training set) and a 64-bit key of every body and headline it was
trained on (``train_body_keys``, ``train_headline_keys`` in the artefact).
Keys are taken of the text lowercased with its whitespace collapsed, so a
headline copied with another case or spacing is still recognised (FNC-1 was
built from Emergent's headlines: 742 of Emergent's 2,071 training headlines
are FNC-1 training headlines under this key).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

# What chose the training settings (class weights, tree sizes, boosting
# rounds; see ``train.py``): development rows scored with those settings are
# not an untouched test.
TUNED_ON = ("boosting settings and class weights chosen on the FNC-1 training set's "
            "development splits (bodies and claims)")


def text_key(text: str) -> int:
    """64-bit key of a text, ignoring case and spacing."""
    norm = " ".join(text.lower().split())
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def keys(texts: Iterable[str]) -> np.ndarray:
    """Sorted distinct keys of texts, as stored in a model."""
    return np.unique(np.fromiter((text_key(t) for t in texts), dtype=np.uint64))


def seen(stored: np.ndarray, texts: Iterable[str]) -> list[bool]:
    """For each text, whether its key is among the stored ones."""
    probe = np.fromiter((text_key(t) for t in texts), dtype=np.uint64)
    return [bool(x) for x in np.isin(probe, stored)]


def split_name(split: str | None) -> str:
    """A model's training split in words."""
    if split is None:
        return "the whole training set (no development split held out)"
    return f"the training side of the {split} split (development {split} held out)"
