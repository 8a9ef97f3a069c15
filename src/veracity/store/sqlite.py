"""SQLite store: WAL mode, one writer with BEGIN IMMEDIATE, numbered migrations
recorded in the database, FTS5 over document text."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from veracity.errors import StoreError
from veracity.store.base import Passage
from veracity.store.sql import (
    COUNTED,
    FULL_RANKING,
    PAIRED,
    RARE_CANDIDATES,
    SQLStore,
    fts_terms,
    idf,
    migrations,
    search_words,
)
from veracity.store.sql_corpus import CHUNK

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


_TOKEN = re.compile(r"\w+")


# Endings a word of a passage may add to a search word (which is a stem:
# "declar", "hack") and still be that word for FTS5's Porter stemmer.
# "russian" is not "russia" to the index, so a free prefix would count it.
_ENDINGS = "e|es|s|ed|d|ing|ly|y|ies|ied|er|ers|ion|ions|ation|ations|al|ment|ments"


@functools.lru_cache(maxsize=256)
def _held_by(words: tuple[str, ...]) -> re.Pattern[str]:
    """Where a passage's text holds the search words (longest first), as near
    as a pattern gets to the index's stemming; the group is the word."""
    alternatives = "|".join(re.escape(w) for w in words) or "(?!)"
    return re.compile(rf"\b({alternatives})(?:{_ENDINGS})?\b", re.IGNORECASE)


class SQLiteStore(SQLStore):
    LIMIT_ALL = "-1"
    FULL_RANKING = FULL_RANKING  # here to be lowered in tests

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
        self.check_abandoned()
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            self.check_abandoned()  # "interrupted" by interrupt()
            raise

    def interrupt(self) -> None:
        # sqlite3_interrupt is safe to call from any thread; a statement started
        # after it (while the question unwinds) is interrupted too.
        self.conn.interrupt()

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
        # more bring candidates only in pairs (see there). The best rowids are
        # taken from the index first and joined to their rows after.
        words = search_words(terms)
        if not words:
            return []
        held = {w: self._held(w) for w in words}
        common = [w for w in words if held[w] >= self.COMMON_PASSAGES]
        if not common or sum(held.values()) <= self.FULL_RANKING:
            ranked = [int(r[0]) for r in self._rows(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY rank, rowid LIMIT ?", (_any(words), limit))]
            return self._passages_in_order(ranked)
        return self._ranked_with_common(words, held, common, limit)

    def _held(self, word: str) -> int:
        """How many passages hold ``word``: counted up to COUNTED, and past it
        extrapolated from how far into the passages (by id) the count got,
        which costs COUNTED rows, not all of them ("national": 101,241
        passages at 100,000 documents)."""
        cap = max(COUNTED, self.COMMON_PASSAGES)
        n, last = self._rows(
            "SELECT count(*), max(rowid) FROM (SELECT rowid FROM passages_fts "
            "WHERE passages_fts MATCH ? LIMIT ?)", (_phrase(word), cap))[0]
        if int(n) < cap:
            return int(n)
        top = int(self._rows("SELECT coalesce(max(id), 0) FROM passages")[0][0])
        return max(cap, round(cap * top / max(int(last), 1)))

    _mean: float | None = None

    def _mean_length(self) -> float:
        """Words in a passage on average, from the first 2,000 (once per open store)."""
        if self._mean is None:
            texts = self._rows("SELECT text FROM passages ORDER BY id LIMIT 2000")
            words = sum(len(_TOKEN.findall(str(t))) for (t,) in texts)
            self._mean = words / len(texts) if words else 1.0
        return self._mean

    def _passages_in_order(self, ids: Sequence[int]) -> list[Passage]:
        order = {rowid: k for k, rowid in enumerate(ids)}
        wanted = list(order)
        found: list[Passage] = []
        for k in range(0, len(wanted), CHUNK):
            part = wanted[k:k + CHUNK]
            found += self._passages('SELECT id, doc_id, caption, start, "end", text FROM '
                                    f"passages WHERE id IN ({','.join('?' * len(part))})",
                                    part)
        return sorted(found, key=lambda p: order[p.id])

    def _ranked_with_common(self, words: list[str], held: dict[str, int],
                            common: list[str], limit: int) -> list[Passage]:
        """The best passages when some words are common (see COMMON_PASSAGES).
        Candidates: the rare words' best by FTS5's BM25, and passages holding
        two of the common words (the least frequent ones first; unranked, as
        the index finds them without visiting every passage holding one).
        Each candidate then scores the inverse document frequency of every
        question word it holds, as BM25 would for a passage of average length
        holding each once, and the best ``limit`` are kept."""
        rare = [w for w in words if w not in common]
        candidates: list[int] = []
        if rare:
            candidates += [int(r[0]) for r in self._rows(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY rank, rowid LIMIT ?", (_any(rare), RARE_CANDIDATES))]
        pairable = sorted(common, key=lambda w: (held[w], w))[:PAIRED]
        pairs = [f"{_phrase(a)} AND {_phrase(b)}"
                 for k, a in enumerate(pairable) for b in pairable[k + 1:]]
        for match in pairs or [_phrase(pairable[0])]:  # one common word: alone
            candidates += [int(r[0]) for r in self._rows(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?",
                (match, limit))]
        found = self._passages_in_order(list(dict.fromkeys(candidates)))
        if not found:
            return []
        passages = int(self._rows("SELECT coalesce(max(id), 0) FROM passages")[0][0])
        # A word no passage holds for the index ("stat", which FTS5's stemmer
        # never makes) is not looked for either.
        weight = {w: idf(passages, held[w]) for w in words if held[w]}
        pattern = _held_by(tuple(sorted(weight, key=len, reverse=True)))
        mean = self._mean_length()
        first = {p.id: k for k, p in enumerate(found)}

        def score(p: Passage) -> float:
            # FTS5's BM25 (k1 = 1.2, b = 0.75) over the words the pattern finds.
            norm = 1.2 * (0.25 + 0.75 * len(_TOKEN.findall(p.text)) / mean)
            tfs = Counter(m.lower() for m in pattern.findall(p.text))
            return sum(weight[w] * tf * 2.2 / (tf + norm) for w, tf in tfs.items())

        found.sort(key=lambda p: (-score(p), first[p.id]))
        return found[:limit]

    def close(self) -> None:
        self.conn.close()
