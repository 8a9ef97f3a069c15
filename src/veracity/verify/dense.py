"""How close a sentence's meaning is to a question's: MiniLM cosine similarity.

Word overlap misses paraphrase ("released" for "leak", "accepted" for
"admitted"); the sentence encoder does not.  Passage vectors are computed when
documents are read (``embed_on_ingest``) and kept in the store; a candidate
without one (a store filled with the setting off, or by an older version) is
embedded here, at most :data:`MAX_MISSING` per question, and kept in memory for
the next question.  Without the encoder every similarity is None and answers
rest on word overlap alone.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from veracity.encode import from_blob, get_encoder
from veracity.store.base import Passage, Store

# Candidates embedded at question time at most (about 5 ms each on one core).
MAX_MISSING = 48
# Vectors kept in memory for passages the store holds none for.
CACHE_SIZE = 20_000

_cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
_lock = threading.Lock()


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def similarities(store: Store, statement: str, passages: Sequence[Passage]
                 ) -> dict[int, float]:
    """Cosine of each passage (by id) with the statement; passages beyond the
    embedding budget, or every one when the encoder is missing, are left out."""
    enc = get_encoder()
    if enc is None or not passages or not statement.strip():
        return {}
    stored = store.passage_vectors([p.id for p in passages if p.id > 0])
    vectors: dict[int, np.ndarray] = {i: from_blob(b) for i, b in stored.items()}
    missing: list[Passage] = []
    with _lock:
        for p in passages:
            if p.id in vectors:
                continue
            hit = _cache.get(_key(p.text))
            if hit is not None:
                vectors[p.id] = hit
            elif len(missing) < MAX_MISSING:
                missing.append(p)
    rows = enc.encode([statement] + [p.text for p in missing])
    with _lock:
        for p, row in zip(missing, rows[1:], strict=True):
            vectors[p.id] = row
            _cache[_key(p.text)] = row
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    q = rows[0]
    return {i: float(np.dot(v, q)) for i, v in vectors.items()}
