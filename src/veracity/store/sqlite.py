"""SQLite store: WAL mode, one writer with BEGIN IMMEDIATE, numbered migrations
recorded in the database, FTS5 over document text."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from veracity.errors import StoreError
from veracity.store.base import Passage
from veracity.store.sql import (
    SQLStore,
    fts_terms,
    idf,
    migrations,
    search_words,
)

# Result codes that are about the database file, not the data written to it.
_READ_ONLY = "the store is read-only"
_CANT_OPEN = "cannot open the database file"
_STORE_FAILURES = {
    "SQLITE_READONLY": _READ_ONLY,
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "disk I/O error",
    "SQLITE_CANTOPEN": _CANT_OPEN,
    "SQLITE_BUSY": "the store is locked by another writer",
    "SQLITE_LOCKED": "the store is locked by another writer",
    "SQLITE_PERM": "permission denied",
}


def _why(exc: BaseException) -> str | None:
    name = getattr(exc, "sqlite_errorname", None)
    if not isinstance(exc, sqlite3.Error) or not name:
        return None
    # Extended codes (SQLITE_READONLY_DBMOVED) share their primary code's reason.
    return _STORE_FAILURES.get("_".join(name.split("_")[:2]))


def _phrase(word: str) -> str:
    return f'"{word}"'


def _any(words: Sequence[str]) -> str:
    return " OR ".join(_phrase(w) for w in words)


class SQLiteStore(SQLStore):
    LIMIT_ALL = "-1"

    def __init__(self, path: str, create: bool = True) -> None:
        self.url = path
        if path != ":memory:":
            p = Path(path).expanduser()
            if p.is_dir():
                raise StoreError(f"{path}: is a folder, not a database file")
            if not create and not p.exists():
                # Checked before connecting: sqlite3 would create the file.
                raise self._missing(self.url)
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create its folder: {exc.strerror}") from exc
            path = str(p)
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                        timeout=30)
            if not create and not self._has_store():
                # Before WAL mode is set, which would write to an empty file.
                raise self._missing(self.url)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, StoreError) as exc:
            if isinstance(exc, StoreError) and exc.__cause__ is None:
                self.conn.close()
                raise
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            why = _why(cause) if cause is not None else None
            if why is None:
                raise StoreError(f"{path}: not a veracity store or damaged: {exc}") from exc
            if why == _CANT_OPEN and not Path(path).is_file():
                raise StoreError(f"{path}: cannot create the store: cannot open the "
                                 "database file (is its folder writable?)") from exc
            if why not in (_READ_ONLY, _CANT_OPEN):
                raise StoreError(f"{path}: cannot open the store: {why}") from exc
            self.conn.close()
            self._open_read_only(path)

    def _open_read_only(self, path: str) -> None:
        """Open a store we may not write (a read-only file or folder) for reading;
        writing to it then raises a one-line StoreError."""
        uri = f"file:{quote(path)}?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                        check_same_thread=False, timeout=30)
            try:
                self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # WAL needs a -shm file, which a read-only folder cannot take: read
                # the file as it is (nobody can be writing to it there either).
                self.conn.close()
                self.conn = sqlite3.connect(uri + "&immutable=1", uri=True,
                                            isolation_level=None, check_same_thread=False)
            applied = {v for v, _ in self.applied_migrations()}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a veracity store or damaged: {exc}") from exc
        missing = [v for v, _, _ in migrations(self.MIGRATIONS) if v not in applied]
        if missing:
            raise StoreError(f"{path}: the store is read-only and older than this version "
                             f"(migration {missing[0]} not applied); open it once where it "
                             "can be written")

    # -- dialect hooks -----------------------------------------------------
    def _has_store(self) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'migrations'"))

    def _change_mark(self) -> object:
        # SQLite gives a new row the highest id + 1, so after a removal an id can
        # come back: the data version tells that another connection committed.
        return self._rows("PRAGMA data_version")[0][0]

    def _retitle(self, doc_id: int, old: str | None, new: str | None, text: str) -> None:
        # An external-content FTS5 index is told the old values to forget.
        self._exec("INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                   "VALUES ('delete', ?, ?, ?)", (doc_id, old, text))
        self._exec("INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
                   (doc_id, new, text))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, params)

    def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int | None:
        cur = self.conn.execute(sql, params)
        return int(cur.lastrowid or 0) if cur.rowcount > 0 else None

    def _unavailable(self, exc: BaseException) -> str | None:
        return _why(exc)

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now: a second writer waits (busy
        # timeout) instead of failing half-way through a unit.
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def search(self, query: str, limit: int = 50) -> list[int]:
        terms = fts_terms(query)
        if not terms:
            return []
        fts = " OR ".join(f'"{t}"' for t in terms)
        rows = self._rows("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                          "ORDER BY bm25(documents_fts) LIMIT ?", (fts, limit))
        return [int(r[0]) for r in rows]

    def search_passages(self, terms: Sequence[str], limit: int = 100) -> list[Passage]:
        # Stop words out, as PostgreSQL's 'english' configuration leaves them out:
        # at 10,000 documents "of" alone matched 318,000 of 390,000 passages,
        # and each match is ranked. Words held by COMMON_PASSAGES passages or
        # more do not bring candidates either (see there). The best rowids are
        # taken from the index first and joined to their rows after.
        words = search_words(terms)
        if not words:
            return []
        # How many passages hold each word, counted up to the threshold only.
        held = {w: int(self._rows(
            "SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? "
            "LIMIT ?)", (_phrase(w), self.COMMON_PASSAGES))[0][0]) for w in words}
        common = [w for w in words if held[w] >= self.COMMON_PASSAGES]
        if not common:
            ranked = [(int(r[0]), float(r[1])) for r in self._rows(
                "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY rank, rowid LIMIT ?", (_any(words), limit))]
        else:
            ranked = self._ranked_with_common(
                [w for w in words if held[w] < self.COMMON_PASSAGES], common, limit)
        if not ranked:
            return []
        order = {rowid: k for k, (rowid, _) in enumerate(ranked)}
        found = self._passages(
            'SELECT id, doc_id, caption, start, "end", text FROM passages '
            f"WHERE id IN ({','.join('?' * len(order))})", list(order))
        return sorted(found, key=lambda p: order[p.id])

    def _ranked_with_common(self, rare: list[str], common: list[str], limit: int
                            ) -> list[tuple[int, float]]:
        """(rowid, rank) of the best passages when some words are common (see
        COMMON_PASSAGES): the rare words' passages by FTS5's BM25, each common word
        they hold adding its inverse document frequency (counted as if held by
        COMMON_PASSAGES passages, the least it can be), as BM25 would for a
        passage of average length holding the word once; then, while fewer
        than ``limit`` were found, passages holding all the common words, then
        all but one, and so on (unranked: the index finds them without
        visiting every passage that holds one)."""
        passages = int(self._rows("SELECT coalesce(max(id), 0) FROM passages")[0][0])
        weight = idf(passages, self.COMMON_PASSAGES)
        score: dict[int, float] = {}
        if rare:
            # Every passage of the rare words is ranked (fewer than
            # COMMON_PASSAGES a word), not only their best: a long sentence
            # holding one rare word and three common ones ranks low on the rare
            # word alone and first once the common words are counted.
            for rowid, rank in self._rows(
                    "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ?",
                    (_any(rare),)):
                score[int(rowid)] = float(rank)  # BM25 in FTS5 is negative: less is better
            for w in common:
                # Only the passages of the rare words are walked.
                for (rowid,) in self._rows("SELECT rowid FROM passages_fts WHERE "
                                           "passages_fts MATCH ?",
                                           (f"{_phrase(w)} AND ({_any(rare)})",)):
                    if int(rowid) in score:
                        score[int(rowid)] -= weight
        # The more of the common words a passage holds, the earlier it comes.
        # Which of them is the most frequent is not known past the threshold,
        # so they are given up in reverse alphabetical order.
        kept = list(common)
        while kept and len(score) < limit:
            for (rowid,) in self._rows(
                    "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?",
                    (" AND ".join(_phrase(w) for w in kept), limit)):
                score.setdefault(int(rowid), -weight * len(kept))
            kept.pop()
        return sorted(score.items(), key=lambda kv: (kv[1], kv[0]))[:limit]

    def close(self) -> None:
        self.conn.close()
