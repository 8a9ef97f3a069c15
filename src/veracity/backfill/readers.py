"""What runs on the Ray workers: splitting shards, and the reader actors.

Each actor opens the store (to skip inputs stored before) and loads spaCy, the
language detector and the sentence encoder once, then prepares batch after
batch with ingest's own ``Ingester.prepare``: the same language detection,
content hashes, reading and vectors as ``veracity ingest``. It writes nothing;
the driver stores what it returns.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from typing import Any

import numpy as np

from veracity.backfill.shards import (
    Shard,
    done_row,
    error_row,
    prepared_rows,
    row_unit,
    shard_units,
    unit_row,
    unpack_row,
)
from veracity.errors import crash_reason
from veracity.ingest import Ingester
from veracity.settings import Settings
from veracity.store import open_store


def split_shard(row: dict[str, Any], settings: Settings) -> list[dict[str, bytes]]:
    """Ray ``flat_map``: one shard -> one row per input unit (or error), in order."""
    shard = Shard(str(row["source"]), str(row["path"]), str(row["name"]))
    return [{"payload": unit_row(u)} for u in shard_units(shard, settings)]


class ReadUnits:
    """Ray ``map_batches`` actor: a batch of unit rows -> prepared rows, in order.

    An input whose raw hash the store already holds (an earlier run, or a
    worker's batch that was retried after the driver stored it) comes back as
    "done" without being read again."""

    def __init__(self, store_url: str, settings: Settings, language: str | None) -> None:
        # One spaCy process per actor: the pool is the parallelism.
        self.settings = replace(settings, workers=1)
        self.store = open_store(store_url)
        self.ingester = Ingester(self.store, self.settings, language=language)
        if self.ingester.read:
            from veracity.read.nlp import load_nlp

            load_nlp()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        rows = [unpack_row(bytes(p)) for p in batch["payload"]]
        hashes = [r["raw_hash"] for r in rows if r["kind"] == "unit"]
        done = self.store.known_inputs(hashes) if hashes else set()
        out: list[bytes] = []
        todo = []
        for r in rows:
            if r["kind"] == "error":
                out.append(error_row(r["origin"], r["reason"]))
            elif r["raw_hash"] in done:
                out.append(done_row(r["origin"]))
            else:
                todo.append(r)
        # Prepared units keep their place among the error and done rows only
        # up to order inside the batch; the driver counts each row once.
        if todo:
            out.extend(self._prepare(todo))
        return {"payload": np.array(out, dtype=object)}

    def _prepare(self, rows: list[dict[str, Any]]) -> list[bytes]:
        units = []
        out: list[bytes] = []
        for r in rows:
            try:
                units.append(row_unit(r))
            except Exception as exc:  # a row our own stage wrote: a bug, reported
                out.append(error_row(r.get("origin", "?"), crash_reason(exc)))
        plans, read, vectors = self.ingester.prepare(units)
        if isinstance(vectors, Future):
            vectors = vectors.result()
        out.extend(prepared_rows(plans, read, vectors))
        report = self.ingester.report
        out.extend(error_row(origin, reason) for origin, reason in report.skipped)
        report.skipped.clear()
        return out

    def __del__(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.close()
