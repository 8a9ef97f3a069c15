"""A store that may not be written opens for reading; a write to it, or a new
store in a folder that may not be written, is one line saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from veracity.cli import main

GOOD = "The river ferry resumed service on Sunday after the storm passed.\n"


def veracity(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process that file modes bind: root's override of them is
    dropped (setpriv), since root reads and writes any file."""
    cmd = [sys.executable, "-m", "veracity", *argv]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is not installed to drop the override")
        caps = "-dac_override,-dac_read_search"
        cmd = [setpriv, "--bounding-set", caps, "--inh-caps", caps, *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def locked(tmp_path: Path):
    """A folder holding a store with one document and a new input; the store and
    the folder are then made read-only."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (tmp_path / "new.txt").write_text("The museum reopened its east wing after repairs.\n")
    (tmp_path / "good.txt").write_text(GOOD)
    db = folder / "v.sqlite"
    assert main(["ingest", str(tmp_path / "good.txt"), "--db", str(db), "--no-read"]) == 0
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield tmp_path
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def test_a_read_only_store_opens_for_reading(locked):
    r = veracity("docs", "--db", str(locked / "ro" / "v.sqlite"))
    assert (r.returncode, r.stderr, "The river ferry resumed" in r.stdout) == (0, "", True)


def test_writing_to_a_read_only_store_is_one_line(locked):
    db = locked / "ro" / "v.sqlite"
    r = veracity("ingest", str(locked / "new.txt"), "--db", str(db), "--no-read")
    assert (r.returncode, r.stderr) == (
        1, f"veracity: error: {db}: cannot write: the store is read-only\n")


def test_a_new_store_in_a_read_only_folder_is_one_line(locked):
    db = locked / "ro" / "new.sqlite"
    r = veracity("ingest", str(locked / "new.txt"), "--db", str(db), "--no-read")
    assert (r.returncode, r.stderr) == (
        1, f"veracity: error: {db}: cannot create the store: cannot open the database file "
           "(is its folder writable?)\n")


@pytest.mark.parametrize("value", ["-1", "0"])
def test_a_size_limit_below_one_is_a_usage_error(tmp_path, capsys, value):
    (tmp_path / "a.txt").write_text(GOOD)
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "v.sqlite"),
                 "--max-bytes", value]) == 2
    assert capsys.readouterr().err == (
        f"veracity: error: setting 'max_bytes' must be 1 or more, not {value}\n")


def test_a_full_disk_is_one_error_and_nothing_half_written(tmp_path):
    # SQLite's page limit gives the same SQLITE_FULL a full disk gives
    from veracity.errors import StoreError
    from veracity.pipeline import ingest
    from veracity.settings import Settings
    from veracity.store import open_store

    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("The new library opened on Monday. " * 3000)
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False)
    with open_store(s.db_path) as store:
        ingest([str(tmp_path / "a.txt")], store, s)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as err:
            ingest([str(tmp_path / "b.txt")], store, s)
        assert (str(err.value), store.count(), len(store.input_hashes())) == (
            f"{s.db_path}: cannot write: the disk is full", 1, 1)
