"""``veracity bench scale --db URL --docs N``: ``ask`` latency and store size at N documents.

A store of N documents is filled from the read articles of a source store
(e.g. the one ``bench ingest ../shared/data/polnear --splits dev --db FILE``
leaves), without reading anything again: document k is source article
``k mod S``, copy number ``v = k div S``, with its stored analysis and
sentence vectors copied and, from the second copy on,

- every capitalised word of a participant, source, entity or place name
  rewritten, in the text, the title and the analysis alike, by a letter
  substitution of copy v's own (vowels for vowels, consonants for
  consonants, case kept), so every offset of the analysis still holds and
  each copy speaks of people and places of its own;
- the publication date, the event dates and the caption dates moved v days.

A copy keeps the source's MinHash signature, so the store's size is a real
one, but is stored as an original (its content hash is made from k). The fill
goes on from what the store holds, so one store serves 10k and then 100k.
Then every question of QUESTIONS is asked, as ``bench ask-latency`` does, and
p50/p95 are reported with the store's size on disk.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import re
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from veracity.bench.ask_latency import measure, read_questions
from veracity.commands._common import add_format, need_counts, print_json
from veracity.errors import UsageError
from veracity.read.types import Analysis
from veracity.store import open_store
from veracity.store.base import NewDocument, Store
from veracity.types import Caption, Document

# Documents stored per transaction while filling: large enough that commits do
# not dominate, small enough that an interrupted fill loses little.
CHUNK = 200
_VOWELS = "aeiou"
_CONSONANTS = "bcdfghjklmnpqrstvwxyz"
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


# A text cut at its names once per source article, as ``re.split`` with one
# group cuts it: plain text, a name, plain text, ... The names are the same in
# every copy, so a copy joins the pieces with its names translated instead of
# running a regular expression over the whole analysis again (a quarter of the
# fill's time when it did).
Pieces = tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A read article of the source store, with what a copy needs."""

    doc: Document
    analysis: dict[str, Any]
    vectors: dict[tuple[int | None, int, int], bytes]
    minhash: bytes | None
    text: Pieces
    title: Pieces | None
    captions: tuple[Pieces, ...]
    analysis_json: Pieces  # the analysis as stored (JSON), cut at its names


@functools.lru_cache(maxsize=64)
def _letters(copy: int) -> dict[int, int]:
    """Copy ``copy``'s letter substitution: vowels to vowels, consonants to
    consonants, upper case kept, so a name keeps its length and its look."""
    rng = random.Random(copy)
    vowels, consonants = list(_VOWELS), list(_CONSONANTS)
    rng.shuffle(vowels)
    rng.shuffle(consonants)
    lower = dict(zip(_VOWELS + _CONSONANTS, "".join(vowels + consonants), strict=True))
    table = {ord(a): ord(b) for a, b in lower.items()}
    table.update({ord(a.upper()): ord(b.upper()) for a, b in lower.items()})
    return table


def _name_words(a: Analysis) -> set[str]:
    names: set[str] = {e.name for e in a.entities}
    for ev in a.events:
        names.update(ev.participants)
        names.update(x for x in (ev.agent, ev.patient, ev.place) if x)
        names.update(s.source for s in ev.stances)
    names.update(x.source for x in a.attributions if x.source)
    return {w for n in names for w in re.findall(r"[A-Z][\w'’-]+", n) if len(w) > 2}


def _cut(pattern: re.Pattern[str] | None, text: str) -> Pieces:
    return tuple(pattern.split(text)) if pattern is not None else (text,)


def _join(pieces: Pieces, copy: int) -> str:
    if copy == 0 or len(pieces) == 1:
        return "".join(pieces)
    table = _letters(copy)
    return "".join(p.translate(table) if i % 2 else p for i, p in enumerate(pieces))


def load_sources(store: Store) -> list[Source]:
    """Every read article of ``store``, in id order."""
    minhashes = dict(store.minhashes())
    out = []
    for sd in store.documents():
        a = store.analysis(sd.id)
        if a is None:
            continue
        words = _name_words(a)
        pattern = (re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(
            words, key=len, reverse=True)) + r")\b") if words else None)
        data = a.to_dict()
        d = sd.doc
        out.append(Source(
            doc=d, analysis=data, vectors=store.passage_vectors_of(sd.id),
            minhash=minhashes.get(sd.id), text=_cut(pattern, d.text),
            title=None if d.title is None else _cut(pattern, d.title),
            captions=tuple(_cut(pattern, c.text) for c in d.captions),
            analysis_json=_cut(pattern, json.dumps(data, ensure_ascii=False))))
    if not out:
        raise UsageError(f"{store.url}: no read documents to copy")
    return out


def _shift(day: str | None, days: int) -> str | None:
    m = _ISO_DAY.match(day or "")
    if not m or not days:
        return day
    try:
        moved = date.fromisoformat(m.group(1)) + timedelta(days=days)
    except ValueError:
        return day
    return moved.isoformat() + (day or "")[10:]


def make_copy(src: Source, k: int, copies_of_each: int
              ) -> tuple[NewDocument, Analysis, str]:
    """Document number ``k`` of the filled store, copy ``k // len(sources)``:
    the document, its analysis, and that analysis as the store keeps it (JSON)."""
    copy = k // copies_of_each
    d = src.doc
    doc = replace(d, text=_join(src.text, copy),
                  title=None if src.title is None else _join(src.title, copy),
                  published=_shift(d.published, copy), origin=f"bench-scale:{k}",
                  captions=tuple(Caption(_join(p, copy), c.credit, _shift(c.date, copy))
                                 for p, c in zip(src.captions, d.captions, strict=True)))
    encoded = _join(src.analysis_json, copy)
    data = json.loads(encoded)
    if copy:
        for ev in data.get("events", ()):
            ev["time"] = _shift(ev.get("time"), copy)
        encoded = json.dumps(data, ensure_ascii=False)
    h = hashlib.sha256(f"bench-scale {k} {d.title or ''} {d.text[:200]}".encode()).hexdigest()
    return NewDocument(doc, h, src.minhash), Analysis.from_dict(data), encoded


def fill(store: Store, sources: list[Source], n: int) -> tuple[int, float]:
    """Add documents until ``store`` holds ``n``; (added, seconds)."""
    start = time.perf_counter()
    have = store.count()
    for first in range(have, n, CHUNK):
        with store.transaction():
            for k in range(first, min(n, first + CHUNK)):
                src = sources[k % len(sources)]
                new, analysis, encoded = make_copy(src, k, len(sources))
                doc_id = store.add_document(new)
                if doc_id is not None:
                    store.save_analysis(doc_id, analysis, src.vectors, encoded=encoded)
    return max(0, n - have), time.perf_counter() - start


def store_bytes(store: Store, url: str) -> int:
    """The store's size on disk: the SQLite file and its journal, or the tables
    and indexes of the PostgreSQL schema it uses."""
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace s ON s.oid = c.relnamespace "
                "WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'm')").fetchone()
        return int(row[0]) if row else 0
    path = url.removeprefix("sqlite:///")
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def run_benchmark(db: str, docs: int, source_db: str, questions_file: str,
                  repeat: int) -> dict[str, Any]:
    questions = read_questions(questions_file)
    with open_store(source_db) as src_store:
        sources = load_sources(src_store)
    with open_store(db) as store:
        added, seconds = fill(store, sources, docs)
        count = store.count()
        size = store_bytes(store, db)
        latency = measure(store, questions, repeat)
    return {"store": "postgresql" if db.startswith(("postgresql://", "postgres://"))
            else "sqlite", "documents": count, "sources": len(sources), "added": added,
            "fill_seconds": round(seconds, 1),
            "fill_documents_per_second": round(added / seconds, 1) if added else None,
            "store_bytes": size, "bytes_per_document": round(size / max(count, 1)),
            "ask": latency}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("scale", help="fill a store to N documents copied from read articles, "
                       "then `ask` p50/p95 and the store's size")
    p.add_argument("--db", metavar="URL", required=True,
                   help="the store to fill (SQLite file or postgresql:// URL); filling goes "
                   "on from the documents it holds")
    p.add_argument("--docs", type=int, required=True, metavar="N", help="documents to reach")
    p.add_argument("--source-db", metavar="URL", required=True,
                   help="a store of read articles to copy, e.g. the one `veracity bench "
                   "ingest ../shared/data/polnear --splits dev --db FILE` leaves")
    p.add_argument("--questions", metavar="FILE",
                   default="../shared/data/questions/polnear-dev.jsonl",
                   help="questions to time, one a line or JSON lines with 'q' "
                   "(default ../shared/data/questions/polnear-dev.jsonl)")
    p.add_argument("--repeat", type=int, default=1, metavar="N",
                   help="ask every question N times (default 1)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    need_counts(args, "docs")
    res = run_benchmark(args.db, args.docs, args.source_db, args.questions, args.repeat)
    if args.format == "json":
        print_json(res)
        return 0
    a = res["ask"]
    print(f"{res['documents']:,} documents in {res['store']} (copies of {res['sources']} read "
          f"articles; {res['added']:,} added in {res['fill_seconds']} s)")
    print(f"  store size: {res['store_bytes'] / 1e6:,.1f} MB "
          f"({res['bytes_per_document']:,} bytes per document)")
    print(f"  ask over {a['asks']} questions: p50 {a['p50_ms']} ms  p95 {a['p95_ms']} ms  "
          f"max {a['max_ms']} ms  (slowest: {a['slowest']})")
    return 0
