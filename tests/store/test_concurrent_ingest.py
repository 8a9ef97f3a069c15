"""Two ingests of overlapping inputs at once store every input exactly once."""

from __future__ import annotations

import threading

from veracity.ingest import IngestReport
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store

PLACES = ["harbour", "bridge", "library", "stadium", "market", "station", "school", "museum"]


def test_two_concurrent_ingests_of_overlapping_inputs_store_each_once(store_url, tmp_path):
    paths = []
    for i in range(48):
        f = tmp_path / f"{i:02d}.txt"
        f.write_text(f"The {PLACES[i % 8]} number {i} reopened on Monday after works "
                     f"that cost {i * 17} thousand euros, officials said.\n")
        paths.append(str(f))
    # each ingest takes two thirds, the middle third in both, in opposite orders
    runs = [paths[:32], list(reversed(paths[16:]))]
    settings = Settings(db=store_url, read_on_ingest=False, batch_size=4)
    with open_store(store_url):  # migrate once before the race
        pass
    start = threading.Barrier(2)
    reports: list[IngestReport] = []
    errors: list[BaseException] = []

    def one(batch: list[str]) -> None:
        try:
            with open_store(store_url) as store:
                start.wait()
                reports.append(ingest(batch, store, settings))
        except BaseException as exc:  # shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(batch,)) for batch in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(store_url) as store:
        texts = [d.doc.text for d in store.documents()]
        inputs = store.input_hashes()
    assert (len(texts), len(set(texts)), len(inputs)) == (48, 48, 48)
    assert sum(r.ingested for r in reports) == 48
    assert [r.skipped for r in reports] == [[], []]


def test_nul_characters_never_reach_the_store(store_url, tmp_path):
    # PostgreSQL's text refuses NUL: a text file with one past the binary check's
    # first 8 KB and a JSON line with "\u0000" are stored without it, on both
    text = "The harbour reopened on Monday after the storm. " * 200 + "End\x00 of story."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.jsonl").write_text('{"text": "The bridge\\u0000 opened on Friday."}\n')
    settings = Settings(db=store_url, read_on_ingest=False)
    with open_store(store_url) as store:
        report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")], store, settings)
        texts = sorted(d.doc.text for d in store.documents())
    assert (report.skipped, texts) == (
        [], ["The bridge opened on Friday.", text.replace("\x00", "")])
