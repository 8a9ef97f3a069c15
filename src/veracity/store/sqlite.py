"""SQLite store: WAL mode, one writer with BEGIN IMMEDIATE, numbered migrations
recorded in the database, FTS5 over document text."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from veracity.errors import NotFound, StoreError
from veracity.read.types import Analysis, Event
from veracity.store.base import NewDocument, Store, StoredEvent
from veracity.types import Caption, Document, StoredDocument

_DOC_COLUMNS = ("id, kind, title, text, source, url, author, published, origin, format, "
                "content_hash, parent_id, copy_of, ingested_at")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every shipped migration, in order."""
    found = []
    for entry in resources.files("veracity.store").joinpath("migrations").iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(Store):
    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:":
            p = Path(path).expanduser()
            if p.is_dir():
                raise StoreError(f"{path}: is a folder, not a database file")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create its folder: {exc.strerror}") from exc
            path = str(p)
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                        timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a veracity store or damaged: {exc}") from exc
        self._in_tx = False

    # -- schema ------------------------------------------------------------
    def _migrate(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = {r[0] for r in c.execute("SELECT version FROM migrations")}
            for version, name, sql in migrations():
                if version in done:
                    continue
                for statement in _split_sql(sql):
                    c.execute(statement)
                c.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, now()))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT version, name FROM migrations ORDER BY version")]

    # -- writing -----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_tx:  # nested: the outer transaction decides
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_tx = False

    def add_document(self, new: NewDocument, parent_id: int | None = None) -> int:
        d = new.doc
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO documents (kind, title, text, source, url, author, published, "
                "origin, format, content_hash, parent_id, copy_of, similarity, minhash, "
                "ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (d.kind, d.title, d.text, d.source, d.url, d.author, d.published, d.origin,
                 d.format, new.content_hash, parent_id, new.copy_of, new.similarity,
                 new.minhash, now()))
            doc_id = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO captions (doc_id, idx, text, credit, date) VALUES (?,?,?,?,?)",
                [(doc_id, i, c.text, c.credit, c.date) for i, c in enumerate(d.captions)])
        return doc_id

    def save_analysis(self, doc_id: int, analysis: Analysis) -> None:
        with self.transaction():
            c = self.conn
            c.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            c.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)",
                      (doc_id, analysis.reader_version,
                       json.dumps(analysis.to_dict(), ensure_ascii=False), now()))
            for ev in analysis.events:
                cur = c.execute(
                    'INSERT INTO events (doc_id, local_id, caption, predicate, lemma, class, '
                    'time, time_text, modality, polarity, quote, start, "end") '
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, ev.id, ev.caption, ev.predicate, ev.lemma, ev.cls, ev.time,
                     ev.time_text, ev.modality, ev.polarity, ev.quote, ev.start, ev.end))
                eid = cur.lastrowid
                c.executemany("INSERT INTO event_participants VALUES (?, ?, ?)",
                              [(eid, p, i) for i, p in enumerate(ev.participants)])
                c.executemany(
                    'INSERT INTO stances (event_id, source, stance, cue, quote, start, "end", '
                    "first_hand, source_kind) VALUES (?,?,?,?,?,?,?,?,?)",
                    [(eid, s.source, s.stance, s.cue, s.quote, s.start, s.end,
                      int(s.first_hand), s.source_kind) for s in ev.stances])

    def mark_input(self, raw_hash: str, origin: str, documents: int) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?)",
                              (raw_hash, origin, documents, now()))

    # -- reading -----------------------------------------------------------
    def input_hashes(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT raw_hash FROM inputs")}

    def find_hash(self, content_hash: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?",
                                (content_hash,)).fetchone()
        return int(row[0]) if row else None

    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        for row in self.conn.execute("SELECT id, minhash FROM documents "
                                     "WHERE copy_of IS NULL AND minhash IS NOT NULL"):
            yield int(row[0]), bytes(row[1])

    def _row_doc(self, row: sqlite3.Row) -> StoredDocument:
        doc = Document(text=row["text"], title=row["title"], kind=row["kind"],
                       source=row["source"], url=row["url"], author=row["author"],
                       published=row["published"], origin=row["origin"], format=row["format"],
                       captions=self.captions(row["id"]))
        return StoredDocument(id=row["id"], doc=doc, content_hash=row["content_hash"],
                              ingested_at=row["ingested_at"], parent_id=row["parent_id"],
                              copy_of=row["copy_of"])

    def _docs(self, sql: str, params: Sequence[object] = ()) -> list[StoredDocument]:
        return [self._row_doc(r) for r in self.conn.execute(sql, params).fetchall()]

    def get(self, doc_id: int) -> StoredDocument:
        docs = self._docs(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not docs:
            raise NotFound(f"no document {doc_id} in {self.url}")
        return docs[0]

    def documents(self, limit: int | None = None, offset: int = 0,
                  kind: str | None = None) -> list[StoredDocument]:
        where = "WHERE kind = ?" if kind else ""
        params: list[object] = [kind] if kind else []
        return self._docs(f"SELECT {_DOC_COLUMNS} FROM documents {where} ORDER BY id "
                          "LIMIT ? OFFSET ?", [*params, -1 if limit is None else limit, offset])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def children(self, doc_id: int) -> list[StoredDocument]:
        return self._docs(f"SELECT {_DOC_COLUMNS} FROM documents WHERE parent_id = ? "
                          "ORDER BY id", (doc_id,))

    def copies(self, doc_id: int) -> list[StoredDocument]:
        return self._docs(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE copy_of = ? OR id = "
            "(SELECT copy_of FROM documents WHERE id = ?) ORDER BY id", (doc_id, doc_id))

    def captions(self, doc_id: int) -> tuple[Caption, ...]:
        return tuple(Caption(text=r[0], credit=r[1], date=r[2]) for r in self.conn.execute(
            "SELECT text, credit, date FROM captions WHERE doc_id = ? ORDER BY idx", (doc_id,)))

    def analysis(self, doc_id: int) -> Analysis | None:
        row = self.conn.execute("SELECT data FROM analyses WHERE doc_id = ?",
                                (doc_id,)).fetchone()
        return Analysis.from_dict(json.loads(row[0])) if row else None

    def reader_versions(self) -> dict[int, str | None]:
        return {int(r[0]): r[1] for r in self.conn.execute(
            "SELECT d.id, a.reader_version FROM documents d "
            "LEFT JOIN analyses a ON a.doc_id = d.id ORDER BY d.id")}

    def search(self, query: str, limit: int = 50) -> list[int]:
        terms = [t for t in re.findall(r"\w+", query) if len(t) > 1]
        if not terms:
            return []
        fts = " OR ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
            "ORDER BY bm25(documents_fts) LIMIT ?", (fts, limit))
        return [int(r[0]) for r in rows]

    def _events(self, where: str, params: Sequence[object]) -> list[StoredEvent]:
        # Each event's full record (agent, place, granularity...) comes from the
        # analysis JSON, so what is read back is exactly what was stored.
        rows = self.conn.execute(
            f"SELECT e.id, e.doc_id, e.local_id FROM events e WHERE {where} "
            "ORDER BY e.doc_id, e.id", params).fetchall()
        by_doc: dict[int, dict[str, Event]] = {}
        out = []
        for eid, doc_id, local_id in rows:
            if doc_id not in by_doc:
                a = self.analysis(doc_id)
                by_doc[doc_id] = {e.id: e for e in a.events} if a else {}
            ev = by_doc[doc_id].get(local_id)
            if ev is not None:
                out.append(StoredEvent(id=int(eid), doc_id=int(doc_id), event=ev))
        return out

    def events_with(self, entities: Sequence[str]) -> list[StoredEvent]:
        if not entities:
            return []
        marks = ",".join("?" * len(entities))
        return self._events(
            "e.id IN (SELECT event_id FROM event_participants WHERE entity COLLATE NOCASE "
            f"IN ({marks}))", list(entities))

    def events_of(self, doc_ids: Sequence[int]) -> list[StoredEvent]:
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        return self._events(f"e.doc_id IN ({marks})", list(doc_ids))

    def close(self) -> None:
        self.conn.close()


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration file; trigger bodies keep their inner semicolons."""
    out, buf, in_trigger = [], [], False
    for line in sql.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") or not stripped:
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and upper == "END;") or (not in_trigger and stripped.endswith(";")):
            out.append("\n".join(buf))
            buf, in_trigger = [], False
    if buf:
        out.append("\n".join(buf))
    return out
