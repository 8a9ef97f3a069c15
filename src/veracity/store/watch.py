"""The tables of fetching and watching (migration 0005), shared by both SQL
backends: conditional-GET validators, watched feeds, the items taken from them,
standing questions and their verdict changes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from veracity.store.base import (
    FetchState,
    SeenItem,
    StandingQuestion,
    Store,
    VerdictChange,
    Watch,
)

_WATCH = ("id, url, added_at, kind, title, polled_at, ok_at, failures, last_error, retry_at")
_QUESTION = "id, question, added_at, webhook, verdict, checked_at"
_CHANGE = "id, question_id, at, old_verdict, verdict, lead, doc_ids"
# SQLite's limit on bound parameters, with room to spare.
_CHUNK = 900


def question_key(question: str) -> str:
    """What makes two standing questions the same: their words, in any case."""
    return " ".join(question.split()).casefold()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WatchTables(Store):
    """The watch methods of :class:`Store`, written once over the SQL hooks."""

    # -- hooks (the SQL store supplies them) ----------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int | None:
        raise NotImplementedError

    def _changed_a_row(self, sql: str, params: Sequence[Any]) -> bool:
        # The dialects' insert hook reports whether a statement touched a row
        # (SQLite's rowcount, PostgreSQL's RETURNING), which is what an UPDATE
        # used as compare-and-set needs to know.
        return self._insert_id(sql, params) is not None

    # -- conditional GET --------------------------------------------------------
    def fetch_state(self, url: str) -> FetchState | None:
        rows = self._rows("SELECT url, etag, last_modified, raw_hash, fetched_at FROM fetched "
                          "WHERE url = ?", (url,))
        return FetchState(*rows[0]) if rows else None

    def save_fetch_state(self, state: FetchState) -> None:
        with self.transaction():
            self._exec("INSERT INTO fetched VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE "
                       "SET etag = excluded.etag, last_modified = excluded.last_modified, "
                       "raw_hash = excluded.raw_hash, fetched_at = excluded.fetched_at",
                       (state.url, state.etag, state.last_modified, state.raw_hash,
                        state.fetched_at))

    # -- watched feeds ------------------------------------------------------------
    def _watches(self, where: str = "", params: Sequence[Any] = ()) -> list[Watch]:
        return [Watch(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], int(r[7]), r[8], r[9])
                for r in self._rows(f"SELECT {_WATCH} FROM watches {where} ORDER BY id",
                                    params)]

    def add_watch(self, url: str) -> tuple[Watch, bool]:
        with self.transaction():
            added = self._insert_id("INSERT INTO watches (url, added_at) VALUES (?, ?) "
                                    "ON CONFLICT (url) DO NOTHING", (url, _now()))
            return self._watches("WHERE url = ?", (url,))[0], added is not None

    def watches(self) -> list[Watch]:
        return self._watches()

    def update_watch(self, watch: Watch) -> None:
        with self.transaction():
            self._exec("UPDATE watches SET kind = ?, title = ?, polled_at = ?, ok_at = ?, "
                       "failures = ?, last_error = ?, retry_at = ? WHERE id = ?",
                       (watch.kind, watch.title, watch.polled_at, watch.ok_at, watch.failures,
                        watch.last_error, watch.retry_at, watch.id))

    def remove_watch(self, key: str) -> Watch | None:
        with self.transaction():
            found = self._watches("WHERE url = ?", (key,))
            if not found and key.strip().isdigit():
                found = self._watches("WHERE id = ?", (int(key),))
            if not found:
                return None
            self._exec("DELETE FROM watches WHERE id = ?", (found[0].id,))
            return found[0]

    def seen_items(self, urls: Sequence[str]) -> set[str]:
        urls = list(dict.fromkeys(urls))
        out: set[str] = set()
        for k in range(0, len(urls), _CHUNK):
            part = urls[k:k + _CHUNK]
            marks = ",".join("?" * len(part))
            out.update(r[0] for r in self._rows(
                f"SELECT url FROM watch_items WHERE url IN ({marks})", part))
        return out

    def mark_items(self, items: Sequence[SeenItem]) -> None:
        if not items:
            return
        at = _now()
        with self.transaction():
            for it in items:
                self._exec("INSERT INTO watch_items VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (url) DO NOTHING", (it.url, it.watch_id, it.note, at))

    # -- standing questions ------------------------------------------------------
    def _questions(self, where: str = "", params: Sequence[Any] = ()
                   ) -> list[StandingQuestion]:
        return [StandingQuestion(int(r[0]), r[1], r[2], r[3], r[4], r[5])
                for r in self._rows(f"SELECT {_QUESTION} FROM standing_questions {where} "
                                    "ORDER BY id", params)]

    def add_question(self, question: str, webhook: str | None = None
                     ) -> tuple[StandingQuestion, bool]:
        text = " ".join(question.split())
        key = question_key(text)
        with self.transaction():
            added = self._insert_id(
                "INSERT INTO standing_questions (question, question_key, webhook, added_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (question_key) DO NOTHING",
                (text, key, webhook, _now()))
            if added is None and webhook is not None:
                self._exec("UPDATE standing_questions SET webhook = ? WHERE question_key = ?",
                           (webhook, key))
            return self._questions("WHERE question_key = ?", (key,))[0], added is not None

    def questions(self) -> list[StandingQuestion]:
        return self._questions()

    def find_question(self, key: str) -> StandingQuestion | None:
        found = self._questions("WHERE question_key = ?", (question_key(key),))
        if not found and key.strip().isdigit():
            found = self._questions("WHERE id = ?", (int(key),))
        return found[0] if found else None

    def remove_question(self, key: str) -> StandingQuestion | None:
        with self.transaction():
            found = self.find_question(key)
            if found is not None:
                self._exec("DELETE FROM standing_questions WHERE id = ?", (found.id,))
            return found

    def record_verdict(self, question_id: int, old: str | None, verdict: str, at: str, *,
                       lead: str | None = None, doc_ids: Sequence[int] = ()
                       ) -> VerdictChange | None:
        with self.transaction():
            if verdict == old:
                self._exec("UPDATE standing_questions SET checked_at = ? WHERE id = ?",
                           (at, question_id))
                return None
            # Compare-and-set: only the process that still sees the old verdict
            # records the change (and so sends the one alert).
            if not self._changed_a_row(
                    "UPDATE standing_questions SET verdict = ?, checked_at = ? "
                    "WHERE id = ? AND coalesce(verdict, '') = ?",
                    (verdict, at, question_id, old or "")):
                return None
            ids = tuple(int(d) for d in doc_ids)
            change_id = self._insert_id(
                "INSERT INTO verdict_changes (question_id, at, old_verdict, verdict, lead, "
                "doc_ids) VALUES (?, ?, ?, ?, ?, ?)",
                (question_id, at, old, verdict, lead, json.dumps(list(ids))))
            if change_id is None:
                raise RuntimeError("INSERT stored no row")
            return VerdictChange(change_id, question_id, at, old, verdict, lead, ids)

    def changes(self, question_id: int | None = None) -> list[VerdictChange]:
        where, params = (("WHERE question_id = ?", (question_id,)) if question_id is not None
                         else ("", ()))
        return [VerdictChange(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5],
                              tuple(int(d) for d in json.loads(r[6])))
                for r in self._rows(f"SELECT {_CHANGE} FROM verdict_changes {where} "
                                    "ORDER BY id", params)]
