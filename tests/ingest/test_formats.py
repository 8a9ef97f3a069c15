"""Each input format through the library and the command line."""

from __future__ import annotations

import gzip
import io
import json

from veracity.cli import main
from veracity.ingest import extract_file
from veracity.pipeline import ingest
from veracity.settings import Settings, default_db_path
from veracity.store import open_store

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Port strike ends | Carrow Herald</title>
<meta property="og:site_name" content="Carrow Herald">
<meta name="author" content="Dana Whitfield">
<meta property="article:published_time" content="2023-04-18T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Buy cheap flights now! Subscribe today!</div>
<article><h1>Port strike ends after nine days</h1>
<p>Dock workers in Carrow returned to work on Tuesday after union leaders accepted a
revised pay offer from the port authority, ending a strike that had lasted nine days.</p>
<figure><img src="a.jpg"><figcaption>Dock workers leave the picket line at Carrow port,
April 17, 2023. <span class="credit">COASTAL PRESS/Ana Ruiz</span></figcaption></figure>
<p>The union said its members had voted by a large majority to accept the offer, which
raises wages by six percent over two years. The port authority confirmed the agreement
in a statement on Tuesday morning.</p>
<p>Shipping companies said it would take several days to clear the backlog of containers
that built up in the harbour during the dispute.</p></article>
<aside><h3>Related</h3><ul><li><a href="/x">Ten things to do this weekend</a></li></ul></aside>
<footer>Copyright Carrow Herald. All rights reserved.</footer></body></html>"""


def settings(tmp_path, **kw):
    return Settings(db=str(tmp_path / "v.sqlite"), read_on_ingest=False, **kw)


def test_html_main_text_metadata_and_captions(tmp_path):
    f = tmp_path / "strike.html"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = extract_file(str(f))[0]
    assert "revised pay offer" in doc.text
    assert "Buy cheap flights" not in doc.text and "Ten things to do" not in doc.text
    assert "All rights reserved" not in doc.text
    assert doc.published == "2023-04-18"
    assert doc.author == "Dana Whitfield"
    assert doc.source == "Carrow Herald"
    assert doc.captions and doc.captions[0].credit == "COASTAL PRESS/Ana Ruiz"
    assert doc.captions[0].date == "2023-04-17"


def test_gzipped_html_is_read(tmp_path):
    f = tmp_path / "strike.html.gz"
    f.write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    assert "revised pay offer" in extract_file(str(f))[0].text


def test_jsonl_records_with_metadata(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"text": "The bridge reopened on Monday after repairs.", "title": "Bridge reopens",
         "url": "https://example.org/bridge", "published": "2022-02-07", "source": "Gazette"},
        {"html": ARTICLE_HTML, "source": "Herald"},
        {"text": "Rescue teams reached the village on Thursday."},
    ]), encoding="utf-8")
    with open_store(str(tmp_path / "v.sqlite")) as store:
        report = ingest([str(f)], store, settings(tmp_path), published="2020-05-05",
                        source="Default Wire")
        assert report.ingested == 3 and not report.skipped
        first = store.get(report.doc_ids[0]).doc
        # a record's own fields win over the command's defaults
        assert (first.title, first.url, first.published, first.source) == (
            "Bridge reopens", "https://example.org/bridge", "2022-02-07", "Gazette")
        herald = store.get(report.doc_ids[1]).doc
        # the page's own date wins over the command's default
        assert (herald.source, herald.published) == ("Herald", "2023-04-18")
        third = store.get(report.doc_ids[2]).doc
        assert (third.published, third.source) == ("2020-05-05", "Default Wire")


def test_warc_response_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    rec = writer.create_warc_record("https://herald.example/strike", "response",
                                    payload=io.BytesIO(ARTICLE_HTML.encode()),
                                    http_headers=headers)
    writer.write_record(rec)
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(buf.getvalue())
    docs = extract_file(str(f))
    assert docs[0].url == "https://herald.example/strike"
    assert "revised pay offer" in docs[0].text


def test_folder_is_walked_recursively(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("The mayor opened the new library on Friday.")
    (tmp_path / "in" / "sub" / "b.html").write_text(ARTICLE_HTML)
    with open_store(str(tmp_path / "v.sqlite")) as store:
        report = ingest([str(tmp_path / "in")], store, settings(tmp_path))
        assert report.files == 2 and report.ingested == 2


def test_cli_ingest_docs_show_json(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("Council approves budget\n\nThe council approved the budget on Monday.")
    db = str(tmp_path / "v.sqlite")
    assert main(["ingest", str(f), "--db", db, "--no-read", "--published", "2020-01-06",
                 "--source", "Gazette", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ingested"] == 1 and out["skipped"] == []
    assert main(["docs", "--db", db, "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert docs[0]["title"] == "Council approves budget"
    assert docs[0]["published"] == "2020-01-06" and docs[0]["source"] == "Gazette"
    assert main(["show", str(docs[0]["id"]), "--db", db]) == 0
    assert "The council approved the budget on Monday." in capsys.readouterr().out
    assert main(["show", "99", "--db", db]) == 1
    assert "no document 99" in capsys.readouterr().err


def test_default_store_is_in_xdg_data_dir_and_env_overrides(tmp_path, monkeypatch, capsys):
    f = tmp_path / "a.txt"
    f.write_text("The ferry service resumed on Sunday after the storm.")
    assert main(["ingest", str(f), "--no-read", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["db"] == default_db_path()
    monkeypatch.setenv("VERACITY_DB", str(tmp_path / "env.sqlite"))
    assert main(["ingest", str(f), "--no-read", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["db"] == str(tmp_path / "env.sqlite")


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["ingest"]) == 2
    assert main(["ingest", "x.txt", "--published", "next tuesday-ish"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
