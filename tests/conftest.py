from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "gzero-trump-putin.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test touches the user's real store or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("VERACITY_DB", raising=False)
    yield


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    return SEED.read_text(encoding="utf-8")


def throwaway_store(backend: str, folder: Path, name: str = "v") -> Iterator[str]:
    """Yield the URL of a fresh store of ``backend``: a SQLite file in ``folder``,
    or a schema of its own on the PostgreSQL server that ``VERACITY_TEST_PG``
    names (skipped when it names none), dropped afterwards."""
    if backend == "sqlite":
        yield str(folder / f"{name}.sqlite")
        return
    base = os.environ.get("VERACITY_TEST_PG")
    if not base:
        pytest.skip("VERACITY_TEST_PG is not set (scripts/start-test-postgres starts a server)")
    import psycopg

    schema = f"t_{name}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


def shared_data(*parts: str) -> Path:
    p = SHARED.joinpath("data", *parts)
    if not p.exists():
        pytest.skip(f"{p} is not present")
    return p


os.environ.setdefault("VERACITY_READ_ON_INGEST", "true")
