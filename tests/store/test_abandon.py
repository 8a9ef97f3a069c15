"""A question given up (its client left) stops at its next read of the store,
and a statement running then is interrupted, on both backends."""

from __future__ import annotations

import threading
import time

import pytest

from veracity.errors import Abandoned
from veracity.store import open_store

# Statements that would run for minutes: no public read runs long on a store of
# test size, so the test runs one through the store's own read funnel.
ENDLESS = {
    "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
              "WHERE x < 10000000000) SELECT count(*) FROM n",
    "postgres": "SELECT pg_sleep(600)",
}


def test_reads_stop_once_the_question_is_given_up(store_url):
    with open_store(store_url) as store:
        gone = threading.Event()
        with store.abandoned_when(gone):
            assert store.count() == 0
            gone.set()
            with pytest.raises(Abandoned):
                store.count()
        # Outside the abandoned question the store reads as before.
        assert store.count() == 0


def test_interrupt_stops_a_running_statement(store_url):
    backend = "postgres" if store_url.startswith("postgresql://") else "sqlite"
    with open_store(store_url) as store:
        gone = threading.Event()
        outcome: list[BaseException] = []
        running = threading.Event()

        def question() -> None:
            with store.abandoned_when(gone):
                running.set()
                try:
                    store._rows(ENDLESS[backend])
                except BaseException as exc:
                    outcome.append(exc)

        worker = threading.Thread(target=question)
        worker.start()
        running.wait(30)
        gone.set()
        # The statement may not have started when the first interrupt comes
        # (then it is a no-op), so the test interrupts until the read gives up.
        stop = time.monotonic() + 60
        while worker.is_alive() and time.monotonic() < stop:
            store.interrupt()
            worker.join(0.1)
        assert not worker.is_alive(), "the statement was not interrupted"
        assert len(outcome) == 1 and isinstance(outcome[0], Abandoned), outcome
        # The connection is usable again afterwards.
        assert store.count() == 0
