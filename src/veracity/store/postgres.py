"""PostgreSQL store: the same interface and queries as SQLite, for a shared store.

Migrations run under an advisory lock so several workers can open a new
database at once; full-text search uses a generated tsvector with a GIN index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from veracity.errors import StoreError
from veracity.store.base import Passage
from veracity.store.sql import SQLStore, fts_terms

# Any constant: the advisory lock that serialises migrations across processes.
_MIGRATION_LOCK = 0x7665726163

# Tables are vacuumed and their planner statistics refreshed (VACUUM ANALYZE)
# once a connection has added this share of the documents there were at the
# last refresh, and at least ANALYZE_MIN. Autovacuum does it too, but only on
# its next round: questions asked just after an ingest were planned as for
# empty tables, and read heap pages for what the visibility map would have
# answered. On 2,000 copies of the PolNeAR dev articles (side by side, load
# about 6): never analysed p50 389 ms, p95 1,255 ms; analysed p50 250, p95 905;
# vacuumed and analysed p50 159-206, p95 626-808, as a store autovacuum had
# seen; SQLite p50 122, p95 492. Growing by half each time keeps the refreshes
# few (8 while filling 2,000 documents, about 4 s each there).
ANALYZE_SHARE = 0.5
ANALYZE_MIN = 100
_ANALYSED = "documents, captions, analyses, passages, events, event_participants, stances"


def _redact(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


def _no_nul(value: Any) -> Any:
    """PostgreSQL text refuses NUL, which no stored text holds (ingest drops it):
    a looked-up value with one ("a%00b" in a URL) finds nothing instead of failing."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class PostgresStore(SQLStore):
    MIGRATIONS = "migrations_pg"

    def __init__(self, url: str, create: bool = True) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("the PostgreSQL store needs psycopg: "
                             "pip install 'veracity[postgres]'") from exc
        self.url = _redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            self._migrate(create)
        except StoreError:
            self.conn.close()
            raise
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot open the PostgreSQL store: "
                             f"{str(exc).strip().splitlines()[0]}") from exc

    _at_refresh: int | None = None  # documents in the store at the last refresh

    def _after_commit(self) -> None:
        if not self._added:
            return
        if self._at_refresh is None:
            self._at_refresh = max(0, self.count() - self._added)
        if self._added >= max(ANALYZE_MIN, ANALYZE_SHARE * self._at_refresh):
            self._refresh()

    def _refresh(self) -> None:
        """VACUUM ANALYZE the tables documents fill (outside any transaction:
        after a commit, or on close, the connection is in autocommit)."""
        import psycopg

        try:
            self._exec(f"VACUUM (ANALYZE) {_ANALYSED}")
        except psycopg.Error:  # only an optimisation; what was written stays
            pass
        self._at_refresh = (self._at_refresh or 0) + self._added
        self._added = 0

    def _lock_migrations(self) -> None:
        self._exec("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    # -- dialect hooks -----------------------------------------------------
    def _has_store(self) -> bool:
        # to_regclass follows the search path, as every other statement does.
        return self._rows("SELECT to_regclass('migrations') IS NOT NULL")[0][0] is True

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        self.check_abandoned()
        try:
            return self.conn.execute(_pg(sql), [_no_nul(p) for p in params]).fetchall()
        except Exception:
            self.check_abandoned()  # QueryCanceled, from interrupt()
            raise

    def interrupt(self) -> None:
        # A cancel request on a connection of its own; the server ignores it if
        # the statement has already finished.
        self.conn.cancel_safe(timeout=5)

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(_pg(sql), params)

    def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int | None:
        row = self.conn.execute(_pg(sql) + " RETURNING id", params).fetchone()
        return None if row is None else int(row[0])

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        # One pipelined batch, each row's id read back in order.
        if not rows:
            return []
        out: list[int] = []
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql) + " RETURNING id", rows, returning=True)
            while True:
                row = cur.fetchone()
                if row is None:
                    raise RuntimeError("INSERT stored no row")
                out.append(int(row[0]))
                if not cur.nextset():
                    break
        return out

    def _unavailable(self, exc: BaseException) -> str | None:
        import psycopg

        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
            return "the store is read-only"
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return "permission denied"
        if isinstance(exc, psycopg.OperationalError):  # disk full, connection lost
            return str(exc).strip().splitlines()[0] if str(exc).strip() else "server error"
        return None

    def _begin(self) -> None:
        self.conn.execute("BEGIN")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def search(self, query: str, limit: int = 50) -> list[int]:
        terms = fts_terms(query)
        if not terms:
            return []
        rows = self._rows(
            "SELECT id FROM documents, to_tsquery('english', ?) q WHERE tsv @@ q "
            "ORDER BY ts_rank(tsv, q) DESC, id LIMIT ?", (" | ".join(terms), limit))
        return [int(r[0]) for r in rows]

    def search_passages(self, terms: Sequence[str], limit: int = 100) -> list[Passage]:
        words = sorted({t.lower() for q in terms for t in fts_terms(q)})
        if not words:
            return []
        return self._passages(
            'SELECT p.id, p.doc_id, p.caption, p.start, p."end", p.text FROM passages p, '
            "to_tsquery('english', ?) q WHERE p.tsv @@ q "
            "ORDER BY ts_rank(p.tsv, q) DESC, p.id LIMIT ?", (" | ".join(words), limit))

    def close(self) -> None:
        # The documents added since the last refresh (up to a third of the
        # store, ANALYZE_SHARE after it) are not left to autovacuum's next
        # round either: an ingest run ends here.
        if self._added >= ANALYZE_MIN and not self.conn.closed:
            self._refresh()
        self.conn.close()
