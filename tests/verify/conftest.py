"""Stores for the verify tests: the fixture corpus and the seed, each built once
through the command line (``veracity ingest``), as a user would."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from veracity.cli import main
from veracity.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus" / "news.jsonl"
SEED = ROOT.parent / "shared" / "seed" / "gzero-trump-putin.txt"


def _store_url(backend: str, tmp_path_factory: pytest.TempPathFactory, name: str
               ) -> Iterator[str]:
    """A fresh store of ``backend``: a SQLite file, or a schema of its own on the
    PostgreSQL server that ``VERACITY_TEST_PG`` names (dropped afterwards)."""
    if backend == "sqlite":
        yield str(tmp_path_factory.mktemp(name) / f"{name}.sqlite")
        return
    base = os.environ.get("VERACITY_TEST_PG")
    if not base:
        pytest.skip("VERACITY_TEST_PG is not set (scripts/start-test-postgres starts a server)")
    import psycopg

    schema = f"v_{name}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


# Every verify test runs on both backends: the same answers from each.
BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_db(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for db in _store_url(request.param, tmp_path_factory, "corpus"):
        assert main(["ingest", str(CORPUS), "--db", db]) == 0
        yield db


@pytest.fixture
def corpus(corpus_db: str) -> Iterator[Store]:
    with open_store(corpus_db) as store:
        yield store


@pytest.fixture(scope="session")
def seed_file() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    return SEED


@pytest.fixture(scope="session", params=BACKENDS)
def seed_db(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    for db in _store_url(request.param, tmp_path_factory, "seed"):
        assert main(["ingest", str(SEED), "--db", db, "--published", "2024-11-11"]) == 0
        yield db


@pytest.fixture
def seed(seed_db: str) -> Iterator[Store]:
    with open_store(seed_db) as store:
        yield store
