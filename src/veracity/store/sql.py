"""Query logic shared by the SQL backends.

Statements are written once with ``?`` placeholders; each backend supplies the
connection, transactions, inserts that return ids, and full-text search.
"""

from __future__ import annotations

import json
import math
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from veracity.candidates import candidate_sql
from veracity.errors import NoStore, NotFound, StoreError
from veracity.read.types import Analysis, Event, Stance
from veracity.store.base import NewDocument, Passage, StoredEvent
from veracity.store.near import NearIndex
from veracity.store.sql_corpus import CHUNK as _CHUNK
from veracity.store.sql_corpus import CorpusStatements
from veracity.store.sql_corpus import marks as _marks
from veracity.store.watch import WatchTables
from veracity.types import Caption, Document, StoredDocument

# The last column says whether the document has captions, so that the common
# document without any costs one statement, not two (a round trip each on
# PostgreSQL: a question reads some 30 documents).
DOC_COLUMNS = ("id, kind, title, text, source, url, author, published, origin, format, "
               "content_hash, parent_id, copy_of, ingested_at, language, "
               "EXISTS (SELECT 1 FROM captions c WHERE c.doc_id = documents.id)")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def stamp() -> str:
    """The time an analysis was saved, to the microsecond: it tells a kept
    analysis from a newer one (an edit re-reads a document within the second it
    was ingested; on SQLite a removed document's id may be given again)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def migrations(folder: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) of every shipped migration in ``folder``, in order."""
    found = []
    for entry in resources.files("veracity.store").joinpath(folder).iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def split_sql(sql: str) -> list[str]:
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


# The English stop words of Snowball's list, which PostgreSQL's 'english'
# text search configuration drops from every query; SQLite's FTS5 keeps them
# unless told, so the SQLite store drops these itself.
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now
""".split())


def fts_terms(query: str) -> list[str]:
    return [t for t in re.findall(r"\w+", query) if len(t) > 1]


def search_words(terms: Sequence[str]) -> list[str]:
    """The distinct words of a passage search, lower case, stop words left out."""
    return sorted({t.lower() for q in terms for t in fts_terms(q)} - STOP_WORDS)


# Passage search at scale. A word held by this many passages or more is
# "common": ranking every passage that holds it made the search grow with the
# store (583 ms a question at 100,000 documents, 3.9 M passages, where "said"
# alone is in 645,000). Such words bring candidates only in pairs (passages
# holding two of them), and add to the score of every candidate holding them.
# Below the threshold nothing changes: on the 84-article PolNeAR dev store the
# most frequent question word ("trump") is in 567 of 3,244 passages, so every
# question there is searched as before.
COMMON_PASSAGES = 2000
# Passages of a word counted at most (past it, extrapolated).
COUNTED = 20_000
# Below this many postings over all of a question's words, SQLite ranks
# them all after all: FTS5 ranked about a thousand postings a millisecond at
# 10,000 documents, where every dev question was under 83,000 and the
# candidates' own scoring cost more (p50 182 ms against 95).
FULL_RANKING = 100_000
# Candidates taken from the rare words' own ranking at most: a passage with
# one rare word and several common ones ranks low on the rare word alone
# (the 11,491 refugees: 2,700th on "491", 1st once "11", "10", "000" and
# "U.S." count).
RARE_CANDIDATES = 3000
# Common words paired at most (the least frequent): 15 pairs.
PAIRED = 6


def idf(passages: int, holding: int) -> float:
    """BM25's inverse document frequency, as FTS5 computes it (floored as it is)."""
    return max(1e-6, math.log((passages - holding + 0.5) / (holding + 0.5)))



# Analyses kept built in memory per open store (see ``SQLStore.analysis``).
ANALYSES_KEPT = 256

class SQLStore(CorpusStatements, NearIndex, WatchTables):
    """Everything but the dialect: subclasses implement the abstract hooks below."""

    _in_tx = False
    # Documents this connection added since it last refreshed planner statistics.
    _added = 0
    # Distinct participant names with the highest event id when they were read
    # (and the dialect's change mark), by their casefolded last word: a suffix
    # search ("% Trump") scans the whole table, so they are read once and again
    # only when rows were added, or removed here or by another connection.
    _names: tuple[tuple[int, object], dict[str, list[str]]] | None = None
    _analyses_cache: OrderedDict[int, tuple[str, Analysis]] | None = None

    @property
    def _analyses(self) -> OrderedDict[int, tuple[str, Analysis]]:
        if self._analyses_cache is None:
            self._analyses_cache = OrderedDict()
        return self._analyses_cache
    LIMIT_ALL = "ALL"  # how the dialect says "no limit"
    COMMON_PASSAGES = COMMON_PASSAGES  # here to be lowered in tests
    MIGRATIONS = "migrations"  # the package folder of this dialect's numbered .sql files

    def _lock_migrations(self) -> None:
        """Hold off other processes migrating the same database (inside the transaction)."""

    def _missing(self, where: str) -> NoStore:
        return NoStore(f"{where}: no such store (nothing was ingested into it; "
                          "'veracity ingest PATH --db ...' creates it)")

    def _migrate(self, create: bool = True) -> None:
        """Bring the schema up to date; without ``create``, a database that holds no
        store yet is an error instead of a new store."""
        with self.transaction():
            self._lock_migrations()
            if not create and not self._has_store():
                raise self._missing(self.url)
            self._exec("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = {r[0] for r in self._rows("SELECT version FROM migrations")}
            for version, name, sql in migrations(self.MIGRATIONS):
                if version not in done:
                    for statement in split_sql(sql):
                        self._exec(statement)
                    self._exec("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, now()))

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self._rows(
            "SELECT version, name FROM migrations ORDER BY version")]

    # -- dialect hooks -----------------------------------------------------
    def _has_store(self) -> bool:
        """Whether the database has the migrations table of a veracity store."""
        raise NotImplementedError

    def _change_mark(self) -> object:
        """Something that changes when another connection commits, where the
        dialect can tell cheaply (None where ids are never reused anyway)."""
        return None

    def _retitle(self, doc_id: int, old: str | None, new: str | None, text: str) -> None:
        """Keep the full-text index in step with a changed title (PostgreSQL's is
        a generated column and follows by itself)."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int | None:
        """Run an INSERT and return the new row's id (None when no row was inserted)."""
        raise NotImplementedError

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Run an INSERT once per row and return the new ids, in order."""
        return [self._new_id(sql, row) for row in rows]

    def _new_id(self, sql: str, params: Sequence[Any]) -> int:
        row_id = self._insert_id(sql, params)
        if row_id is None:
            raise RuntimeError("INSERT stored no row")
        return row_id

    def _unavailable(self, exc: BaseException) -> str | None:
        """Why the store itself failed (read-only, disk full, connection lost), or
        None when ``exc`` is about the data being written."""
        return None

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    # -- writing -----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_tx:  # nested: the outer transaction decides
            yield
            return
        try:
            self._begin()
        except Exception as exc:
            raise self._store_error(exc) from exc
        self._in_tx = True
        try:
            yield
        except BaseException as exc:
            try:
                self._rollback()
            except Exception:  # a lost connection has no transaction left to end
                pass
            if self._unavailable(exc) is not None:
                raise self._store_error(exc) from exc
            raise
        else:
            try:
                self._commit()
            except Exception as exc:
                raise self._store_error(exc) from exc
            self._after_commit()
        finally:
            self._in_tx = False

    def _after_commit(self) -> None:
        """What the dialect does once a write is committed (nothing by default)."""

    def _store_error(self, exc: Exception | BaseException) -> BaseException:
        """A one-line StoreError when the store itself refused the write (read-only,
        disk full), else ``exc`` as it is."""
        why = self._unavailable(exc)
        return exc if why is None else StoreError(f"{self.url}: cannot write: {why}")

    def add_document(self, new: NewDocument, parent_id: int | None = None) -> int | None:
        d = new.doc
        with self.transaction():
            # Insert-or-skip in one statement: a check first and an insert after
            # lets two concurrent ingests of one text both pass the check.
            doc_id = self._insert_id(
                "INSERT INTO documents (kind, title, text, source, url, author, published, "
                "origin, format, content_hash, parent_id, copy_of, similarity, minhash, "
                "ingested_at, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (content_hash) DO NOTHING",
                (d.kind, d.title, d.text, d.source, d.url, d.author, d.published, d.origin,
                 d.format, new.content_hash, parent_id, new.copy_of, new.similarity,
                 new.minhash, now(), d.language))
            if doc_id is None:
                return None
            if new.copy_of is None and new.minhash is not None:
                self._index_near(doc_id, new.minhash)
            self._added += 1
            self._exec_many(
                "INSERT INTO captions (doc_id, idx, text, credit, date) VALUES (?,?,?,?,?)",
                [(doc_id, i, c.text, c.credit, c.date) for i, c in enumerate(d.captions)])
        return doc_id

    def save_analysis(self, doc_id: int, analysis: Analysis,
                      vectors: Mapping[tuple[int | None, int, int], bytes] | None = None,
                      *, encoded: str | None = None) -> None:
        if encoded is None:
            encoded = json.dumps(analysis.to_dict(), ensure_ascii=False)
        with self.transaction():
            self._exec("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            self._exec("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            self._exec("DELETE FROM analyses WHERE doc_id = ?", (doc_id,))
            self._analyses.pop(doc_id, None)
            self._exec("INSERT INTO analyses VALUES (?, ?, ?, ?)",
                       (doc_id, analysis.reader_version, encoded, stamp()))
            events = analysis.events
            # All of a document's events in one statement each for events,
            # participants and stances: PostgreSQL answers a batch in one round
            # trip, where one INSERT per event took three.
            ids = self._insert_ids(
                'INSERT INTO events (doc_id, local_id, caption, predicate, lemma, class, '
                'time, time_text, modality, polarity, quote, start, "end") '
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, ev.id, ev.caption, ev.predicate, ev.lemma, ev.cls, ev.time,
                  ev.time_text, ev.modality, ev.polarity, ev.quote, ev.start, ev.end)
                 for ev in events])
            self._exec_many("INSERT INTO event_participants VALUES (?, ?, ?, ?)",
                            [(eid, p, i, p.casefold())
                             for eid, ev in zip(ids, events, strict=True)
                             for i, p in enumerate(ev.participants)])
            self._exec_many(
                'INSERT INTO stances (event_id, source, stance, cue, quote, start, "end", '
                "first_hand, source_kind) VALUES (?,?,?,?,?,?,?,?,?)",
                [(eid, s.source, s.stance, s.cue, s.quote, s.start, s.end,
                  int(s.first_hand), s.source_kind)
                 for eid, ev in zip(ids, events, strict=True) for s in ev.stances])
            vectors = vectors or {}
            self._exec_many('INSERT INTO passages (doc_id, caption, start, "end", text, vector) '
                            "VALUES (?,?,?,?,?,?)",
                            [(doc_id, c, a, b, q, vectors.get((c, a, b)))
                             for c, a, b, q in analysis.sentences()])

    def mark_input(self, raw_hash: str, origin: str, documents: int) -> None:
        with self.transaction():
            self._exec("INSERT INTO inputs VALUES (?, ?, ?, ?) ON CONFLICT (raw_hash) DO "
                       "UPDATE SET origin = excluded.origin, documents = excluded.documents, "
                       "ingested_at = excluded.ingested_at",
                       (raw_hash, origin, documents, now()))

    # -- reading -----------------------------------------------------------
    def input_hashes(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT raw_hash FROM inputs")}

    def known_inputs(self, raw_hashes: Sequence[str]) -> set[str]:
        wanted = sorted(set(raw_hashes))
        out: set[str] = set()
        for k in range(0, len(wanted), _CHUNK):
            part = wanted[k:k + _CHUNK]
            out.update(str(r[0]) for r in self._rows(
                f"SELECT raw_hash FROM inputs WHERE raw_hash IN ({_marks(part)})", part))
        return out

    def find_hash(self, content_hash: str) -> int | None:
        rows = self._rows("SELECT id FROM documents WHERE content_hash = ?", (content_hash,))
        return int(rows[0][0]) if rows else None

    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        for row in self._rows("SELECT id, minhash FROM documents "
                              "WHERE copy_of IS NULL AND minhash IS NOT NULL ORDER BY id"):
            yield int(row[0]), bytes(row[1])

    def _docs(self, sql: str, params: Sequence[Any] = ()) -> list[StoredDocument]:
        rows = self._rows(sql, params)
        captioned = self._captions_of([int(r[0]) for r in rows if r[15]])
        out = []
        for r in rows:
            (doc_id, kind, title, text, source, url, author, published, origin, fmt,
             content_hash, parent_id, copy_of, ingested_at, language, _) = r
            doc = Document(text=text, title=title, kind=kind, source=source, url=url,
                           author=author, published=published, origin=origin, format=fmt,
                           captions=captioned.get(int(doc_id), ()), language=language)
            out.append(StoredDocument(id=int(doc_id), doc=doc, content_hash=content_hash,
                                      ingested_at=ingested_at, parent_id=parent_id,
                                      copy_of=copy_of))
        return out

    def get(self, doc_id: int) -> StoredDocument:
        docs = self._docs(f"SELECT {DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not docs:
            raise NotFound(f"no document {doc_id} in {self.url}")
        return docs[0]

    def documents(self, limit: int | None = None, offset: int = 0,
                  kind: str | None = None) -> list[StoredDocument]:
        where = "WHERE kind = ?" if kind else ""
        params: list[Any] = [kind] if kind else []
        page = self.LIMIT_ALL if limit is None else str(int(limit))
        return self._docs(f"SELECT {DOC_COLUMNS} FROM documents {where} ORDER BY id "
                          f"LIMIT {page} OFFSET {int(offset)}", params)

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM documents")[0][0])

    def children(self, doc_id: int) -> list[StoredDocument]:
        return self._docs(f"SELECT {DOC_COLUMNS} FROM documents WHERE parent_id = ? "
                          "ORDER BY id", (doc_id,))

    def copies(self, doc_id: int) -> list[StoredDocument]:
        return self._docs(
            f"SELECT {DOC_COLUMNS} FROM documents WHERE copy_of = ? OR id = "
            "(SELECT copy_of FROM documents WHERE id = ?) ORDER BY id", (doc_id, doc_id))

    def captions(self, doc_id: int) -> tuple[Caption, ...]:
        return self._captions_of([doc_id]).get(doc_id, ())

    def _captions_of(self, doc_ids: Sequence[int]) -> dict[int, tuple[Caption, ...]]:
        """The captions of several documents, in one statement per chunk of ids."""
        out: dict[int, list[Caption]] = {}
        for k in range(0, len(doc_ids), _CHUNK):
            part = list(doc_ids[k:k + _CHUNK])
            for r in self._rows("SELECT doc_id, text, credit, date FROM captions WHERE doc_id "
                                f"IN ({_marks(part)}) ORDER BY doc_id, idx", part):
                out.setdefault(int(r[0]), []).append(Caption(text=r[1], credit=r[2], date=r[3]))
        return {d: tuple(c) for d, c in out.items()}

    def analysis(self, doc_id: int) -> Analysis | None:
        # Building an analysis from its JSON costs milliseconds and questions
        # keep reading the same articles: the last ANALYSES_KEPT are kept,
        # each checked against the time it was read (a reread replaces it).
        # One statement either way: the data comes only when the kept copy is stale.
        kept = self._analyses.get(doc_id)
        rows = self._rows("SELECT read_at, CASE WHEN read_at = ? THEN NULL ELSE data END "
                          "FROM analyses WHERE doc_id = ?",
                          (kept[0] if kept is not None else "", doc_id))
        if not rows:
            return None
        if kept is not None and rows[0][1] is None:
            self._analyses.move_to_end(doc_id)
            return kept[1]
        analysis = Analysis.from_dict(json.loads(rows[0][1]))
        self._analyses[doc_id] = (rows[0][0], analysis)
        while len(self._analyses) > ANALYSES_KEPT:
            self._analyses.popitem(last=False)
        return analysis

    def reader_versions(self) -> dict[int, str | None]:
        return {int(r[0]): r[1] for r in self._rows(
            "SELECT d.id, a.reader_version FROM documents d "
            "LEFT JOIN analyses a ON a.doc_id = d.id ORDER BY d.id")}

    def _events(self, where: str, params: Sequence[Any]) -> list[StoredEvent]:
        # Each event's full record (agent, place, granularity...) comes from the
        # analysis JSON, so what is read back is exactly what was stored.
        rows = self._rows(f"SELECT e.id, e.doc_id, e.local_id FROM events e WHERE {where} "
                          "ORDER BY e.doc_id, e.id", params)
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
            "e.id IN (SELECT event_id FROM event_participants WHERE entity_key "
            f"IN ({marks}))", [e.casefold() for e in entities])

    def events_of(self, doc_ids: Sequence[int]) -> list[StoredEvent]:
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        return self._events(f"e.doc_id IN ({marks})", list(doc_ids))

    # -- what the verifier asks --------------------------------------------
    def _passages(self, sql: str, params: Sequence[Any]) -> list[Passage]:
        return [Passage(id=int(r[0]), doc_id=int(r[1]), caption=r[2], start=int(r[3]),
                        end=int(r[4]), text=r[5]) for r in self._rows(sql, params)]

    def passage_vectors(self, ids: Sequence[int]) -> dict[int, bytes]:
        out: dict[int, bytes] = {}
        ids = list(ids)
        for k in range(0, len(ids), _CHUNK):
            part = ids[k:k + _CHUNK]
            for pid, vec in self._rows(f"SELECT id, vector FROM passages WHERE id IN "
                                       f"({_marks(part)}) AND vector IS NOT NULL", part):
                out[int(pid)] = bytes(vec)
        return out

    def passage_vectors_of(self, doc_id: int) -> dict[tuple[int | None, int, int], bytes]:
        return {(r[0], int(r[1]), int(r[2])): bytes(r[3]) for r in self._rows(
            'SELECT caption, start, "end", vector FROM passages WHERE doc_id = ? '
            "AND vector IS NOT NULL", (doc_id,))}

    def participant_names(self, words: Sequence[str]) -> list[str]:
        words = [w.casefold() for w in words if w]
        if not words:
            return []
        top = (int(self._rows("SELECT max(event_id) FROM event_participants")[0][0] or 0),
               self._change_mark())
        if self._names is None or self._names[0] != top:
            by_last: dict[str, list[str]] = {}
            for (name,) in self._rows("SELECT DISTINCT entity FROM event_participants"):
                key = str(name).casefold()
                by_last.setdefault(key.rsplit(" ", 1)[-1], []).append(str(name))
            self._names = (top, by_last)
        out: set[str] = set()
        for w in words:
            for n in self._names[1].get(w.rsplit(" ", 1)[-1], ()):
                key = n.casefold()
                if key == w or key.endswith(" " + w):
                    out.add(n)
        return sorted(out)

    def find_events(self, *, groups: Sequence[Sequence[str]] = (),
                    classes: Sequence[str] = (), lemmas: Sequence[str] = (),
                    doc_ids: Sequence[int] | None = None) -> list[StoredEvent]:
        wanted = [sorted({n.casefold() for n in g}) for g in groups if g]
        if not wanted and doc_ids is None:
            return []
        where: list[str] = []
        params: list[Any] = []
        for g in wanted:
            where.append("e.id IN (SELECT event_id FROM event_participants WHERE entity_key "
                         f"IN ({_marks(g)}))")
            params += g
        kinds = []
        if classes:
            kinds.append(f"e.class IN ({_marks(classes)})")
            params += list(classes)
        if lemmas:
            kinds.append(f"e.lemma IN ({_marks(lemmas)})")
            params += list(lemmas)
        if kinds:
            where.append("(" + " OR ".join(kinds) + ")")
        if doc_ids is not None:
            if not doc_ids:
                return []
            where.append(f"e.doc_id IN ({_marks(doc_ids)})")
            params += list(doc_ids)
        # Candidate events only (``veracity.candidates`` defines them once).
        real, real_params = candidate_sql("e")
        where.append(real)
        params += real_params
        rows = self._rows(
            "SELECT e.id, e.doc_id, e.local_id, e.predicate, e.lemma, e.class, e.time, "
            'e.time_text, e.modality, e.polarity, e.quote, e.start, e."end", e.caption '
            f"FROM events e WHERE {' AND '.join(where)} ORDER BY e.doc_id, e.id", params)
        ids = [int(r[0]) for r in rows]
        parts: dict[int, list[str]] = {}
        stances: dict[int, list[Stance]] = {}
        for k in range(0, len(ids), _CHUNK):
            part = ids[k:k + _CHUNK]
            for eid, entity in self._rows(
                    "SELECT event_id, entity FROM event_participants WHERE event_id IN "
                    f"({_marks(part)}) ORDER BY event_id, position", part):
                parts.setdefault(int(eid), []).append(str(entity))
            for eid, source, stance, kind, first in self._rows(
                    "SELECT event_id, source, stance, source_kind, first_hand FROM stances "
                    f"WHERE event_id IN ({_marks(part)}) ORDER BY id", part):
                stances.setdefault(int(eid), []).append(Stance(
                    source=source, stance=stance, cue=None, quote="", start=0, end=0,
                    first_hand=bool(first), source_kind=kind))
        out = []
        for (eid, did, local, pred, lemma, cls, time, time_text, modality, polarity, quote,
             start, end, caption) in rows:
            ev = Event(id=str(local), predicate=pred, lemma=lemma, cls=cls,
                       participants=tuple(parts.get(int(eid), ())), time=time,
                       time_text=time_text, modality=modality, polarity=polarity, quote=quote,
                       start=start, end=end, stances=tuple(stances.get(int(eid), ())),
                       caption=caption)
            out.append(StoredEvent(id=int(eid), doc_id=int(did), event=ev))
        return out

    def events_by_id(self, wanted: dict[int, Sequence[str]]) -> list[StoredEvent]:
        # Only the events asked for are built: a long article's analysis holds
        # hundreds of events and attributions.
        ids = sorted(wanted)
        if not ids:
            return []
        out: list[StoredEvent] = []
        for k in range(0, len(ids), _CHUNK):
            part = ids[k:k + _CHUNK]
            rows = self._rows(f"SELECT doc_id, data FROM analyses WHERE doc_id IN "
                              f"({_marks(part)})", part)
            keys = {(int(r[0]), str(r[1])): int(r[2]) for r in self._rows(
                f"SELECT doc_id, local_id, id FROM events WHERE doc_id IN ({_marks(part)})",
                part)}
            for did, data in sorted(rows, key=lambda r: int(r[0])):
                did = int(did)
                events = {e["id"]: e for e in json.loads(data).get("events", ())}
                for local in wanted[did]:
                    raw = events.get(local)
                    if raw is not None and (did, local) in keys:
                        out.append(StoredEvent(id=keys[(did, local)], doc_id=did,
                                               event=Event.from_dict(raw)))
        return out
