"""Stores for the verify tests: the fixture corpus and the seed, each built once
through the command line (``veracity ingest``), as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import throwaway_store

from veracity.cli import main
from veracity.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus" / "news.jsonl"
SEED = ROOT.parent / "shared" / "seed" / "gzero-trump-putin.txt"


def _store_url(backend: str, tmp_path_factory: pytest.TempPathFactory, name: str
               ) -> Iterator[str]:
    """A fresh store of ``backend`` for a whole session or module."""
    yield from throwaway_store(backend, tmp_path_factory.mktemp(name), name)


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
