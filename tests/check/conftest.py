"""Stores for the check tests: two invented articles (a denial of a resignation,
a wire story about a ferry terminal), built once through the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import throwaway_store

from veracity.cli import main
from veracity.store import Store, open_store
from veracity.verify.check import ArticleCheck, check

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus.jsonl"
# The checked articles, as a user would have them: pasted page text.
RESIGNED = DATA / "resigned.txt"  # says Keller resigned; the stored Post has her deny it
WIRE_COPY = DATA / "wire-copy.txt"  # the stored Nordic Wire story under another headline
COLUMN = DATA / "column.txt"  # an opinion column with one reported fact
RESIGNED_STATEMENT = "Marta Keller resigned as head of the Vesterby harbour authority on Tuesday"


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def check_db(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for db in throwaway_store(request.param, tmp_path_factory.mktemp("check"), "check"):
        assert main(["ingest", str(CORPUS), "--db", db]) == 0
        yield db


@pytest.fixture
def store(check_db: str) -> Iterator[Store]:
    with open_store(check_db) as s:
        yield s


def checked(store: Store, path: Path, *, published: str = "2024-05-08",
            source: str = "Vesterby Courier", as_of: str | None = None) -> ArticleCheck:
    return check(path=str(path), store=store, published=published, source=source, as_of=as_of)


@pytest.fixture(scope="session")
def resigned(check_db: str) -> ArticleCheck:
    with open_store(check_db) as s:
        return checked(s, RESIGNED)


@pytest.fixture(scope="session")
def wire_copy(check_db: str) -> ArticleCheck:
    with open_store(check_db) as s:
        return checked(s, WIRE_COPY, published="2024-04-02", source="Halden Daily")


@pytest.fixture(scope="session")
def column(check_db: str) -> ArticleCheck:
    with open_store(check_db) as s:
        return checked(s, COLUMN, source="Vesterby Courier")
