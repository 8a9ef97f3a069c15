"""Backfill: archives of JSON-lines and WARC shards into a shared store, on Ray Data.

    shards (local paths, s3://, gs://, hdfs:// … through pyarrow's filesystems)
      -> split   Ray tasks, one per shard: ingest's own parsers cut each shard
                 into input units (a JSON line, a WARC record) or errors
      -> read    Ray actor pool (``map_batches``): each actor loads spaCy and the
                 encoder once and prepares batches with ``Ingester.prepare``
                 (language, content hash, reading, sentence vectors), skipping
                 inputs the store already holds
      -> store   the driver, one writer: ``Ingester.store_prepared`` stores each
                 unit in one transaction with its input hash, checking exact and
                 near-duplicates against the whole store (every shard, every
                 earlier run) as it goes

The guarantees are ingest's because the code is ingest's: an input is stored
once (its raw hash is recorded in the unit's transaction, and workers skip
those already recorded), a bad record is reported as ``shard:line`` or
``shard#recordN`` and skipped, a worker that dies has its batch retried by
Ray, and a driver that dies loses only uncommitted units, which a re-run
reads again. Ray is an optional extra (``pip install 'veracity[ray]'``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from veracity.backfill.shards import list_shards, row_prepared, unpack_row
from veracity.errors import ClusterError, Unavailable
from veracity.ingest import Ingester, IngestReport
from veracity.settings import Settings
from veracity.store import open_store


@dataclass(frozen=True)
class BackfillReport:
    """What a backfill did, and how fast: ``ingest``'s counts plus the shards,
    the workers and the wall time (Ray's start and the models' loading included)."""

    store: str  # its URL, the password hidden
    shards: int
    workers: int
    seconds: float
    counts: IngestReport = field(default_factory=IngestReport)
    # Of ``seconds``, the time the driver spent storing: near ``seconds``, the one
    # writer is what limits the backfill, and more workers would wait on it.
    store_seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        """Inputs taken care of (stored, duplicate or already stored) per second."""
        c = self.counts
        return (c.ingested + c.duplicates + c.already_done) / max(self.seconds, 1e-9)

    def to_dict(self) -> dict[str, Any]:
        out = self.counts.to_dict()
        out.pop("files", None)
        out.pop("doc_ids", None)
        return {"store": self.store, "shards": self.shards, "workers": self.workers,
                "seconds": round(self.seconds, 2), "store_seconds": round(self.store_seconds, 2),
                "articles_per_second": round(self.articles_per_second, 2), **out}


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise Unavailable("veracity backfill needs Ray: pip install 'veracity[ray]'") from exc
    return ray


def backfill(sources: Sequence[str], store_url: str, settings: Settings, *,
             address: str | None = None, workers: int | None = None,
             batch_size: int | None = None, language: str | None = None) -> BackfillReport:
    """Backfill ``sources`` into the store at ``store_url`` on Ray.

    Without ``address`` a local Ray is started with ``workers`` CPUs (default:
    this machine's) and stopped afterwards; with one, the running cluster at
    that address is joined and ``workers`` defaults to its CPUs. Bad inputs are
    in the report, never raised; a failure of the cluster or the store is."""
    from veracity.backfill.readers import ReadUnits, split_shard

    ray = _ray()
    start = time.perf_counter()
    if "://" not in store_url and store_url != ":memory:":
        # A SQLite file (local use): the actors may start in another folder.
        store_url = os.path.abspath(os.path.expanduser(store_url))
    shards, errors = list_shards(sources)
    size = max(1, batch_size or settings.batch_size)
    started_here = not ray.is_initialized()
    storing = 0.0
    try:
        if started_here:
            if address:
                try:
                    ray.init(address=address)
                except ConnectionError as exc:
                    raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                                       f"{str(exc).strip()[:200]}") from exc
            else:
                # Offline: Ray's usage report would reach for the network.
                os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
                ray.init(num_cpus=max(1, workers or os.cpu_count() or 1),
                         include_dashboard=False)
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        with open_store(store_url) as store:
            shown_url = store.url
            writer = Ingester(store, replace(settings, workers=1), language=language)
            report = writer.report
            report.files = len(shards)
            report.skipped.extend((e.path, e.reason) for e in errors)
            if shards:
                ctx = ray.data.DataContext.get_current()
                # Input order in, input order out: the first of two near-duplicates
                # (in shard and line order) is the original, as with ingest.
                ctx.execution_options.preserve_order = True
                ds = ray.data.from_items(
                    [{"source": s.source, "path": s.path, "name": s.name} for s in shards],
                    override_num_blocks=len(shards))
                # Splitting reserves no CPU: the readers hold them all, and a split
                # task that waits for one would wait for ever.
                ds = ds.flat_map(split_shard, fn_kwargs={"settings": settings}, num_cpus=0,
                                 compute=ray.data.TaskPoolStrategy(size=n))
                ds = ds.map_batches(
                    ReadUnits, batch_size=size, batch_format="numpy", num_cpus=1,
                    compute=ray.data.ActorPoolStrategy(size=n),
                    fn_constructor_kwargs={"store_url": store_url, "settings": settings,
                                           "language": language})
                for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
                    t = time.perf_counter()
                    _store_batch(writer, [unpack_row(bytes(p)) for p in batch["payload"]])
                    storing += time.perf_counter() - t
            writer.finish()
    except ray.exceptions.RayError as exc:
        lines = str(exc).strip().splitlines()
        raise ClusterError(f"backfill stopped: {lines[0] if lines else type(exc).__name__}; "
                           "what was stored stays, and a re-run goes on from there") from exc
    finally:
        if started_here:
            ray.shutdown()
    return BackfillReport(store=shown_url, shards=len(shards), workers=n,
                          seconds=time.perf_counter() - start, counts=report,
                          store_seconds=storing)


def _store_batch(writer: Ingester, rows: list[dict[str, Any]]) -> None:
    """Count the error and done rows; store the prepared units in one go."""
    report = writer.report
    plans, read, vectors = [], [], []
    for row in rows:
        if row["kind"] == "error":
            report.skipped.append((row["origin"], row["reason"]))
        elif row["kind"] == "done":
            report.already_done += 1
        else:
            plan, r, v = row_prepared(row)
            plans.append(plan)
            read.extend(r)
            vectors.extend(v)
    if plans:
        writer.store_prepared(plans, read, vectors)


__all__ = ["BackfillReport", "backfill"]
