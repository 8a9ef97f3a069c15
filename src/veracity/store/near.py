"""The near-duplicate index, kept in the store: MinHash LSH band keys.

A document's MinHash signature (``veracity.ingest.dedupe``) is cut into
``bands`` bands of ``rows`` slots; two documents about as similar as the
threshold share at least one whole band with high probability.  The bands
and rows for a threshold are those datasketch's ``MinHashLSH`` chooses (the
index ingest built in memory before), so the candidates are the ones it gave.
Each band is hashed to a 64-bit key and stored with the document's id in
``near_bands``: a new document's candidates are one indexed lookup, and
storing, linking or removing a document changes its keys in the same
transaction.  Ingest used to load every stored signature into memory each
time it started (600 to 730 ms of each ingest into a store of 3,000
documents; 10 ms this way, README "Dedupe").

The keys depend on the threshold, which is a setting: ``near_layout`` says
which bands and rows the stored keys were made with, and the index is made
again from the stored signatures when a threshold asks for another layout
(and on the first use of a store made before the index was kept).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from veracity.store.sql_corpus import marks

# Keys written per statement while the index is made again.
_REBUILD_ROWS = 5000


@lru_cache(maxsize=8)
def layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) for ``threshold``: datasketch's choice, which weighs false
    positives and false negatives equally."""
    from datasketch import MinHashLSH  # scipy comes with it: imported only here

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def band_keys(signature: bytes, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per band: the band's number and its slots, hashed
    (two documents share a key when they agree on every slot of that band)."""
    size = 8 * rows  # a slot is one uint64
    return [int.from_bytes(hashlib.blake2b(i.to_bytes(2, "little")
                                           + signature[i * size:(i + 1) * size],
                                           digest_size=8).digest(), "little", signed=True)
            for i in range(bands)]


def similarity(a: bytes, b: bytes) -> float:
    """The MinHash estimate of Jaccard similarity: the share of equal slots (as
    datasketch's ``MinHash.jaccard``)."""
    x = np.frombuffer(a, dtype=np.uint64)
    y = np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(x == y)) / float(len(x))


class NearIndex:
    """The index's statements, mixed into :class:`veracity.store.sql.SQLStore`."""

    if TYPE_CHECKING:  # provided by SQLStore and its dialects
        def transaction(self) -> AbstractContextManager[None]: ...
        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...
        def _exec(self, sql: str, params: Sequence[Any] = ()) -> None: ...
        def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
        def _lock_migrations(self) -> None: ...
        def minhashes(self) -> Any: ...
        def signatures(self, doc_ids: Sequence[int]) -> dict[int, bytes]: ...

    def near_duplicate(self, signature: bytes, threshold: float, *,
                       exclude: Collection[int] = ()) -> tuple[int, float] | None:
        """The stored original most similar to ``signature``, with its similarity,
        when that is ``threshold`` or more (the lowest id of equals); None else.
        Documents in ``exclude`` are left out."""
        bands, rows = self._near_layout(threshold, len(signature) // 8)
        keys = band_keys(signature, bands, rows)
        found = {int(r[0]) for r in self._rows(
            f"SELECT DISTINCT doc_id FROM near_bands WHERE band_key IN ({marks(keys)})", keys)}
        found.difference_update(exclude)
        best: tuple[int, float] | None = None
        for doc_id, stored in sorted(self.signatures(sorted(found)).items()):
            sim = similarity(stored, signature)
            if sim >= threshold and (best is None or sim > best[1]):
                best = (doc_id, sim)
        return best

    def _near_layout(self, threshold: float, num_perm: int) -> tuple[int, int]:
        """The bands and rows of the stored keys, made again first when
        ``threshold`` asks for others."""
        stored = self._rows("SELECT threshold, bands, band_rows FROM near_layout")
        if stored and float(stored[0][0]) == threshold:
            return int(stored[0][1]), int(stored[0][2])
        wanted = layout(threshold, num_perm)
        with self.transaction():
            self._lock_migrations()  # two processes must not make it at once
            stored = self._rows("SELECT threshold, bands, band_rows FROM near_layout")
            if not stored or (int(stored[0][1]), int(stored[0][2])) != wanted:
                self._rebuild_near(*wanted)
            self._exec("DELETE FROM near_layout")
            self._exec("INSERT INTO near_layout (threshold, bands, band_rows) VALUES (?, ?, ?)",
                       (threshold, *wanted))
        return wanted

    def _rebuild_near(self, bands: int, rows: int) -> None:
        self._exec("DELETE FROM near_bands")
        batch: list[tuple[int, int]] = []
        for doc_id, sig in self.minhashes():
            batch += [(key, doc_id) for key in band_keys(sig, bands, rows)]
            if len(batch) >= _REBUILD_ROWS:
                self._write_keys(batch)
                batch = []
        self._write_keys(batch)

    def _write_keys(self, rows: Sequence[tuple[int, int]]) -> None:
        # Two processes may index the same document (one made the index while
        # the other stored it): the second writes nothing.
        self._exec_many("INSERT INTO near_bands (band_key, doc_id) VALUES (?, ?) "
                        "ON CONFLICT DO NOTHING", rows)

    def _index_near(self, doc_id: int, signature: bytes | None = None) -> None:
        """Give a document the keys its row calls for: an original with a
        signature has them, a copy has none.  ``signature`` is that of a
        document stored now as an original (else the row is read).  Nothing is
        written while the index has no layout: its first use makes it from
        every stored signature."""
        if signature is None:
            self._exec("DELETE FROM near_bands WHERE doc_id = ?", (doc_id,))
            row = self._rows("SELECT minhash FROM documents WHERE id = ? AND copy_of IS NULL "
                             "AND minhash IS NOT NULL", (doc_id,))
            if not row:
                return
            signature = bytes(row[0][0])
        stored = self._rows("SELECT bands, band_rows FROM near_layout")
        if stored:
            self._write_keys([(key, doc_id) for key in
                              band_keys(signature, int(stored[0][0]), int(stored[0][1]))])

__all__ = ["NearIndex", "band_keys", "layout", "similarity"]
