"""Bad input: one line naming the path and the reason; the batch goes on."""

from __future__ import annotations

import gzip
import random

import pytest

from veracity.cli import main
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store

GOOD = "The river ferry resumed service on Sunday after the storm passed.\n"


def run_batch(tmp_path, files, **kw):
    folder = tmp_path / "batch"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, data in files.items():
        p = folder / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        paths.append(str(p))
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False, **kw)
    with open_store(s.db_path) as store:
        report = ingest(paths, store, s)
        count = store.count()
    return report, dict(report.skipped), count


@pytest.mark.parametrize("name,data,reason", [
    # an empty file
    ("empty.txt", b"", "empty file"),
    # only white space
    ("blank.txt", b"   \n\n  ", "empty"),
    # binary content (a PNG header and NULs)
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    # a gzip stream cut short
    ("cut.html.gz", gzip.compress(b"<html><body><p>" + " ".join(
        random.Random(1).choice(["port", "strike", "ends", "union", "vote"]) + str(i)
        for i in range(3000)).encode() + b"</p></body></html>")[:2000], "truncated gzip"),
    # gzip magic followed by garbage
    ("bad.html.gz", b"\x1f\x8b\x08\x00garbage-not-deflate", "corrupt gzip"),
    # HTML with no article in it
    ("broken.html", b"<html><body><div><<<>>></div><script>var x=1;</script>", "no article text"),
])
def test_bad_file_is_reported_and_batch_goes_on(tmp_path, name, data, reason):
    report, skipped, count = run_batch(tmp_path, {"good.txt": GOOD, name: data})
    path = str(tmp_path / "batch" / name)
    assert path in skipped, skipped
    assert reason in skipped[path]
    assert report.ingested == 1 and count == 1


def test_malformed_json_lines_skip_only_the_bad_line(tmp_path):
    lines = ('{"text": "The dam was completed in March after six years of work."}\n'
             '{"text": "unterminated\n'
             '[1, 2, 3]\n'
             '{"title": "no body here"}\n'
             '{"text": "Rescue teams reached the village on Thursday morning."}\n')
    report, skipped, count = run_batch(tmp_path, {"feed.jsonl": lines})
    base = str(tmp_path / "batch" / "feed.jsonl")
    assert "malformed JSON" in skipped[f"{base}:2"]
    assert "must be an object" in skipped[f"{base}:3"]
    assert "neither 'text' nor 'html'" in skipped[f"{base}:4"]
    assert count == 2


def test_non_utf8_text_is_decoded(tmp_path):
    text = ("Le maire a inauguré la nouvelle bibliothèque vendredi dernier, "
            "après des années de travaux coûteux et de débats houleux au conseil municipal.")
    report, skipped, count = run_batch(tmp_path, {"latin1.txt": text.encode("cp1252")})
    assert not skipped and count == 1
    with open_store(str(tmp_path / "v.sqlite")) as store:
        assert "inauguré la nouvelle bibliothèque" in store.get(report.doc_ids[0]).doc.text


def test_over_the_size_limit(tmp_path):
    report, skipped, count = run_batch(tmp_path, {"big.txt": GOOD * 100, "ok.txt": GOOD + "x"},
                                       max_bytes=1000)
    assert "too large" in skipped[str(tmp_path / "batch" / "big.txt")]
    assert count == 1


def test_gzip_bomb_is_stopped_by_the_limit(tmp_path):
    bomb = gzip.compress(b"a" * 5_000_000)
    report, skipped, count = run_batch(tmp_path, {"bomb.txt.gz": bomb}, max_bytes=100_000)
    assert "too large once decompressed" in skipped[str(tmp_path / "batch" / "bomb.txt.gz")]


def test_missing_path_is_skipped_and_the_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    rc = main(["ingest", str(tmp_path / "nope.txt"), str(good), "--db",
               str(tmp_path / "v.sqlite"), "--no-read"])
    assert rc == 0
    assert f"skipped {tmp_path / 'nope.txt'}: no such file or folder" in capsys.readouterr().err


def test_file_gone_between_listing_and_reading_is_skipped(tmp_path, capsys):
    # A link whose target is gone is listed with the folder and fails when read:
    # the same path as a file deleted mid-batch, and unreadable even to root
    # (which reads files whatever their mode, so chmod 0 cannot stand in).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    gone = folder / "gone.txt"
    gone.symlink_to(tmp_path / "deleted.txt")
    rc = main(["ingest", str(folder), "--db", str(tmp_path / "v.sqlite"), "--no-read"])
    assert rc == 0
    assert f"skipped {gone}: cannot read: No such file or directory" in capsys.readouterr().err


def test_exit_1_when_nothing_was_ingested(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["ingest", str(empty), "--db", str(tmp_path / "v.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"skipped {empty}: empty file"


def test_not_a_store(tmp_path, capsys):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not a database" * 100)
    f = tmp_path / "a.txt"
    f.write_text(GOOD)
    assert main(["ingest", str(f), "--db", str(bogus)]) == 1
    assert "not a veracity store" in capsys.readouterr().err


def test_json_nested_too_deeply(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    lines = deep + '\n{"text": "The lighthouse was repainted white in the spring."}\n'
    report, skipped, count = run_batch(tmp_path, {"deep.jsonl": lines})
    assert "nested too deeply" in skipped[str(tmp_path / "batch" / "deep.jsonl") + ":1"]
    assert count == 1


def test_document_the_parser_refuses_is_stored_unread_not_lost(tmp_path, monkeypatch):
    # spaCy refuses a text over its ``max_length``.  The reader cuts texts into
    # pieces below spaCy's default, so the limit is lowered here to make spaCy
    # refuse at once (before any parsing: the test stays fast); the document is
    # stored with the reason in one line, and the batch's other one is read.
    from veracity.read.document import PIECE_CHARS
    from veracity.read.nlp import load_nlp

    monkeypatch.setattr(load_nlp(), "max_length", PIECE_CHARS // 2)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text("The council met on Monday. " * (PIECE_CHARS // 40))
    (folder / "small.txt").write_text(GOOD)
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=True)
    with open_store(s.db_path) as store:
        report = ingest([str(folder)], store, s)
        read = sorted(v is not None for v in store.reader_versions().values())
    reason = dict(report.skipped)[str(folder / "huge.txt")]
    assert report.ingested == 2 and read == [False, True]
    assert reason.startswith("stored but not read: ") and "\n" not in reason


def test_odd_file_name_still_gets_one_line(tmp_path, capsys):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    assert main(["ingest", str(odd), "--db", str(tmp_path / "v.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "two\\x0alines.txt: empty file" in err
