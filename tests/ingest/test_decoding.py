"""Decoding that is right or says it cannot be: Windows code pages, UTF-16
without a byte order mark, JSON lines line by line, JSON fields by type, and
WARC records read whole."""

from __future__ import annotations

import gzip
import json

import pytest

from veracity.cli import main
from veracity.ingest.detect import decode, decode_text
from veracity.pipeline import ingest
from veracity.settings import Settings
from veracity.store import open_store


def run(tmp_path, name: str, data: bytes):
    f = tmp_path / name
    f.write_bytes(data)
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False)
    with open_store(s.db_path) as store:
        report = ingest([str(f)], store, s)
        docs = store.documents()
    return dict(report.skipped), [d.doc for d in docs], str(f)


@pytest.mark.parametrize("text,encoding", [
    # smart quotes and a dash in English: cp1252, which a detector took for cp775
    ("The minister said “we will not resign” — and the party’s leader agreed.", "cp1252"),
    # a short line where cp1250 reads the quotes alike but not the ï
    ("Café “Zürich” opened – naïve déjà vu…", "cp1252"),
    # French accents without quotes
    ("Le maire a inauguré la nouvelle bibliothèque vendredi dernier, après des années "
     "de travaux coûteux.", "cp1252"),
    # Cyrillic in its own Windows code page is not taken for cp1252
    ("Министр заявил, что не уйдёт в отставку, и лидер партии согласился.", "cp1251"),
    # UTF-16 without a byte order mark, both byte orders, Latin and Cyrillic
    ("The port reopened on Friday after the strike ended.", "utf-16-le"),
    ("The port reopened on Friday after the strike ended.", "utf-16-be"),
    ("Министр заявил, что не уйдёт в отставку.", "utf-16-le"),
])
def test_text_is_decoded_right(text, encoding):
    assert decode("x.txt", text.encode(encoding)) == text


def test_utf16_without_bom_is_ingested_not_called_binary(tmp_path):
    text = "The harbour master closed the port on Friday because of the storm."
    skipped, docs, _ = run(tmp_path, "a.txt", text.encode("utf-16-le"))
    assert (skipped, [d.text for d in docs]) == ({}, [text])


@pytest.mark.parametrize("lines", [5, 50])
def test_one_bad_byte_in_json_lines_loses_only_its_line(tmp_path, lines):
    # a detector used to garble every line (5 lines) or skip the file (50 lines)
    rows = [f'{{"text": "Rescue team {i} reached the café “north” village on Thursday."}}'
            .encode() for i in range(lines)]
    rows[2] = rows[2].replace(b"north", b"n\xe9rth")
    skipped, docs, path = run(tmp_path, "feed.jsonl", b"\n".join(rows) + b"\n")
    assert skipped == {f"{path}:3": "not UTF-8: byte 0xe9 at column 47 "
                                    "(JSON lines must be UTF-8)"}
    assert sorted(d.text for d in docs) == sorted(
        f"Rescue team {i} reached the café “north” village on Thursday."
        for i in range(lines) if i != 2)


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(tmp_path):
    skipped, docs, _ = run(tmp_path, "feed.jsonl",
                           '{"text": "The fair opened.\u2028It rained."}\n'.encode())
    # (the page splitter then reads the separator as a space)
    assert (skipped, [d.text for d in docs]) == ({}, ["The fair opened. It rained."])


@pytest.mark.parametrize("line,reason", [
    # the top level must be an object
    ("12345", "a JSON line must be an object with 'text' or 'html', not a number"),
    ("true", "a JSON line must be an object with 'text' or 'html', not true or false"),
    ('"a story"', "a JSON line must be an object with 'text' or 'html', not a string"),
    ("NaN", "malformed JSON line: NaN is not a JSON value"),
    # fields of the wrong type are named
    ('{"text": 12345}', "field 'text' must be a string, not a number"),
    ('{"text": ["a", "b"]}', "field 'text' must be a string, not an array"),
    ('{"text": "The dam opened.", "title": {"a": 1}}', "field 'title' must be a string, "
     "not dict"),
    ('{"text": "The dam opened.", "published": 2024}', "field 'published' must be a "
     "string, not a number"),
    ('{"text": Infinity}', "malformed JSON line: Infinity is not a JSON value"),
])
def test_json_values_of_the_wrong_type_are_refused_by_name(tmp_path, line, reason):
    skipped, docs, path = run(tmp_path, "feed.jsonl", line.encode() + b"\n")
    assert (skipped, docs) == ({f"{path}:1": reason}, [])


def test_a_damaged_warc_record_is_reported_and_the_others_stored(tmp_path, warc):
    texts = ["The council voted on Wednesday to build the new school near the river.",
             "The harbour master closed the port on Friday because of the storm."]
    data = bytearray(warc([("https://x.example/a", texts[0]), ("https://x.example/b", texts[1])]))
    i = data.find(b"council")
    data[i:i + 7] = b"COUNCIL"  # the block digest no longer matches
    skipped, docs, path = run(tmp_path, "crawl.warc", bytes(data))
    assert skipped == {f"{path}#record1": "damaged WARC record: its block digest does not match"}
    assert [d.url for d in docs] == ["https://x.example/b"]


def test_a_truncated_gzipped_warc_stores_nothing_partial(tmp_path, warc):
    texts = ["The council voted on Wednesday to build the new school near the river.",
             "The harbour master closed the port on Friday because of the storm. " * 5]
    data = warc([("https://x.example/a", texts[0]), ("https://x.example/b", texts[1])],
                gzip=True)
    skipped, docs, path = run(tmp_path, "crawl.warc.gz", data[:-80])
    assert list(skipped) == [f"{path}#record2"]
    assert skipped[f"{path}#record2"].startswith("truncated WARC record: ")
    assert [d.url for d in docs] == ["https://x.example/a"]


def test_garbage_after_the_warc_version_line_is_reported(tmp_path):
    skipped, docs, path = run(tmp_path, "bad.warc", b"WARC/1.0\r\n" + bytes(range(256)) * 3)
    assert (skipped, docs) == (
        {path: "no HTML response or resource records in the WARC file"}, [])


def test_a_gzipped_warc_is_held_to_the_size_limit(tmp_path):
    # a header line of 5 MB compresses to a few KB; warcio would read it whole
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nX-Big: " + b"a" * 5_000_000
              + b"\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n")
    f = tmp_path / "big.warc.gz"
    f.write_bytes(gzip.compress(record))
    s = Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False, max_bytes=1_000_000)
    with open_store(s.db_path) as store:
        report = ingest([str(f)], store, s)
    assert report.skipped == [(str(f), "too large once decompressed: over the limit of "
                                       "1,000,000 bytes (raise it with --max-bytes)")]


def test_a_gzipped_warc_cut_between_records_says_so(tmp_path, warc):
    texts = ["The council voted on Wednesday to build the new school near the river.",
             "The harbour master closed the port on Friday because of the storm."]
    first = warc([("https://x.example/a", texts[0])], gzip=True)
    second = warc([("https://x.example/b", texts[1])], gzip=True)
    skipped, docs, path = run(tmp_path, "crawl.warc.gz", first + second[:30])
    assert skipped == {path: "truncated gzip file: the compressed stream ends early; "
                             "read 1 record(s) before it"}
    assert [d.url for d in docs] == ["https://x.example/a"]


def test_a_page_of_navigation_only_is_not_an_article(tmp_path):
    html = (b'<html><head><title>Home</title></head><body><nav><ul><li><a href="/">Home</a>'
            b'</li><li><a href="/news">News</a></li></ul></nav></body></html>')
    skipped, docs, path = run(tmp_path, "nav.html", html)
    assert (skipped, docs) == ({path: "no article text found in the HTML page (only 1 "
                                      "word(s): navigation, not an article)"}, [])


@pytest.mark.parametrize("data,reason", [
    # binary content named .jsonl is one bad file, not a line per newline in it
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
     "binary file, not text, HTML, JSON lines or WARC"),
    # only blank lines
    (b"\n  \n\n", "empty file (only white space)"),
])
def test_a_json_lines_file_that_is_no_text_is_one_line(tmp_path, data, reason):
    skipped, docs, path = run(tmp_path, "feed.jsonl", data)
    assert (skipped, docs) == ({path: reason}, [])


def test_utf16_json_lines_are_read(tmp_path):
    line = '{"text": "Министр заявил, что не уйдёт в отставку."}\n'
    skipped, docs, _ = run(tmp_path, "feed.jsonl", line.encode("utf-16"))
    assert (skipped, [d.text for d in docs]) == ({}, ["Министр заявил, что не уйдёт в отставку."])


# -- how sure the decoding is -------------------------------------------------

CZECH = ("Předseda vlády řekl, že se s guvernérem nikdy nesetkal. Česká vláda to "
         "potvrdila v pátek.")


@pytest.mark.parametrize("text,encoding", [
    # English with smart quotes: only the Windows code pages read 0x93/0x94 as quotes
    ("The mayor said “we never met” and the café’s owner agreed — twice.", "cp1252"),
    # French in ISO 8859-1, three sentences: cp775 reads é as ķ, no French letter
    ("Le maire a déclaré qu'il n'avait jamais rencontré le gouverneur. " * 3, "latin-1"),
    # one German sentence: cp775 reads ü as ³, not a letter
    ("Die Bürgermeisterin sagte, sie habe den Gouverneur nie getroffen.", "latin-1"),
    # Czech in cp1250, which the detector alone read as cp1257 ("Pųedseda vlįdy")
    (CZECH, "cp1250"),
    ("Premier powiedział, że nigdy nie spotkał się z gubernatorem. Rząd to potwierdził.",
     "cp1250"),
    ("Министр заявил, что не уйдёт в отставку, и лидер партии согласился.", "cp1251"),
    # UTF-16 with and without a byte order mark, and UTF-8
    ("The port reopened on Friday after the strike ended.", "utf-16-le"),
    ("The port reopened on Friday after the strike ended.", "utf-16-be"),
    ("The port reopened on Friday after the strike ended.", "utf-16"),
    ("Le maire a déclaré qu'il n'avait jamais rencontré le gouverneur.", "utf-8"),
])
def test_a_clear_decoding_is_sure(text, encoding):
    found = decode_text("x.txt", text.encode(encoding))
    assert found.text == text
    assert not found.unsure, found


@pytest.mark.parametrize("text,encoding,rival", [
    # a few accented letters and no language to tell: cp1250 reads è as č, ï as ď,
    # which Czech writes as surely as French writes è and ï
    ("Cafè naïve résumé", "cp1252", "cp1250"),
    # cp1257 reads ñ as ń, a Lithuanian letter
    ("Jalapeño prices rose 10 °C ½", "latin-1", "cp1257"),
])
def test_a_short_text_other_code_pages_read_as_well_is_unsure(text, encoding, rival):
    found = decode_text("x.txt", text.encode(encoding))
    # still the likeliest reading, but said to be a guess, naming the rival
    assert (found.text, found.unsure, found.rival) == (text, True, rival)
    assert found.note().startswith("text encoding guessed as cp1252 with confidence 0.")


def test_an_unsure_input_is_stored_with_a_warning_and_a_note(tmp_path, capsys):
    sure = tmp_path / "sure.txt"
    sure.write_bytes(CZECH.encode("cp1250"))
    unsure = tmp_path / "unsure.txt"
    unsure.write_bytes("Cafè naïve résumé".encode("cp1252"))
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(sure), str(unsure), "--db", db, "--format", "json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["ingested"] == 2 and report["skipped"] == []
    assert [u["path"] for u in report["unsure"]] == [str(unsure)]
    assert report["unsure"][0]["reason"].startswith("text encoding guessed as cp1252")
    assert captured.err.splitlines() == [f"stored {unsure}, but unsure of its text: "
                                         + report["unsure"][0]["reason"]]
    # The note stays with the document, beside what the reader found in it.
    with open_store(db) as store:
        notes = {store.get(d).doc.origin: store.analysis(d).notes for d in report["doc_ids"]}
    assert report["unsure"][0]["reason"] in notes[str(unsure)]
    assert not any("encoding" in n for n in notes[str(sure)])


# Short pages, each in the code page its meta tag names: too little text for
# a guess to be sure (Polish and Japanese were decoded right but "unsure"), or
# read as another code page (the French, as cp1250); the tag settles it.
_PAGES = [
    ("iso-8859-2", '<meta charset="iso-8859-2">', "Zażółć gęślą jaźń, powiedział rzecznik"),
    ("shift_jis", '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
     "首相は報道を否定した"),
    ("cp1252", '<meta charset="iso-8859-1">', "Café owner’s “résumé” – naïve"),
]


@pytest.mark.parametrize("encoding, meta, sentence", _PAGES)
def test_an_html_page_is_read_in_the_charset_it_declares(tmp_path, encoding, meta, sentence):
    from veracity.ingest.detect import decode_html

    html = (f"<html><head>{meta}<title>{sentence}</title></head><body>"
            f"<p>{sentence}.</p></body></html>")
    data = html.encode(encoding)
    decoded = decode_html("page.html", data)
    assert sentence in decoded.text and not decoded.unsure
    # A page whose bytes do not fit what it declares is decoded as any file.
    assert decode_html("p.html", b'<meta charset="utf-16">' + "é".encode("cp1252")).text


def test_a_valid_utf8_page_stays_utf8_whatever_it_declares():
    from veracity.ingest.detect import decode_html

    data = '<meta charset="windows-1252"><p>Zürich</p>'.encode()
    assert decode_html("p.html", data).text.endswith("Zürich</p>")


@pytest.mark.parametrize("label", ["rot13", "base64", "utf-7", "x-no-such-charset", ""])
def test_a_charset_no_browser_reads_is_ignored(label):
    from veracity.ingest.detect import decode_html

    data = f'<meta charset="{label}"><p>Caf'.encode() + "é au lait</p>".encode("cp1252")
    decoded = decode_html("page.html", data)
    assert decoded.encoding not in ("rot_13", "base64_codec", "utf-7")
    assert "Caf" in decoded.text
