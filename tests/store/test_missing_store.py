"""Commands that only read a store (or change what is in one) fail on a store that
does not exist: one line naming it, exit status 1, and nothing created, neither
the file nor its folder nor, on PostgreSQL, the tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import FIXTURES, throwaway_store

from veracity.cli import main
from veracity.errors import NoStore
from veracity.store import open_store
from veracity.verify import ask

# Each: a command given a store it is only to read or change.
COMMANDS = [
    ["ask", "Did Ana Ruiz resign?"],
    ["history", "Did Ana Ruiz resign?"],
    ["docs"],
    ["show", "1"],
    ["check", str(FIXTURES / "harbour-page.txt")],  # without --store it stores nothing
    ["reread"],
    ["edit", "1", "--title", "x"],
    ["rm", "1"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_missing_store_is_one_line_and_nothing_is_created(argv, tmp_path: Path, capsys):
    db = tmp_path / "nodir" / "x.sqlite"
    assert main([*argv, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"veracity: error: {db}: no such store")
    assert not db.parent.exists()
    flat = tmp_path / "missing.sqlite"  # its folder exists
    assert main([*argv, "--db", str(flat)]) == 1
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_no_store_and_stays_empty(tmp_path: Path, capsys):
    db = tmp_path / "empty.sqlite"
    db.touch()
    assert main(["docs", "--db", str(db)]) == 1
    assert "no such store" in capsys.readouterr().err
    assert db.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == [db.name]


def test_the_library_does_not_create_a_store_it_asks(tmp_path: Path):
    with pytest.raises(NoStore):
        ask("Did Ana Ruiz resign?", db=str(tmp_path / "x.sqlite"))
    assert list(tmp_path.iterdir()) == []


def test_ingest_and_check_store_still_create_it(tmp_path: Path):
    db = tmp_path / "new" / "v.sqlite"
    assert main(["ingest", str(FIXTURES / "harbour-page.txt"), "--db", str(db),
                 "--no-read"]) == 0
    assert main(["docs", "--db", str(db)]) == 0


@pytest.mark.parametrize("backend", ["postgres"])
def test_a_postgres_database_without_tables_is_no_store(backend, tmp_path, capsys):
    import psycopg

    for url in throwaway_store(backend, tmp_path, "nostore"):
        assert main(["docs", "--db", url]) == 1
        assert "no such store" in capsys.readouterr().err
        with psycopg.connect(url) as conn:  # nothing was created in its schema
            assert conn.execute("SELECT to_regclass('migrations')").fetchone()[0] is None
        with open_store(url) as store:  # as ingest opens it: created
            assert store.count() == 0
        assert main(["docs", "--db", url]) == 0
