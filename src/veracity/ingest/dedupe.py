"""Exact duplicates by normalised content hash; near-duplicates by MinHash.

A wire story republished with another headline or a trailer is a near-duplicate:
it is stored, but linked as a copy so later stages count it once.  The index
that finds a new document's near-duplicates is kept in the store
(``veracity.store.near``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 5  # word 5-grams: long enough that shared boilerplate phrases rarely match
SCHEME = "affine32"  # named explicitly so stored signatures stay comparable across versions

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _PUNCT.sub(" ", t)
    return " ".join(t.split())


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{normalise(title or '')}\n{normalise(text)}".encode()).hexdigest()


def shingles(text: str) -> set[bytes]:
    words = normalise(text).split()
    k = SHINGLE if len(words) >= SHINGLE * 2 else 1
    return {" ".join(words[i:i + k]).encode() for i in range(max(1, len(words) - k + 1))}


# Characters a near-duplicate signature is computed from. Two texts alike over
# their first million characters are copies for any news purpose, and the
# shingles of a 19 MB text took some 300 MB (issue 15); shorter texts are
# unchanged, so stored signatures stay comparable.
MINHASH_CHARS = 1_000_000


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles(text[:MINHASH_CHARS])))
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(b: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME,
                   hashvalues=np.frombuffer(b, dtype=np.uint64))
