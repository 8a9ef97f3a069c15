"""The near-duplicate index the store keeps (``veracity.store.near``), on every
backend: it finds what datasketch's in-memory LSH finds, follows documents as
they are stored, linked, removed and rolled back, and is made again from the
stored signatures when the threshold asks for another layout."""

from __future__ import annotations

import random
import uuid

import pytest
from datasketch import MinHashLSH

from veracity.ingest import dedupe
from veracity.store import open_store
from veracity.store.base import NewDocument
from veracity.types import Document

WORDS = ("harbour river council bridge minister budget flood vessel cargo tide pilot "
         "barrier province school storm mayor governor airport tram ferry").split()


def texts(n: int, seed: int = 7) -> list[str]:
    """Stories in families: a base text and rewrites of it that change a share
    of its words, so that similarities spread around the thresholds."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        base = [rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(60)]
        out.append(" ".join(base))
        for share in (0.02, 0.05, 0.1, 0.2, 0.4):
            words = [w if rng.random() > share else rng.choice(WORDS) for w in base]
            out.append(" ".join(words))
    return out[:n]


def store_originals(store, bodies: list[str]) -> dict[int, bytes]:
    sigs: dict[int, bytes] = {}
    for body in bodies:
        sig = dedupe.to_bytes(dedupe.minhash(body))
        doc_id = store.add_document(NewDocument(Document(text=body), uuid.uuid4().hex, sig))
        sigs[doc_id] = sig
    return sigs


class Datasketch:
    """What ingest's in-memory index answered before the store kept one."""

    def __init__(self, sigs: dict[int, bytes], threshold: float) -> None:
        self.sigs, self.threshold = sigs, threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=dedupe.NUM_PERM)
        for doc_id, s in sigs.items():
            self.lsh.insert(doc_id, dedupe.from_bytes(s))

    def best(self, sig: bytes) -> tuple[int, float] | None:
        query = dedupe.from_bytes(sig)
        best: tuple[int, float] | None = None
        for doc_id in sorted(self.lsh.query(query)):
            sim = float(dedupe.from_bytes(self.sigs[doc_id]).jaccard(query))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (doc_id, sim)
        return best


@pytest.mark.parametrize("threshold", [
    0.8,  # the default
    0.5,  # another layout: more bands of fewer rows
])
def test_the_store_finds_what_datasketch_finds(store_url, threshold):
    bodies = texts(120)
    # Rewrites of stored stories, near either threshold, and unrelated stories.
    rng = random.Random(9)
    queries = [" ".join(w if rng.random() > share else rng.choice(WORDS) for w in b.split())
               for b in bodies[::4] for share in (0.005, 0.01, 0.02, 0.05, 0.1)] + texts(30, seed=8)
    with open_store(store_url) as store:
        reference = Datasketch(store_originals(store, bodies), threshold)
        found = 0
        for q in queries:
            sig = dedupe.to_bytes(dedupe.minhash(q))
            expected = reference.best(sig)
            assert store.near_duplicate(sig, threshold) == expected
            found += expected is not None
    # Not vacuous: some queries have a near-duplicate and some have none.
    assert 0 < found < len(queries)


def test_the_index_follows_links_removals_and_rollbacks(store_url):
    wire = texts(1)[0]
    sig = dedupe.to_bytes(dedupe.minhash(wire))
    with open_store(store_url) as store:
        [first] = store_originals(store, [wire])
        assert store.near_duplicate(sig, 0.8) == (first, 1.0)
        # Stored as a copy: not an original to link others to.
        copy = store.add_document(NewDocument(Document(text=wire + " copy"), "c", sig,
                                              copy_of=first, similarity=1.0))
        assert store.near_duplicate(sig, 0.8, exclude={first}) is None
        # The original goes; its copy becomes one and takes its place.
        store.link_copy(copy, None, None)
        store.remove_document(first)
        assert store.near_duplicate(sig, 0.8) == (copy, 1.0)
        # Linked as a copy again: out of the index.
        other = store.add_document(NewDocument(Document(text="other"), "o", None))
        store.link_copy(copy, other, 0.9)
        assert store.near_duplicate(sig, 0.8) is None
        # What a rolled-back transaction stored is not found.
        with pytest.raises(RuntimeError), store.transaction():
            store.add_document(NewDocument(Document(text=wire + " again"), "r", sig))
            assert store.near_duplicate(sig, 0.8) is not None
            raise RuntimeError("roll back")
        assert store.near_duplicate(sig, 0.8) is None


def test_a_store_without_the_index_makes_it_from_its_signatures(store_url):
    bodies = texts(30)
    with open_store(store_url) as store:
        sigs = store_originals(store, bodies)
        # As a store made before the index was kept: signatures, no keys.
        with store.transaction():
            store._exec("DELETE FROM near_bands")
            store._exec("DELETE FROM near_layout")
    reference = Datasketch(sigs, 0.8)
    with open_store(store_url) as store:
        for body in bodies[:6]:
            sig = dedupe.to_bytes(dedupe.minhash(body + " trailer"))
            expected = reference.best(sig)
            assert expected is not None
            assert store.near_duplicate(sig, 0.8) == expected
        assert store._rows("SELECT bands, band_rows FROM near_layout") == [(9, 13)]
        keys = store._rows("SELECT count(*) FROM near_bands")[0][0]
        assert keys == 9 * len(bodies)
