"""The load benchmark's arithmetic, and one small run against a real server."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.web.conftest import PAGE

from veracity.bench.serve_load import percentile
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store


@pytest.mark.parametrize("q, expected", [
    (50, 2.0),    # nearest rank: ceil(0.5 * 4) = 2nd value
    (95, 4.0),    # ceil(0.95 * 4) = 4th
    (1, 1.0),     # never below the smallest
    (100, 4.0),   # the largest
])
def test_percentile_nearest_rank(q, expected):
    assert percentile([4.0, 1.0, 3.0, 2.0], q) == expected


@pytest.mark.slow
def test_serve_load_small_run(tmp_path: Path) -> None:
    db = tmp_path / "load.sqlite"
    veracity = [sys.executable, "-m", "veracity"]
    with open_store(str(db)) as store:  # in-process: the pipeline is loaded already
        assert ingest([str(PAGE)], store, Settings(db=str(db)), published="2024-11-13").ingested
    out = subprocess.run([*veracity, "bench", "serve-load", "--db", str(db), "--question",
                          "Did Sandra Hale meet Daniel Okafor?", "--concurrency", "4",
                          "--requests", "8", "--format", "json"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["errors"] == 0 and res["requests"] == 8
    assert 0 < res["p50_ms"] <= res["p95_ms"] <= res["max_ms"]
    shutil.rmtree(tmp_path, ignore_errors=True)
