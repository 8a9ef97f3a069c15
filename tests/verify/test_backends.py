"""SQLite and PostgreSQL give the same answers to the same questions: the
verifier reads only through the Store interface."""

from __future__ import annotations

import pytest
from tests.verify.conftest import CORPUS, _store_url

from veracity.cli import main
from veracity.verify import ask

QUESTIONS = [
    "Did Lena Ortiz meet Paul Brandt?",
    "Did Ortiz meet Brandt in 2019?",
    "Did Brandt phone Victor Hale?",
    "Did Hale bribe Ortiz?",
    "Is it true that the mayor met the governor?",
    "Did someone resign?",
    "Did Ortiz meet Brandt in Oslo?",
]


def test_sqlite_and_postgres_answer_alike(tmp_path_factory: pytest.TempPathFactory) -> None:
    answers = {}
    for backend in ("sqlite", "postgres"):
        for db in _store_url(backend, tmp_path_factory, f"same_{backend}"):
            assert main(["ingest", str(CORPUS), "--db", db]) == 0
            answers[backend] = [ask(q, db=db, as_of="2024-06-01").to_dict() for q in QUESTIONS]
    assert answers["sqlite"] == answers["postgres"]
    assert any(a["verdict"] != "no_evidence" for a in answers["sqlite"])
