"""Store tests run against every backend: SQLite always, PostgreSQL when
``VERACITY_TEST_PG`` names a server (``.ci/run`` starts one), each test in a
schema of its own that is dropped afterwards."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "v.sqlite")
        return
    base = os.environ.get("VERACITY_TEST_PG")
    if not base:
        pytest.skip("VERACITY_TEST_PG is not set (scripts/start-test-postgres starts a server)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
