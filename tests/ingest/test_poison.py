"""Every input is its own unit of failure: a poison input costs one skip line,
never the batch, and a re-run says the same."""

from __future__ import annotations

import os

import pytest

from veracity.cli import main
from veracity.ingest import Ingester
from veracity.ingest.records import Unit
from veracity.settings import Settings
from veracity.store import open_store
from veracity.types import Document

GOOD = [
    "The river ferry resumed service on Sunday after the storm passed.",
    "Rescue teams reached the mountain village on Thursday morning.",
    "The city council approved the new tram line after a long debate.",
    "Farmers in the valley began the grape harvest two weeks early.",
    "The museum reopened its east wing after a year of repairs.",
]


def ingest_cli(paths: list[str], db: str, capsys: pytest.CaptureFixture[str]
               ) -> tuple[int, list[str]]:
    rc = main(["ingest", *paths, "--db", db, "--no-read"])
    err = capsys.readouterr().err
    return rc, sorted(line for line in err.splitlines() if line.startswith("skipped "))


def test_a_poison_input_of_each_kind_costs_one_line_and_the_batch_goes_on(tmp_path, capsys,
                                                                          warc):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = iter(GOOD)
    files: dict[bytes, bytes] = {
        b"01-good.txt": next(good).encode(),
        # a lone surrogate is valid JSON but no character
        b"02-surrogate.jsonl": b'{"text": "The bridge opened on Monday. \\ud800"}\n',
        # a file name that is not UTF-8 (stored, its name shown with \xff)
        b"03-name-\xff.txt": next(good).encode(),
        # a WARC response record without WARC-Target-URI (stored)
        b"04-no-uri.warc": warc([(None, next(good))]),
        # a WARC file cut inside its second record
        b"05-cut.warc": warc([("https://x.example/a", next(good)),
                              ("https://x.example/b", "A second record cut short " * 20)])[:-200],
        # a JSON line that is a number, one whose text is true, one with NaN
        b"06-kinds.jsonl": b'12345\n{"text": true}\n{"text": NaN}\n',
        # one byte that is not UTF-8 in a JSON-lines file
        b"07-byte.jsonl": b'{"text": "The lighthouse was repainted white in the sp\xffring."}\n',
        # garbage after the WARC version line
        b"07a-garbage.warc": b"WARC/1.0\r\n" + bytes(range(256)) * 3,
        # a WARC record whose block no longer matches its digest
        b"07b-digest.warc": warc([("https://x.example/c", "The harbour was dredged.")])
        .replace(b"dredged", b"DREDGED"),
        # a page of navigation only
        b"07c-nav.html": b'<html><head><title>Home</title></head><body><nav><a href="/">'
                         b"Home</a></nav></body></html>",
        # binary content and an empty file, both named .txt
        b"07d-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"07e-empty.txt": b"  \n\n",
        b"08-good.txt": next(good).encode(),
    }
    for name, data in files.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
    db = str(tmp_path / "v.sqlite")
    base = str(folder)
    expected = sorted([
        f"skipped {base}/02-surrogate.jsonl:1: field 'text' holds a lone surrogate (\\ud800), "
        "not text",
        f"skipped {base}/05-cut.warc#record2: truncated WARC record: 1,000 of 1,196 bytes "
        "(nothing of it stored)",
        f"skipped {base}/06-kinds.jsonl:1: a JSON line must be an object with 'text' or "
        "'html', not a number",
        f"skipped {base}/06-kinds.jsonl:2: field 'text' must be a string, not true or false",
        f"skipped {base}/06-kinds.jsonl:3: malformed JSON line: NaN is not a JSON value",
        f"skipped {base}/07-byte.jsonl:1: not UTF-8: byte 0xff at column 55 "
        "(JSON lines must be UTF-8)",
        f"skipped {base}/07a-garbage.warc: no HTML response or resource records in the WARC "
        "file",
        f"skipped {base}/07b-digest.warc#record1: damaged WARC record: its block digest does "
        "not match",
        # (the extractor finds no text at all in so short a page)
        f"skipped {base}/07c-nav.html: no article text found in the HTML page",
        f"skipped {base}/07d-binary.txt: binary file, not text, HTML, JSON lines or WARC",
        f"skipped {base}/07e-empty.txt: empty file (only white space)",
    ])
    rc, skipped = ingest_cli([base], db, capsys)
    assert (rc, skipped) == (0, expected)
    with open_store(db) as store:
        texts = {d.doc.origin: d.doc.text for d in store.documents()}
    assert len(texts) == 5 and all(any(g in t for t in texts.values()) for g in GOOD)
    assert f"{base}/03-name-\\xff.txt" in texts
    # the same on a re-run: the good inputs are already stored, the poison ones said again
    assert ingest_cli([base], db, capsys) == (0, expected)


def test_a_crash_on_one_unit_is_reported_as_a_bug_and_the_rest_is_stored(tmp_path):
    # a document no store can hold (a lone surrogate that got past extraction)
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False)
    units = [Unit("a.txt", "h1", (Document(text=GOOD[0]),)),
             Unit("bad.txt", "h2", (Document(text="The fair opened \ud800 today."),)),
             Unit("c.txt", "h3", (Document(text=GOOD[1]),))]
    with open_store(s.db_path) as store:
        ing = Ingester(store, s)
        ing.flush(units)
        assert store.count() == 2 and ing.report.ingested == 2
        assert store.input_hashes() == {"h1", "h3"}
    [(origin, reason)] = ing.report.skipped
    assert origin == "bad.txt"
    assert reason.startswith("internal error (UnicodeEncodeError: ")
    assert reason.endswith("this is a bug in veracity, please report it with this input")


def test_nul_characters_are_dropped_before_the_store(tmp_path):
    # past the first 8 KB, where the binary check looks, a NUL is kept as text
    text = GOOD[2] + " " + "Word " * 2000 + "\x00end."
    f = tmp_path / "nul.txt"
    f.write_text(text)
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(f), "--db", db, "--no-read"]) == 0
    with open_store(db) as store:
        assert store.documents()[0].doc.text.endswith("Word end.")


def test_a_batch_read_that_comes_back_short_is_read_again_one_by_one(tmp_path, monkeypatch):
    # The batched reader pairs spaCy's parses with documents by position; should
    # it give one analysis fewer (a pipeline component dropping a text), the
    # analyses must not be stored against the wrong documents, nor the batch lost.
    import veracity.read

    real = veracity.read.read_documents

    def short(docs, **kw):
        docs = list(docs)
        yield from real(docs[1:], **kw)  # the first document's parse went missing

    monkeypatch.setattr(veracity.read, "read_documents", short)
    paths = []
    for i, text in enumerate(GOOD[:3]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{i}.txt"))
    s = Settings(db=str(tmp_path / "v.sqlite"), embed_on_ingest=False)
    with open_store(s.db_path) as store:
        from veracity.pipeline import ingest

        report = ingest(paths, store, s)
        assert (report.ingested, report.skipped) == (3, [])
        for d in store.documents():
            events = store.analysis(d.id).events
            assert events and all(e.quote in d.doc.text for e in events), d.doc.text


@pytest.mark.parametrize(("broken", "chunk", "fails"), [
    (False, 8, False), (False, 1, False), (False, 1, True), (True, 1, False)])
def test_vectors_computed_beside_the_reader_are_stored_or_left_out(tmp_path, monkeypatch,
                                                                   broken, chunk, fails):
    # Each batch's analyses go to the embed thread as they are read, which
    # encodes those waiting (``chunk`` or more) in one run while the reader
    # goes on, the thread that stores the batch running batches of the same
    # encoding while it waits: the stored bytes are those of one plain run.
    # A batch read again one by one (``fails``) is encoded again; an encoder
    # that breaks loses the vectors, never the documents.
    import veracity.ingest
    import veracity.read
    from veracity.encode import Encoder, get_encoder, sentence_vectors
    from veracity.pipeline import feed

    enc = get_encoder()
    assert enc is not None
    monkeypatch.setattr(veracity.ingest, "EMBED_CHUNK", chunk)
    if broken:
        def boom(self: Encoder, seqs: list[list[int]]) -> object:
            raise RuntimeError("model broke")

        monkeypatch.setattr(Encoder, "_run", boom)
    if fails:
        real = veracity.read.read_documents

        def half(docs, **kw):
            docs = list(docs)
            yield from real(docs[:1], **kw)
            if len(docs) > 1:
                raise RuntimeError("reader broke")

        monkeypatch.setattr(veracity.read, "read_documents", half)
    s = Settings(db=str(tmp_path / "v.sqlite"), batch_size=3)
    units = [Unit(f"u{i}", f"h{i}", (Document(text=t, title=f"Story {i}"),))
             for i, t in enumerate(GOOD)]
    with open_store(s.db_path) as store:
        ing = Ingester(store, s)
        report = feed(ing, [[u] for u in units], set())
        assert report.ingested == len(GOOD) and not report.skipped
        for d in store.documents():
            stored = store.passage_vectors_of(d.id)
            if broken:
                assert stored == {}
            else:
                assert stored == sentence_vectors([store.analysis(d.id)], enc)[0] != {}
