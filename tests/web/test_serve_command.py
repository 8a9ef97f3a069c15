"""``veracity serve``: arguments, the loopback default, and a wrong store failing
at start-up rather than at the first request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from veracity.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced: record what it would serve instead of serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_binds_to_loopback_by_default(runs, tmp_path: Path, capsys):
    assert main(["serve", "--db", str(tmp_path / "s.sqlite")]) == 0
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 8000
    err = capsys.readouterr().err
    assert "http://127.0.0.1:8000/" in err and "warning" not in err
    assert (tmp_path / "s.sqlite").exists()  # opened (and created) at start-up


def test_serve_elsewhere_warns(runs, tmp_path: Path, capsys):
    assert main(["serve", "--db", str(tmp_path / "s.sqlite"), "--host", "0.0.0.0",
                 "--port", "8123"]) == 0
    assert runs[0]["host"] == "0.0.0.0" and runs[0]["port"] == 8123
    assert "not loopback" in capsys.readouterr().err


@pytest.mark.parametrize("argv, status, words", [
    # a port out of range is a usage error
    (["serve", "--port", "70000"], 2, "not a port number"),
    # a folder is not a store: fails before serving anything
    (["serve", "--db", "{tmp}"], 1, "is a folder"),
])
def test_serve_refuses_bad_arguments(runs, tmp_path: Path, capsys, argv, status, words):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == status
    assert words in capsys.readouterr().err
    assert runs == []


def test_serve_with_several_processes(runs, tmp_path: Path, monkeypatch):
    for name in ("VERACITY_DB", "VERACITY_MAX_BYTES", "VERACITY_SERVE_HOST"):
        # setenv first so that monkeypatch restores what serve exports here
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    db = str(tmp_path / "s.sqlite")
    assert main(["serve", "--db", db, "--processes", "3", "--max-bytes", "1000"]) == 0
    call = runs[0]
    # uvicorn imports the app in each process, from the environment set here
    assert call["app"] == "veracity.web.app:app_from_environment" and call["factory"]
    assert call["workers"] == 3
    from veracity.web.app import app_from_environment

    app = app_from_environment()
    assert app.state.settings.db_path == db and app.state.settings.max_bytes == 1000


def test_serve_does_not_leak_its_environment():
    import os

    assert os.environ.get("VERACITY_MAX_BYTES") is None


def test_serve_says_when_it_starts_a_new_store(runs, tmp_path: Path, capsys):
    db = tmp_path / "new.sqlite"
    assert main(["serve", "--db", str(db)]) == 0
    assert f"no store at {db} yet; serving a new, empty one" in capsys.readouterr().err
    assert main(["serve", "--db", str(db)]) == 0  # now it exists: nothing said
    assert "no store" not in capsys.readouterr().err
