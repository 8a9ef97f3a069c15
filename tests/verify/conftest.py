"""Stores for the verify tests: the fixture corpus and the seed, each built once
through the command line (``veracity ingest``), as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from veracity.cli import main
from veracity.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus" / "news.jsonl"
SEED = ROOT.parent / "shared" / "seed" / "gzero-trump-putin.txt"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("corpus") / "corpus.sqlite")
    assert main(["ingest", str(CORPUS), "--db", db]) == 0
    return db


@pytest.fixture
def corpus(corpus_db: str) -> Iterator[Store]:
    with open_store(corpus_db) as store:
        yield store


@pytest.fixture(scope="session")
def seed_file() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    return SEED


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    db = str(tmp_path_factory.mktemp("seed") / "seed.sqlite")
    assert main(["ingest", str(SEED), "--db", db, "--published", "2024-11-11"]) == 0
    return db


@pytest.fixture
def seed(seed_db: str) -> Iterator[Store]:
    with open_store(seed_db) as store:
        yield store
