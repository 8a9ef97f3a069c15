from __future__ import annotations

import os
from pathlib import Path

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


def shared_data(*parts: str) -> Path:
    p = SHARED.joinpath("data", *parts)
    if not p.exists():
        pytest.skip(f"{p} is not present")
    return p


os.environ.setdefault("VERACITY_READ_ON_INGEST", "true")
