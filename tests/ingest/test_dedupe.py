"""Exact duplicates stored once; near-duplicates linked as copies; kill and resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from veracity.ingest import dedupe
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store

WIRE = ("Officials in the coastal province of Marenna confirmed on Wednesday that flood "
        "barriers along the Tessel river held overnight despite record water levels. "
        "Emergency crews evacuated about 300 residents from low-lying villages as a "
        "precaution, and schools in the district will stay closed until Friday. The "
        "provincial governor, Ilse Varga, said the barriers built after the 2015 floods "
        "had done exactly what they were designed to do, and thanked volunteers who "
        "filled sandbags through the night.")


def store_and_settings(tmp_path):
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False)
    return open_store(s.db_path), s


def test_same_document_twice_is_stored_once(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"Flood barriers hold\n\n{WIRE}")
    # the same text with different white space and quote marks
    b.write_text(f"Flood barriers hold\n\n  {WIRE.replace('  ', ' ')}  \n\n")
    store, s = store_and_settings(tmp_path)
    with store:
        report = ingest([str(a), str(b)], store, s)
        assert report.ingested == 1 and report.duplicates == 1
        assert store.count() == 1


def test_wire_copy_with_another_headline_and_trailer_is_linked(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"Flood barriers hold in Marenna\n\n{WIRE}")
    b.write_text(f"Marenna spared as river peaks\n\n{WIRE}\n\nReporting by the wire desk; "
                 "editing by staff.")
    store, s = store_and_settings(tmp_path)
    with store:
        report = ingest([str(a), str(b)], store, s)
        assert report.ingested == 2 and report.near_duplicates == 1
        first, second = report.doc_ids
        assert store.get(second).copy_of == first
        assert [c.id for c in store.copies(first)] == [second]


def test_different_stories_are_not_copies(tmp_path):
    other = ("The city council voted on Tuesday to extend the tram line to the airport, "
             "a project expected to cost 400 million and take five years to build.")
    assert dedupe.minhash(WIRE).jaccard(dedupe.minhash(other)) < 0.2
    assert dedupe.content_hash("T", WIRE) != dedupe.content_hash("U", WIRE)
    assert dedupe.content_hash("T", WIRE) == dedupe.content_hash("t", WIRE.upper())


def test_minhash_survives_the_store(tmp_path):
    m = dedupe.minhash(WIRE)
    assert dedupe.from_bytes(dedupe.to_bytes(m)).jaccard(m) == 1.0


def test_kill_mid_batch_keeps_committed_documents_and_resume_skips_them(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    n = 1500
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"Story number {i} of the day\n\nThe harbour office logged vessel {i} arriving "
            f"at berth {i % 17} on the morning tide with cargo manifest {i * 7919}.")
    db = tmp_path / "v.sqlite"
    env = {**os.environ, "VERACITY_BATCH_SIZE": "1"}
    cmd = [sys.executable, "-m", "veracity", "ingest", str(folder), "--db", str(db),
           "--no-read", "--format", "json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db, timeout=1) as c:
                committed = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            committed = 0
        if committed >= 100:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        inputs = c.execute("SELECT count(*) FROM inputs").fetchone()[0]
    assert 100 <= stored < n
    # every committed document's input is recorded with it, in the same transaction
    assert inputs == stored
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    assert f'"already_stored": {stored}' in done.stdout
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == n
        assert c.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == n
