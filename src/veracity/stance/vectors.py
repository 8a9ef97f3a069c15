"""Bag-of-stems vectors: a TF-IDF vocabulary and a small latent (LSA) space,
fitted on the training bodies and claims, stored as plain arrays.

TF-IDF cosine says "same words"; the LSA cosine says "same topic" when the
claim and the body use different words for it (the related/unrelated split).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# Stems seen in fewer documents than this are noise (typos, numbers) and are
# left out of the vocabulary; 2 is the usual floor for a corpus of ~3k texts.
MIN_DF = 2
# Vocabulary cap, most frequent first.  30k covers every stem with df >= 2 in
# FNC-1 training text; the cap only keeps the artefact small on larger corpora.
MAX_VOCAB = 30_000
# The LSA space uses the most frequent SVD_VOCAB stems and SVD_DIMS dimensions:
# 10k x 64 float16 is ~1.3 MB, the bulk of the shipped artefact.
SVD_VOCAB = 10_000
SVD_DIMS = 64


@dataclass(frozen=True)
class Vectors:
    vocab: dict[str, int]
    idf: np.ndarray  # float32, len(vocab)
    svd: np.ndarray  # float32, (SVD_DIMS, min(SVD_VOCAB, len(vocab)))

    def tfidf(self, docs: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Rows of L2-normalised TF-IDF, one per stem list (sublinear tf)."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        vocab = self.vocab
        for doc in docs:
            counts = Counter(vocab[s] for s in doc if s in vocab)
            for j in sorted(counts):
                indices.append(j)
                data.append(1.0 + np.log(counts[j]))
            indptr.append(len(indices))
        m = sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32),
             np.asarray(indptr, dtype=np.int32)),
            shape=(len(docs), len(vocab)),
        )
        m = m.multiply(self.idf[None, :]).tocsr()
        return _l2_rows(m)

    def latent(self, tfidf_rows: sp.csr_matrix) -> np.ndarray:
        """Unit-length LSA vectors for TF-IDF rows."""
        n = self.svd.shape[1]
        z = np.asarray(tfidf_rows[:, :n] @ self.svd.T, dtype=np.float32)
        norms = np.linalg.norm(z, axis=1, keepdims=True)
        unit: np.ndarray = z / np.maximum(norms, 1e-9)
        return unit

    def to_arrays(self) -> dict[str, np.ndarray]:
        words = sorted(self.vocab, key=self.vocab.__getitem__)
        return {
            "vocab": np.asarray(words, dtype=np.str_),
            "idf": self.idf.astype(np.float32),
            "svd": self.svd.astype(np.float16),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Vectors:
        words = [str(w) for w in arrays["vocab"]]
        return cls(
            vocab={w: i for i, w in enumerate(words)},
            idf=np.asarray(arrays["idf"], dtype=np.float32),
            svd=np.asarray(arrays["svd"], dtype=np.float32),
        )


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags((1.0 / norms).astype(np.float32)).dot(m).tocsr()


def fit_vectors(docs: Iterable[Sequence[str]], seed: int) -> Vectors:
    """Fit vocabulary, IDF and the LSA projection on stem lists (deterministic)."""
    docs = list(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    kept = [w for w, c in df.items() if c >= MIN_DF]
    # Most frequent first (the LSA space takes a prefix); ties alphabetical so
    # the order never depends on hash seeds or input order.
    kept.sort(key=lambda w: (-df[w], w))
    kept = kept[:MAX_VOCAB]
    vocab = {w: i for i, w in enumerate(kept)}
    n = len(docs)
    idf = (np.log((1.0 + n) / (1.0 + np.array([df[w] for w in kept], dtype=np.float64))) + 1.0)
    base = Vectors(vocab=vocab, idf=idf.astype(np.float32),
                   svd=np.zeros((0, min(SVD_VOCAB, len(vocab))), dtype=np.float32))
    x = base.tfidf(docs)[:, : min(SVD_VOCAB, len(vocab))].astype(np.float64)
    dims = min(SVD_DIMS, x.shape[1] - 1, x.shape[0] - 1)
    comps = _truncated_svd(x, dims, seed)
    # Round through float16 now, so the model is trained on exactly the
    # projection that ships.
    return Vectors(vocab=vocab, idf=base.idf, svd=comps.astype(np.float16).astype(np.float32))


def _truncated_svd(x: sp.csr_matrix, dims: int, seed: int) -> np.ndarray:
    """Right singular vectors (dims x n_features) by randomized SVD, with a
    sign convention so that reruns agree exactly."""
    from sklearn.utils.extmath import randomized_svd

    if dims < 1:
        return np.zeros((0, x.shape[1]), dtype=np.float32)
    _, _, vt = randomized_svd(x, dims, n_iter=5, random_state=seed)
    signs = np.sign(vt[np.arange(vt.shape[0]), np.argmax(np.abs(vt), axis=1)])
    comps: np.ndarray = (vt * signs[:, None]).astype(np.float32)
    return comps
