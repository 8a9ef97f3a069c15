"""Statements that change what the store holds about documents already stored:
metadata, links between copies, analyses, removal (``veracity edit``, ``rm``,
``ingest --force``); mixed into :class:`veracity.store.sql.SQLStore`.

Written once with ``?`` placeholders, like the rest of the SQL backends.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from veracity.errors import NotFound
from veracity.types import Document

if TYPE_CHECKING:
    from veracity.read.types import Analysis

# SQLite's limit on bound parameters, with room to spare.
CHUNK = 900


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class CorpusStatements:
    """Updates and removals; the dialect hooks come from ``SQLStore``."""

    if TYPE_CHECKING:  # provided by SQLStore and its dialects
        url: str
        _names: Any

        @property
        def _analyses(self) -> OrderedDict[int, tuple[str, Analysis]]: ...
        def transaction(self) -> AbstractContextManager[None]: ...
        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...
        def _exec(self, sql: str, params: Sequence[Any] = ()) -> None: ...
        def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
        def _retitle(self, doc_id: int, old: str | None, new: str | None,
                     text: str) -> None: ...
        def _index_near(self, doc_id: int, signature: bytes | None = None) -> None: ...

    def forget_inputs(self, origins: Sequence[str]) -> int:
        origins = sorted(set(origins))
        if not origins:
            return 0
        with self.transaction():
            n = int(self._rows(f"SELECT count(*) FROM inputs WHERE origin IN "
                               f"({marks(origins)})", origins)[0][0])
            self._exec(f"DELETE FROM inputs WHERE origin IN ({marks(origins)})", origins)
        return n

    def update_document(self, doc_id: int, doc: Document) -> None:
        with self.transaction():
            rows = self._rows("SELECT title, text FROM documents WHERE id = ?", (doc_id,))
            if not rows:
                raise NotFound(f"no document {doc_id} in {self.url}")
            old_title, text = rows[0]
            self._exec("UPDATE documents SET title = ?, source = ?, url = ?, author = ?, "
                       "published = ?, origin = ?, format = ?, language = ? WHERE id = ?",
                       (doc.title, doc.source, doc.url, doc.author, doc.published, doc.origin,
                        doc.format, doc.language, doc_id))
            if old_title != doc.title:
                self._retitle(doc_id, old_title, doc.title, text)
            self._exec("DELETE FROM captions WHERE doc_id = ?", (doc_id,))
            self._exec_many(
                "INSERT INTO captions (doc_id, idx, text, credit, date) VALUES (?,?,?,?,?)",
                [(doc_id, i, c.text, c.credit, c.date) for i, c in enumerate(doc.captions)])

    def forget_analysis(self, doc_id: int) -> None:
        # The names read from the dropped events must not outlive them, and on
        # SQLite the next event may take a dropped event's id.
        with self.transaction():
            self._exec("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            self._exec("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            self._exec("DELETE FROM analyses WHERE doc_id = ?", (doc_id,))
            self._analyses.pop(doc_id, None)
            self._names = None

    def remove_document(self, doc_id: int) -> None:
        with self.transaction():
            if not self._rows("SELECT id FROM documents WHERE id = ?", (doc_id,)):
                raise NotFound(f"no document {doc_id} in {self.url}")
            # Children first: stances and participants go with their events (ON
            # DELETE CASCADE), passages' full-text rows with them (a trigger).
            self.forget_analysis(doc_id)
            self._exec("DELETE FROM captions WHERE doc_id = ?", (doc_id,))
            self._exec("DELETE FROM documents WHERE id = ?", (doc_id,))

    def link_copy(self, doc_id: int, copy_of: int | None, similarity: float | None) -> None:
        with self.transaction():
            self._exec("UPDATE documents SET copy_of = ?, similarity = ? WHERE id = ?",
                       (copy_of, similarity, doc_id))
            self._index_near(doc_id)  # an original is indexed, a copy is not

    def signatures(self, doc_ids: Sequence[int]) -> dict[int, bytes]:
        out: dict[int, bytes] = {}
        ids = list(doc_ids)
        for k in range(0, len(ids), CHUNK):
            part = ids[k:k + CHUNK]
            for doc_id, sig in self._rows(f"SELECT id, minhash FROM documents WHERE id IN "
                                          f"({marks(part)}) AND minhash IS NOT NULL", part):
                out[int(doc_id)] = bytes(sig)
        return out
