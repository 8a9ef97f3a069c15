"""Shards found and split through pyarrow's filesystems, without Ray: the same
units, errors and limits as ``ingest``, and rows that carry them intact."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from veracity.ingest import Ingester
from veracity.settings import Settings
from veracity.store import open_store

pytest.importorskip("pyarrow", reason="shards are read through pyarrow (veracity[ray])")

from veracity.backfill.shards import (  # noqa: E402
    list_shards,
    prepared_rows,
    row_prepared,
    row_unit,
    shard_units,
    unit_row,
    unpack_row,
)

LINE = {"title": "Mayor meets minister", "text": "Lena Ortiz met Paul Brandt in Lisbon on "
        "Tuesday, her office said in a statement."}


def test_folders_are_walked_in_name_order_and_hidden_entries_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for p in ("b/2.jsonl", "a.jsonl", ".x.jsonl", ".hidden/3.jsonl"):
        (tmp_path / p).write_text(json.dumps(LINE) + "\n")
    shards, errors = list_shards([str(tmp_path), str(tmp_path / "missing")])
    assert [s.name.removeprefix(str(tmp_path)) for s in shards] == ["/a.jsonl", "/b/2.jsonl"]
    assert [(e.path, e.reason) for e in errors] == [(str(tmp_path / "missing"),
                                                     "no such file or folder")]


def test_a_uri_is_opened_by_pyarrow(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(LINE) + "\n")
    shards, errors = list_shards([f"file://{tmp_path}"])
    assert not errors and [s.name for s in shards] == [f"file://{tmp_path}/a.jsonl"]
    units = list(shard_units(shards[0], Settings()))
    assert [u.origin for u in units] == [f"file://{tmp_path}/a.jsonl:1"]  # type: ignore[union-attr]


def test_gzipped_lines_bad_lines_and_limits(tmp_path: Path) -> None:
    lines = [json.dumps(LINE), "{not json", json.dumps({"title": "no text"}),
             json.dumps(dict(LINE, text="x" * 500))]
    (tmp_path / "s.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (tmp_path / "big.jsonl").write_text(json.dumps(LINE) * 100)
    shards, _ = list_shards([str(tmp_path)])
    settings = Settings(max_bytes=400, max_shard_bytes=2_000)
    got = {s.name.rsplit("/", 1)[-1]: list(shard_units(s, settings)) for s in shards}
    assert "shard limit" in got["big.jsonl"][0].reason  # type: ignore[union-attr]
    units = got["s.jsonl.gz"]
    assert len(units[0].documents) == 1  # type: ignore[union-attr]
    reasons = {u.path.rsplit("/", 1)[-1]: u.reason for u in units[1:]}  # type: ignore[union-attr]
    assert reasons["s.jsonl.gz:2"].startswith("malformed JSON line")
    assert reasons["s.jsonl.gz:3"] == "record has neither 'text' nor 'html'"
    assert reasons["s.jsonl.gz:4"].startswith("record too large")


def test_rows_carry_units_and_prepared_batches_intact(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(LINE) + "\n" + json.dumps(
        dict(LINE, title="Another \ud83d\ude00 headline")) + "\n", encoding="utf-8")
    shards, _ = list_shards([str(tmp_path)])
    units = [row_unit(unpack_row(unit_row(u)))  # type: ignore[arg-type]
             for u in shard_units(shards[0], Settings())]
    direct = list(shard_units(shards[0], Settings()))
    assert units == direct
    with open_store(str(tmp_path / "v.sqlite")) as store:
        ing = Ingester(store, Settings(embed_on_ingest=False), read=False)
        plans, read, vectors = ing.prepare(units)
        back = [row_prepared(unpack_row(r)) for r in prepared_rows(plans, read, vectors)]
        # Each unit's origin, raw hash and documents (with content hash and
        # whether they are read) come back as they went.
        assert [(u.origin, u.raw_hash, plan) for (u, plan), _, _ in back] == [
            (u.origin, u.raw_hash, plan) for u, plan in plans]
        for plan, r, v in back:
            ing.store_prepared([plan], r, v)
        assert store.count() == 2 and len(store.input_hashes()) == 2
