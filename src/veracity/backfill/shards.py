"""Shards of a backfill: found and read through pyarrow's filesystems, split
into input units by ingest's own parsers, and carried between Ray stages as
JSON bytes.

A source is a local path or anything ``pyarrow.fs.FileSystem.from_uri`` opens
(``s3://bucket/prefix``, ``gs://…``, ``hdfs://…``); a folder is walked
recursively in name order with hidden entries skipped, as ``ingest`` does.
Rows cross the Ray stages as one JSON document of plain types each (ASCII, so
any text survives): Arrow blocks then hold one binary column, whatever the
records contain.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from veracity.errors import InputError, crash_reason
from veracity.ingest import Plan, units_of_data
from veracity.ingest.detect import shown, unpack
from veracity.ingest.records import Unit
from veracity.read.types import Analysis
from veracity.settings import Settings
from veracity.types import Document


@dataclass(frozen=True)
class Shard:
    """One file to split: the source it was found under, its path inside that
    source's filesystem, and the name its records are reported with."""

    source: str
    path: str
    name: str


def _filesystem(source: str) -> tuple[Any, str]:
    """(pyarrow filesystem, path in it) of a source: a URI, or a local path."""
    from pyarrow import fs

    if "://" in source:
        return fs.FileSystem.from_uri(source)  # type: ignore[no-any-return]
    return fs.LocalFileSystem(), os.path.abspath(source)


def list_shards(sources: Iterable[str]) -> tuple[list[Shard], list[InputError]]:
    """Every file under ``sources`` (folders recursively, in name order, hidden
    files and folders skipped), and one error per source that cannot be listed."""
    from pyarrow import fs

    shards: list[Shard] = []
    errors: list[InputError] = []
    for source in sources:
        try:
            filesystem, root = _filesystem(source)
            info = filesystem.get_file_info(root)
            if info.type == fs.FileType.NotFound:
                errors.append(InputError(shown(source), "no such file or folder"))
                continue
            if info.type != fs.FileType.Directory:
                shards.append(Shard(source, root, shown(source)))
                continue
            found = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            errors.append(InputError(shown(source), f"cannot list: {_first_line(exc)}"))
            continue
        base = PurePosixPath(root)
        for entry in sorted(found, key=lambda e: str(e.path)):
            rel = PurePosixPath(entry.path).relative_to(base)
            if entry.type != fs.FileType.File or any(p.startswith(".") for p in rel.parts):
                continue
            shards.append(Shard(source, entry.path,
                                shown(source.rstrip("/") + "/" + rel.as_posix())))
    return shards, errors


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def read_shard(shard: Shard, max_shard_bytes: int) -> bytes:
    """A shard's bytes, gunzipped unless it is a ``.warc.gz``; InputError when it
    cannot be read or is over the limit."""
    try:
        filesystem, _ = _filesystem(shard.source)
        size = filesystem.get_file_info(shard.path).size
        if size is not None and size > max_shard_bytes:
            raise InputError(shard.name, f"too large: {size:,} bytes over the shard limit of "
                                         f"{max_shard_bytes:,} (setting max_shard_bytes)")
        # compression=None: the bytes as stored, so a .warc.gz reaches the WARC
        # reader whole and a .jsonl.gz is held to the limit once decompressed.
        with filesystem.open_input_stream(shard.path, compression=None) as fh:
            data = bytes(fh.read(max_shard_bytes + 1))
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise InputError(shard.name, f"cannot read: {_first_line(exc)}") from exc
    if not data:
        raise InputError(shard.name, "empty file")
    if len(data) > max_shard_bytes:
        raise InputError(shard.name, f"too large: over the shard limit of "
                                     f"{max_shard_bytes:,} bytes (setting max_shard_bytes)")
    return unpack(PurePosixPath(shard.path), data, max_shard_bytes)


def shard_units(shard: Shard, settings: Settings) -> Iterator[Unit | InputError]:
    """The input units of one shard, with ingest's parsers and its per-record
    limit; errors are yielded (a shard that cannot be read is one error)."""
    try:
        data = read_shard(shard, settings.max_shard_bytes)
    except InputError as exc:
        yield exc
        return
    except Exception as exc:  # our own code: the other shards go on
        yield InputError(shard.name, crash_reason(exc))
        return
    yield from units_of_data(shard.name, data, file_name=PurePosixPath(shard.path).name,
                             max_bytes=settings.max_bytes,
                             max_file_bytes=settings.max_shard_bytes)


# -- rows between the stages ------------------------------------------------

def _pack(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def unpack_row(data: bytes) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(data)
    return out


def unit_row(item: Unit | InputError) -> bytes:
    """An input unit, or the error that stands in its place, as a row."""
    if isinstance(item, InputError):
        return _pack({"kind": "error", "origin": item.path, "reason": item.reason})
    return _pack({"kind": "unit", "origin": item.origin, "raw_hash": item.raw_hash,
                  "documents": [d.to_dict() for d in item.documents]})


def row_unit(row: Mapping[str, Any]) -> Unit:
    return Unit(row["origin"], row["raw_hash"],
                tuple(Document.from_dict(d) for d in row["documents"]))


def error_row(origin: str, reason: str) -> bytes:
    return _pack({"kind": "error", "origin": origin, "reason": reason})


def done_row(origin: str) -> bytes:
    """An input stored by an earlier run (or another worker): counted, not read."""
    return _pack({"kind": "done", "origin": origin})


def prepared_rows(plans: list[Plan], read: list[Analysis | None],
                  vectors: list[dict[Any, bytes]]) -> list[bytes]:
    """A prepared batch (``Ingester.prepare``) as one row per unit, each carrying
    the analyses and vectors of its own documents that were read."""
    found = iter(zip(read, vectors, strict=True))
    rows = []
    for unit, plan in plans:
        docs = []
        for doc, h, fresh in plan:
            entry: dict[str, Any] = {"doc": doc.to_dict(), "hash": h, "fresh": fresh}
            if fresh:
                analysis, vecs = next(found)
                entry["analysis"] = None if analysis is None else analysis.to_dict()
                entry["vectors"] = [[c, a, b, base64.b64encode(v).decode("ascii")]
                                    for (c, a, b), v in vecs.items()]
            docs.append(entry)
        rows.append(_pack({"kind": "prepared", "origin": unit.origin,
                           "raw_hash": unit.raw_hash, "docs": docs}))
    return rows


def row_prepared(row: Mapping[str, Any]
                 ) -> tuple[Plan, list[Analysis | None], list[dict[Any, bytes]]]:
    """One unit's plan, and the analyses and vectors of its documents read."""
    plan: list[tuple[Document, str, bool]] = []
    read: list[Analysis | None] = []
    vectors: list[dict[Any, bytes]] = []
    for entry in row["docs"]:
        doc = Document.from_dict(entry["doc"])
        plan.append((doc, entry["hash"], bool(entry["fresh"])))
        if entry["fresh"]:
            a = entry.get("analysis")
            read.append(None if a is None else Analysis.from_dict(a))
            vectors.append({(c, s, e): base64.b64decode(v) for c, s, e, v in entry["vectors"]})
    unit = Unit(row["origin"], row["raw_hash"], tuple(d for d, _, _ in plan))
    return (unit, plan), read, vectors
