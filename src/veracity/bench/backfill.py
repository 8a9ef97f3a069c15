"""``veracity bench backfill DIR``: articles per second of ``backfill`` on Ray with
one and with two workers against plain ``ingest``, on the same records, in one run.

The PolNeAR articles of DIR (as ``bench ingest`` takes them) are written as
JSON-lines shards, then stored three times into fresh stores: by ``ingest``
in this process, by ``backfill`` on a local Ray with one reader worker, and
with two. Each run is timed whole (loading the models, and starting Ray,
included), so the ratios are what a user sees; the machine is shared, so only
the ratios measured here, in one run, mean anything.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from veracity.bench.ingest import polnear_records
from veracity.commands._common import add_format, print_json
from veracity.settings import Settings, load_settings


@contextmanager
def fresh_store(base: str | None, folder: Path, name: str) -> Iterator[str]:
    """The URL of an empty store: a SQLite file in ``folder``, or a schema of its
    own in the PostgreSQL database ``base`` names, dropped afterwards."""
    if not base or not base.startswith(("postgresql://", "postgres://")):
        yield str(folder / f"{name}.sqlite")
        return
    import psycopg

    schema = f"bench_{name}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def write_shards(records: list[dict[str, str]], folder: Path, shards: int) -> None:
    """Records dealt round-robin into ``shards`` JSON-lines files."""
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[list[str]] = [[] for _ in range(max(1, shards))]
    for i, r in enumerate(records):
        parts[i % len(parts)].append(json.dumps(r, ensure_ascii=False))
    for k, lines in enumerate(parts):
        (folder / f"part-{k:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ingest_run(folder: Path, url: str, settings: Settings) -> dict[str, Any]:
    from veracity.pipeline import ingest
    from veracity.store import open_store

    start = time.perf_counter()
    with open_store(url) as store:
        rep = ingest([str(folder)], store, settings.with_overrides(db=url, workers=1))
        stored = store.count()
    seconds = time.perf_counter() - start
    return {"run": "ingest", "workers": 1, "seconds": seconds, "stored": stored,
            "near_duplicates": rep.near_duplicates, "skipped": len(rep.skipped)}


def _backfill_run(folder: Path, url: str, settings: Settings, workers: int,
                  batch_size: int) -> dict[str, Any]:
    from veracity.backfill import backfill
    from veracity.store import open_store

    rep = backfill([str(folder)], url, settings.with_overrides(db=url), workers=workers,
                   batch_size=batch_size)
    with open_store(url) as store:
        stored = store.count()
    return {"run": "backfill", "workers": workers, "seconds": rep.seconds,
            "store_seconds": rep.store_seconds, "stored": stored,
            "near_duplicates": rep.counts.near_duplicates, "skipped": len(rep.counts.skipped)}


def run_benchmark(root: Path, splits: list[str], limit: int | None, shards: int,
                  db: str | None, batch_size: int) -> dict[str, Any]:
    records = polnear_records(root, splits)[:limit]
    settings = load_settings()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shards"
        write_shards(records, folder, shards)
        with fresh_store(db, Path(tmp), "ingest") as url:
            runs.append(_ingest_run(folder, url, settings))
        for workers in (1, 2):
            with fresh_store(db, Path(tmp), f"backfill{workers}") as url:
                runs.append(_backfill_run(folder, url, settings, workers, batch_size))
    n = len(records)
    for r in runs:
        r["articles_per_second"] = n / r["seconds"]
    base = runs[0]["articles_per_second"]
    for r in runs:
        r["speed_over_ingest"] = r["articles_per_second"] / base
    return {"articles": n, "shards": shards, "store": "postgresql" if db and
            db.startswith(("postgresql://", "postgres://")) else "sqlite", "runs": runs}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backfill", help="articles per second of `backfill` on Ray with 1 and "
                       "2 workers against plain `ingest`, same records, one run")
    p.add_argument("dir", metavar="DIR", help="PolNeAR's layout, e.g. ../shared/data/polnear")
    p.add_argument("--splits", default="dev", help="comma-separated (default dev)")
    p.add_argument("--limit", type=int, metavar="N", help="the first N articles only")
    p.add_argument("--shards", type=int, default=4, metavar="N",
                   help="JSON-lines shards the articles are dealt into (default 4)")
    p.add_argument("--batch-size", type=int, default=8, metavar="N",
                   help="records per reader batch of the backfill (default 8)")
    p.add_argument("--db", metavar="URL", help="a postgresql:// URL: each run gets a fresh "
                   "schema there (default: fresh SQLite files)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Ray prints its workers' lines on stdout; stdout is kept for the figures.
    with contextlib.redirect_stdout(sys.stderr):
        res = run_benchmark(Path(args.dir), args.splits.split(","), args.limit, args.shards,
                            args.db, args.batch_size)
    if args.format == "json":
        print_json(res)
        return 0
    print(f"{res['articles']} PolNeAR articles in {res['shards']} JSON-lines shards, "
          f"each run into a fresh {res['store']} store")
    for r in res["runs"]:
        print(f"  {r['run']:<8} {r['workers']} worker(s): {r['seconds']:6.1f} s  "
              f"{r['articles_per_second']:5.2f} articles/s  = {r['speed_over_ingest']:.2f} x "
              f"ingest  ({r['stored']} stored, {r['skipped']} skipped)")
    return 0
