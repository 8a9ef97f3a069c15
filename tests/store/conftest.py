"""Store tests run against every backend: SQLite always, PostgreSQL when
``VERACITY_TEST_PG`` names a server (``.ci/run`` starts one), each test in a
schema of its own that is dropped afterwards."""

from __future__ import annotations

import pytest
from tests.conftest import throwaway_store


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    yield from throwaway_store(request.param, tmp_path)
