"""PostgreSQL plans questions with fresh statistics after a bulk ingest: a
connection that has added enough documents refreshes them itself instead of
waiting for autovacuum's next round (issue 15: PostgreSQL was much slower
right after an ingest)."""

from __future__ import annotations

import pytest

from veracity.store import NewDocument, open_store
from veracity.store.postgres import ANALYZE_MIN
from veracity.types import Document


def reltuples(store, table: str) -> float:
    # -1 until the table is first analysed; ANALYZE sets it in its transaction
    return float(store._rows(f"SELECT reltuples FROM pg_class WHERE oid = '{table}'::regclass"
                             )[0][0])


def test_statistics_are_refreshed_once_enough_documents_were_added(store_url):
    if not store_url.startswith("postgresql://"):
        pytest.skip("SQLite keeps no planner statistics of its own")
    with open_store(store_url) as store:
        # autovacuum would analyse the table too, on its own clock
        store._exec("ALTER TABLE documents SET (autovacuum_enabled = false)")
        for i in range(ANALYZE_MIN - 1):
            store.add_document(NewDocument(Document(text=f"The ferry sailed {i} times."), f"h{i}"))
        assert reltuples(store, "documents") == -1
        store.add_document(NewDocument(Document(text="The last ferry sailed."), "last"))
        assert reltuples(store, "documents") == ANALYZE_MIN


def test_a_writer_closing_refreshes_what_it_added_since(store_url):
    if not store_url.startswith("postgresql://"):
        pytest.skip("SQLite keeps no planner statistics of its own")
    with open_store(store_url) as store:
        store._exec("ALTER TABLE documents SET (autovacuum_enabled = false)")
        # refreshed at 100, 200 and 300 documents; the next is due at 300 * 1.5
        for i in range(3 * ANALYZE_MIN + 149):
            store.add_document(NewDocument(Document(text=f"The ferry sailed {i} times."), f"h{i}"))
        assert reltuples(store, "documents") == 3 * ANALYZE_MIN
    with open_store(store_url) as store:
        assert reltuples(store, "documents") == 3 * ANALYZE_MIN + 149
