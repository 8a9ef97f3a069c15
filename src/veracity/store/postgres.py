"""PostgreSQL store: the same interface and queries as SQLite, for a shared store.

Migrations run under an advisory lock so several workers can open a new
database at once; full-text search uses a generated tsvector with a GIN index.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from veracity.errors import StoreError
from veracity.store.base import Passage
from veracity.store.sql import PAIRED, RARE_CANDIDATES, SQLStore, fts_terms, search_words

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


# An INSERT of plain values, nothing on conflict: the table, and the columns
# when named.
_PLAIN_INSERT = re.compile(r"INSERT INTO (\w+) (?:\(([^)]*)\) )?VALUES \((?:\?,?\s*)+\)$")


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
        if not rows:
            return
        plain = _PLAIN_INSERT.match(sql)
        if plain and len(rows) > 1:
            self._copy(plain.group(1), plain.group(2), rows)
            return
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def _copy(self, table: str, columns: str | None, rows: Sequence[Sequence[Any]]) -> None:
        # COPY stores a document's events, participants, stances and passages
        # several times faster than one pipelined INSERT per row: at 10
        # documents a second the bench's 100,000 did not fit in a session.
        target = f"{table} ({columns})" if columns else table
        with self.conn.cursor() as cur, cur.copy(f"COPY {target} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int | None:
        row = self.conn.execute(_pg(sql) + " RETURNING id", params).fetchone()
        return None if row is None else int(row[0])

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        if not rows:
            return []
        plain = _PLAIN_INSERT.match(sql)
        if plain and plain.group(2) and len(rows) > 1:
            # The ids taken from the table's identity first, then every row
            # given its own in one COPY.
            ids = [int(r[0]) for r in self._rows(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                (plain.group(1), len(rows)))]
            self._copy(plain.group(1), "id, " + plain.group(2),
                       [(i, *row) for i, row in zip(ids, rows, strict=True)])
            return ids
        # One pipelined batch, each row's id read back in order.
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
        words = search_words(terms)
        if not words:
            return []
        everything = " | ".join(words)
        # How many passages hold each word, as the planner estimates it from
        # the column's statistics (its most common lexemes, kept by ANALYZE and
        # autovacuum): counting them, even only up to the threshold, read as
        # many rows from the heap. Words held by more bring candidates only in
        # pairs (see COMMON_PASSAGES), and ts_rank, which weighs words without
        # their frequency, counts them all.
        sql = "SELECT 1 FROM passages WHERE tsv @@ to_tsquery('english', ?)"
        held = {w: self._estimate(sql, (w,)) for w in words}
        # A lexeme the statistics do not list gets one estimate, whatever it
        # is (2,778 at 60,000 documents): at most that frequent, it is not
        # common ("obama", 171 passages).
        unlisted = self._estimate(sql, ("qqxqzj",))
        common = [w for w in words if held[w] >= self.COMMON_PASSAGES and held[w] > unlisted]
        rank, params = self._weighted(words, held)
        if not common:
            return self._best(everything, rank, params, limit)
        # Candidates: the rare words' passages, best first by ts_rank over every
        # word (RARE_CANDIDATES at most), and passages holding two of the least
        # frequent common words (unranked: the GIN index finds them without
        # reading every row holding one); then all ranked together.
        rare = [w for w in words if w not in common]
        ids: list[int] = []
        if rare:
            ids += [int(r[0]) for r in self._rows(
                "SELECT p.id FROM passages p, to_tsquery('english', ?) m, "
                f"to_tsquery('english', ?) q WHERE p.tsv @@ m ORDER BY {rank} DESC, "
                "ts_rank(p.tsv, q) DESC, p.id LIMIT ?",
                (" | ".join(rare), everything, *params, RARE_CANDIDATES))]
        pairable = sorted(common, key=lambda w: (held[w], w))[:PAIRED]
        pairs = [f"{a} & {b}" for k, a in enumerate(pairable) for b in pairable[k + 1:]]
        for match in pairs or pairable[:1]:  # one common word: alone
            ids += [int(r[0]) for r in self._rows(
                "SELECT id FROM passages WHERE tsv @@ to_tsquery('english', ?) LIMIT ?",
                (match, limit))]
        return self._passages(
            'SELECT p.id, p.doc_id, p.caption, p.start, p."end", p.text FROM passages p, '
            f"to_tsquery('english', ?) q WHERE p.id = ANY(?) ORDER BY {rank} DESC, "
            "ts_rank(p.tsv, q) DESC, p.id LIMIT ?",
            (everything, sorted(set(ids)), *params, limit))

    def _weighted(self, words: Sequence[str], held: dict[str, float]
                  ) -> tuple[str, list[Any]]:
        """A ranking of passages by the rarity of the words they hold (the idf
        of BM25, from the planner's estimate of how many passages hold each):
        ts_rank weighs a word held by 2,000 passages as one held by 20, so a
        sentence with three common words outranked the one with the rare word
        asked about, which SQLite's bm25 put first."""
        n = max(self._estimate("SELECT 1 FROM passages", ()), 1.0)
        terms, params = [], []
        for w in words:
            idf = math.log((n - held[w] + 0.5) / (held[w] + 0.5) + 1.0)
            terms.append("CASE WHEN p.tsv @@ to_tsquery('english', ?) THEN ? ELSE 0 END")
            params += [w, round(idf, 4)]
        return "(" + " + ".join(terms) + ")", params

    def _estimate(self, sql: str, params: Sequence[Any]) -> float:
        """The rows the planner expects ``sql`` to return."""
        plan = self._rows("EXPLAIN (FORMAT JSON) " + sql, params)[0][0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    def _best(self, match: str, rank: str, params: Sequence[Any], limit: int
              ) -> list[Passage]:
        """The passages matching ``match``, best first by ``rank`` (its
        ``params``), then by ts_rank."""
        return self._passages(
            'SELECT p.id, p.doc_id, p.caption, p.start, p."end", p.text FROM passages p, '
            "to_tsquery('english', ?) m WHERE p.tsv @@ m "
            f"ORDER BY {rank} DESC, ts_rank(p.tsv, m) DESC, p.id LIMIT ?",
            (match, *params, limit))

    def close(self) -> None:
        # The documents added since the last refresh (up to a third of the
        # store, ANALYZE_SHARE after it) are not left to autovacuum's next
        # round either: an ingest run ends here.
        if self._added >= ANALYZE_MIN and not self.conn.closed:
            self._refresh()
        self.conn.close()
