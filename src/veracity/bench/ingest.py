"""``veracity bench ingest DIR``: ingest the PolNeAR articles through JSON lines, twice.

DIR has PolNeAR's layout: ``metadata.tsv`` (compartment, filename, publisher,
publication_date, title, ...) and ``{train,dev}/text/*.txt``.  The articles are
written as one JSON-lines file (text, title, published, source), ingested into
a fresh store, then ingested again: the second run must store nothing new.
Prints time per article for both runs and, as a same-process baseline for the
noisy shared machines, bare spaCy ``nlp.pipe`` over the same texts; and the peak
memory (maximum resident set size) of the process. ``--long MB`` then ingests
one text of MB megabytes (the articles repeated) with ``veracity ingest`` in a
process of its own and reports its time and peak memory: the bound the default
limits (``read_max_chars``, ``max_bytes``) must keep under 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from veracity.commands._common import add_format, print_json
from veracity.errors import UsageError
from veracity.pipeline import ingest
from veracity.settings import load_settings
from veracity.store import open_store


def polnear_records(root: Path, splits: list[str]) -> list[dict[str, str]]:
    meta = root / "metadata.tsv"
    if not meta.is_file():
        raise UsageError(f"{root}: no metadata.tsv (expected PolNeAR's layout)")
    out = []
    with meta.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] not in splits:
                continue
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.is_file():
                continue
            out.append({"text": path.read_text(encoding="utf-8"), "title": row["title"],
                        "published": row["publication_date"], "source": row["publisher"],
                        "url": f"polnear:{row['compartment']}/{row['filename']}"})
    if not out:
        raise UsageError(f"{root}: no articles found for splits {', '.join(splits)}")
    return out


def peak_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM, which starts afresh
    at exec (ru_maxrss counts the parent's pages a child was forked with)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# Runs `veracity ingest` and prints its peak memory as the last line of stderr.
_CHILD = ("import sys; from veracity.bench.ingest import peak_mb; from veracity.cli import main; "
          "rc = main(sys.argv[1:]); print(f'peak {peak_mb():.1f}', file=sys.stderr); "
          "sys.exit(rc)")


def long_text_run(records: list[dict[str, str]], megabytes: float, read: bool) -> dict[str, Any]:
    """``veracity ingest`` of one text of ``megabytes`` MB, in a process of its own."""
    body = ("\n\n".join(r["text"] for r in records) + "\n\n").encode("utf-8")
    size = int(megabytes * 1_000_000)
    data = (body * (size // len(body) + 1))[:size]
    data = data[:data.rfind(b"\n") + 1]  # whole lines: no character cut in two
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_bytes(data)
        cmd = [sys.executable, "-c", _CHILD, "ingest", str(path), "--db",
               str(Path(tmp) / "long.sqlite"), "--json", *([] if read else ["--no-read"])]
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
    report = json.loads(done.stdout) if done.returncode == 0 else {}
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return {"bytes": len(data), "seconds": seconds, "exit_status": done.returncode,
            "ingested": report.get("ingested"), "skipped": report.get("skipped"),
            "peak_memory_mb": float(last.split()[1]) if last.startswith("peak ") else None}


def run_benchmark(root: Path, splits: list[str], read: bool, db: str | None,
                  long_mb: float | None = None) -> dict[str, Any]:
    records = polnear_records(root, splits)
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "polnear.jsonl"
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                        encoding="utf-8")
        path = db or str(Path(tmp) / "bench.sqlite")
        settings = settings.with_overrides(db=path)
        runs = []
        with open_store(path) as store:
            for _ in range(2):
                start = time.perf_counter()
                rep = ingest([str(feed)], store, settings, read=read)
                runs.append((time.perf_counter() - start, rep, store.count()))
        peak = peak_mb()  # of the two ingests, before the baseline below
        baseline = None
        if read:
            from veracity.read.nlp import load_nlp

            nlp = load_nlp()
            start = time.perf_counter()
            for _ in nlp.pipe((r["text"] for r in records), batch_size=settings.batch_size):
                pass
            baseline = time.perf_counter() - start
    n = len(records)
    (t1, r1, c1), (t2, r2, c2) = runs
    long = long_text_run(records, long_mb, read) if long_mb else None
    return {
        "articles": n, "read": read,
        "first": {"seconds": t1, "ms_per_article": 1000 * t1 / n, "ingested": r1.ingested,
                  "duplicates": r1.duplicates,
                  "near_duplicates": r1.near_duplicates, "skipped": len(r1.skipped),
                  "stored": c1},
        "second": {"seconds": t2, "ms_per_article": 1000 * t2 / n, "ingested": r2.ingested,
                   "already_stored": r2.already_done, "stored": c2},
        "duplicates_stored_second_time": c2 - c1,
        "bare_spacy_ms_per_article": None if baseline is None else 1000 * baseline / n,
        "spacy_over_ingest_ratio": None if baseline is None else baseline / t1,
        "peak_memory_mb": peak,
        "long_text": long,
    }


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ingest", help="ingest the PolNeAR articles through JSON lines twice; "
                       "time per article and duplicates stored the second time")
    p.add_argument("dir", metavar="DIR", help="e.g. ../shared/data/polnear")
    p.add_argument("--splits", default="train,dev", help="comma-separated (default train,dev)")
    p.add_argument("--no-read", action="store_true", help="ingest without the reader")
    p.add_argument("--db", metavar="FILE", help="keep the store here (default: a temp file)")
    p.add_argument("--long", type=float, metavar="MB",
                   help="then ingest one text of MB megabytes in a process of its own and "
                   "report its time and peak memory")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    res = run_benchmark(Path(args.dir), args.splits.split(","), not args.no_read, args.db,
                        args.long)
    if args.format == "json":
        print_json(res)
        return 0
    f, s = res["first"], res["second"]
    print(f"{res['articles']} PolNeAR articles through JSON lines "
          f"({'with' if res['read'] else 'without'} the reader)")
    print(f"first run:  {f['ingested']} stored, {f['duplicates']} exact duplicates, "
          f"{f['near_duplicates']} near-duplicates, "
          f"{f['skipped']} skipped, {f['ms_per_article']:.1f} ms/article")
    print(f"second run: {s['ingested']} stored, {s['already_stored']} already stored, "
          f"{s['ms_per_article']:.2f} ms/article")
    print(f"duplicates stored the second time: {res['duplicates_stored_second_time']}")
    if res["bare_spacy_ms_per_article"] is not None:
        print(f"bare spaCy nlp.pipe: {res['bare_spacy_ms_per_article']:.1f} ms/article; "
              f"ingest speed = {res['spacy_over_ingest_ratio']:.2f} x bare spaCy")
    print(f"peak memory: {res['peak_memory_mb']:.0f} MB")
    if res["long_text"]:
        lt = res["long_text"]
        print(f"one text of {lt['bytes']:,} bytes: exit status {lt['exit_status']}, "
              f"{lt['ingested']} stored, {lt['seconds']:.1f} s, peak memory "
              f"{lt['peak_memory_mb'] or 0:.0f} MB")
    return 0
