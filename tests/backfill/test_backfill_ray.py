"""``veracity backfill`` on a local Ray (two CPUs) into a throwaway PostgreSQL:
a reader worker killed mid-way, then a driver killed mid-way and a re-run.

Every record must end up stored exactly once, the copies planted across
shards linked to their originals, and the bad lines reported with their shard
and line. Skipped without Ray (``veracity[ray]``) or without VERACITY_TEST_PG.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.backfill.corpus import write_shards
from tests.conftest import throwaway_store

pytest.importorskip("ray", reason="veracity backfill needs the ray extra (veracity[ray])")
psycopg = pytest.importorskip("psycopg")

BACKFILL = [sys.executable, "-m", "veracity", "backfill", "--workers", "2", "--batch-size", "8",
            "--json"]


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    yield from throwaway_store("postgresql", tmp_path, "backfill")


def _children(pid: int) -> list[int]:
    """Every process below ``pid`` (Ray's raylet, GCS and workers of a local Ray)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        out.extend(kids)
        todo.extend(kids)
    return out


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _stored(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM documents").fetchone()
    return int(row[0]) if row else 0


def _wait_for(proc: subprocess.Popen[str], url: str, at_least: int) -> int:
    """Poll the store until it holds ``at_least`` documents; the count then."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the backfill ended before it could be interrupted"
        try:
            n = _stored(url)
        except psycopg.Error:  # the schema's tables are not made yet
            n = 0
        if n >= at_least:
            return n
        time.sleep(0.2)
    raise AssertionError("the backfill stored nothing in 240 s")


def _check_store(url: str, expect: dict[str, object]) -> None:
    with psycopg.connect(url) as conn:
        docs = conn.execute("SELECT id, title, copy_of FROM documents").fetchall()
        inputs = conn.execute("SELECT count(*) FROM inputs").fetchone()
        read = conn.execute("SELECT count(*) FROM analyses").fetchone()
    titles = [t for _, t, _ in docs]
    assert len(docs) == expect["distinct"]
    assert len(set(titles)) == len(titles), "a record was stored twice"
    assert inputs is not None and inputs[0] == expect["distinct"]
    assert read is not None and read[0] == expect["distinct"], "a document was left unread"
    ids = {t: i for i, t, _ in docs}
    copies = {t: c for _, t, c in docs if c is not None}
    # Each planted copy is linked to its original in shard 0, and nothing else is.
    assert copies == {copy: ids[orig] for copy, orig in expect["near"]}  # type: ignore[attr-defined]


def _check_summary(out: str, expect: dict[str, object]) -> dict[str, object]:
    summary: dict[str, object] = json.loads(out)
    reported = {s["path"].rsplit("/", 1)[-1] for s in summary["skipped"]}  # type: ignore[attr-defined]
    assert reported == set(expect["bad"])  # type: ignore[call-overload]
    return summary


def test_worker_killed_mid_way_loses_nothing(tmp_path: Path, pg_url: str) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    expect = write_shards(shards, shards=4, per_shard=60)
    log = tmp_path / "stderr.log"  # beside the shards: a file among them is a shard
    with log.open("w") as err:
        proc = subprocess.Popen([*BACKFILL, str(shards), "--db", pg_url], text=True,
                                stdout=subprocess.PIPE, stderr=err)
    try:
        before = _wait_for(proc, pg_url, 16)
        workers = []
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline:
            workers = [p for p in _children(proc.pid) if b"ReadUnits" in _cmdline(p)]
            time.sleep(0.1)
        assert workers, "no reader actor found to kill"
        os.kill(workers[0], signal.SIGKILL)
        out, _ = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert before < expect["distinct"]  # type: ignore[operator]
    summary = _check_summary(out, expect)
    assert summary["ingested"] == expect["distinct"]
    assert summary["near_duplicates"] == len(expect["near"])  # type: ignore[arg-type]
    # The repeated line is one input: met once its first copy is committed it is
    # "already stored", met while that copy is still in flight a "duplicate".
    assert summary["already_stored"] + summary["duplicates"] == expect["repeats"]
    _check_store(pg_url, expect)
    assert not [p for p in _children(proc.pid)], "Ray processes left behind"


def test_driver_killed_mid_way_and_rerun_resumes(tmp_path: Path, pg_url: str) -> None:
    expect = write_shards(tmp_path, shards=3, per_shard=30, seed=11)
    proc = subprocess.Popen([*BACKFILL, str(tmp_path), "--db", pg_url], text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(proc, pg_url, 16)
    finally:
        # The driver dies at once, and with it the local Ray it started (its
        # processes are ended here, as a machine going down would end them).
        tree = _children(proc.pid)
        proc.kill()
        proc.wait()
        for pid in tree:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    stored = _stored(pg_url)
    assert 0 < stored < expect["distinct"]  # type: ignore[operator]
    done = subprocess.run([*BACKFILL, str(tmp_path), "--db", pg_url], text=True,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = _check_summary(done.stdout, expect)
    # What the first run committed is not read again; the rest is stored now.
    assert summary["already_stored"] >= stored
    assert (summary["ingested"] + summary["already_stored"]  # type: ignore[operator]
            + summary["duplicates"] == expect["distinct"] + expect["repeats"])
    _check_store(pg_url, expect)
