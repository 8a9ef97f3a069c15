"""The HTTP API through the in-process client: endpoints, the one error shape,
size limits and the cross-site guards."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from tests.web.conftest import MAX_BYTES


def assert_error(r: Any, status: int, code: str) -> dict[str, Any]:
    """Every API error has exactly this shape (Datasette-style shape lock)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and len(err["message"]) > 10
    assert isinstance(err["details"], list)
    return err  # type: ignore[no-any-return]


def test_ingest_pasted_text_splits_article_and_teaser(ingested):
    docs = ingested.get("/api/documents").json()["documents"]
    # The page is one article plus one teaser from the "More from" block.
    assert [d["kind"] for d in docs] == ["article", "teaser"]
    article, teaser = docs
    assert article["title"] == "Did Mayor Hale really meet Governor Okafor?"
    assert article["published"] == "2024-11-13" and article["source"] == "Riverton Courier"
    assert article["captions"] == 1 and teaser["parent_id"] == article["id"]
    # The temporary file the text went through is never the stored origin.
    assert article["origin"] == "pasted text"


def test_ingest_same_text_again_stores_nothing_new(ingested, page_text):
    r = ingested.post("/api/ingest", data={"text": page_text, "published": "2024-11-13",
                                           "source": "Riverton Courier"})
    assert r.status_code == 200
    assert r.json()["ingested"] == 0 and r.json()["already_stored"] == 1


def test_ingest_uploaded_files_multipart(client):
    html = (b"<html><head><title>Port strike ends</title></head><body><article>"
            b"<h1>Port strike ends</h1><p>Dock workers in Carrow ended their strike on "
            b"Tuesday after the union accepted a new pay offer, the union said.</p>"
            b"<p>The port authority confirmed that ships were being unloaded again.</p>"
            b"</article></body></html>")
    files = [("files", ("strike.html.gz", gzip.compress(html), "application/gzip")),
             ("files", ("../../etc/notes.txt", b"Bridge reopens\n\nThe old bridge over the "
                        b"Carrow river reopened on Friday, the city said.\n", "text/plain"))]
    r = client.post("/api/ingest", files=files, data={"source": "Carrow Herald"})
    assert r.status_code == 200, r.text
    assert r.json()["ingested"] == 2 and r.json()["files"] == 2
    docs = client.get("/api/documents").json()["documents"]
    # Client-side folders are dropped from the name; the format came from the name.
    assert sorted(d["origin"] for d in docs) == ["upload:notes.txt",
                                                 "upload:strike.html.gz"]
    assert {d["source"] for d in docs} == {"Carrow Herald"}


@pytest.mark.parametrize("data, files, status, code, words", [
    # nothing pasted and no file: a usage error that says what to send
    ({"source": "x"}, None, 400, "usage", "nothing to ingest"),
    # a date that cannot be read says how to write it
    ({"text": "Headline\n\nSome text here.", "published": "soon"}, None, 400, "usage",
     "YYYY-MM-DD"),
    # an empty file is bad input: 422 with the reason per input in details
    (None, [("files", ("empty.txt", b"   \n", "text/plain"))], 422, "bad_input", "empty"),
    # a language that is no ISO 639-1 code says what it expected
    ({"text": "Headline\n\nSome text here.", "language": "klingon"}, None, 400, "usage",
     "'language'"),
    # a file over max_bytes is refused before anything is read
    (None, [("files", ("big.txt", b"a " * MAX_BYTES, "text/plain"))], 413, "too_large",
     "limit"),
])
def test_ingest_errors_say_what_is_wrong(client, data, files, status, code, words):
    err = assert_error(client.post("/api/ingest", data=data, files=files), status, code)
    assert words in err["message"]


def test_ingest_with_a_language_reads_a_page_as_that_language(client):
    # Too short for the detector, which would leave it undetermined; the form
    # says it is Portuguese, so it is stored as such and not read as English.
    r = client.post("/api/ingest", data={"text": "Greve termina\n\nOs estivadores "
                                         "voltaram ao trabalho.", "language": "pt"})
    assert r.status_code == 200, r.text
    doc_id = r.json()["doc_ids"][0]
    assert client.get(f"/api/documents/{doc_id}").json()["language"] == "pt"


def test_ingest_refuses_json_body(client):
    err = assert_error(client.post("/api/ingest", json={"text": "x"}), 400, "usage")
    assert "multipart/form-data" in err["message"]


def test_document_detail_offsets_point_at_their_text(ingested):
    d = ingested.get("/api/documents/1").json()
    assert d["read"] and d["events"] and d["attributions"]
    assert [c["credit"] for c in d["captions_list"]] == ["VALLEY WIRE/Omar Reyes"]
    assert [t["kind"] for t in d["teasers"]] == ["teaser"]
    texts = {None: d["text"], **{c["index"]: c["text"] for c in d["captions_list"]}}
    for a in d["attributions"]:
        text = texts[a["caption"]]
        for span in (a["source_span"], a["cue"], a["content"]):
            if span:
                assert text[span["start"]:span["end"]] == span["text"]
    for e in d["events"]:
        assert texts[e["caption"]][e["start"]:e["end"]] == e["quote"]


def test_documents_paging_and_kind(ingested):
    page = ingested.get("/api/documents", params={"limit": 1}).json()
    assert len(page["documents"]) == 1 and page["next_offset"] == 1
    teasers = ingested.get("/api/documents", params={"kind": "teaser"}).json()
    assert [d["kind"] for d in teasers["documents"]] == ["teaser"]
    assert teasers["next_offset"] is None


def test_events_by_entity(ingested):
    events = ingested.get("/api/events", params={"entity": "sandra hale"}).json()["events"]
    classes = {e["class"] for e in events}
    assert "meet" in classes
    meet = [e for e in events if e["class"] == "meet"]
    # the Monday meeting in the text and the 2019 one in the photo caption stay apart
    assert {e["time"] for e in meet} == {"2024-11-11", "2019-06-05"}
    assert all(e["doc_id"] == 1 and e["event_id"] > 0 for e in events)


@pytest.mark.parametrize("method, path, kwargs, status, code", [
    ("get", "/api/documents/999", {}, 404, "not_found"),           # unknown document
    ("get", "/api/documents/abc", {}, 422, "invalid_request"),     # id not a number
    ("get", "/api/documents/0", {}, 422, "invalid_request"),       # ids start at 1
    ("get", "/api/documents", {"params": {"limit": 0}}, 422, "invalid_request"),
    ("get", "/api/documents", {"params": {"kind": "photo"}}, 422, "invalid_request"),
    ("get", "/api/events", {}, 422, "invalid_request"),            # entity is required
    ("get", "/api/events", {"params": {"entity": " "}}, 422, "invalid_request"),
    ("post", "/api/ask", {"json": {}}, 422, "invalid_request"),    # no question
    ("post", "/api/ask", {"json": {"question": "x", "as_of": "yesterday"}}, 422,
     "invalid_request"),
    ("post", "/api/ask", {"content": b"{not json", "headers": {"content-type":
                                                               "application/json"}},
     422, "invalid_request"),
    ("get", "/api/nowhere", {}, 404, "not_found"),                 # unknown endpoint
    ("delete", "/api/documents", {}, 405, "method_not_allowed"),
])
def test_every_error_has_one_shape(client, method, path, kwargs, status, code):
    assert_error(getattr(client, method)(path, **kwargs), status, code)


def test_validation_errors_name_the_field(client):
    err = assert_error(client.get("/api/documents", params={"limit": "many"}), 422,
                       "invalid_request")
    assert err["details"][0]["field"] == "query.limit"
    assert "limit" in err["message"]


def test_ask_answers_as_of_the_date_given(ingested):
    # The page is published 2024-11-13: asked as of 1 November, nothing speaks to it.
    r = ingested.post("/api/ask", json={"question": "Did Hale meet Okafor?",
                                        "as_of": "2024-11-01"})
    assert r.status_code == 200, r.text
    v = r.json()
    assert (v["question"], v["as_of"], v["verdict"]) == ("Did Hale meet Okafor?", "2024-11-01",
                                                         "no_evidence")


def test_ask_without_the_verdict_engine_is_503(client, monkeypatch):
    import veracity.verify

    monkeypatch.delattr(veracity.verify, "ask", raising=False)
    err = assert_error(client.post("/api/ask", json={"question": "Did it happen?"}), 503,
                       "unavailable")
    assert "veracity.verify" in err["message"]


def test_ask_with_the_real_engine(ingested):
    # The page reports the Monday meeting through "local news sites" and quotes
    # the governor's spokesperson calling it "entirely false": disputed, with
    # both quotes pointing at their words in the document.
    r = ingested.post("/api/ask", json={"question": "Did Sandra Hale meet Daniel Okafor?"})
    assert r.status_code == 200, r.text
    v = r.json()
    lead = v["events"][0]
    assert v["verdict"] == "disputed" and lead["lead"] and lead["time"] == "2024-11-11"
    text = ingested.get("/api/documents/1").json()["text"]
    quoted = {e["stance"]: text[e["start"]:e["end"]] for e in lead["evidence"]
              if e["stance"] in ("asserts", "denies")}
    assert quoted["asserts"].startswith("Several local news sites reported that Mayor Sandra")
    assert quoted["denies"].endswith('such reports were "entirely false')
    # The spokesperson is one source, and the mayor's office (not the
    # governor's spokesperson) is who declined to comment.
    assert lead["sources"] == {"asserts": 1, "denies": 1, "no_comment": 1, "uncommitted": 1}
    assert any(e["stance"] == "no_comment" and e["source"] == "Sandra Hale's office"
               for e in lead["evidence"])


def test_cross_site_post_is_refused(client, page_text):
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"sec-fetch-site": "same-site"}, {"origin": "null"},
                    {"origin": "http://testserver.evil.example"},
                    {"origin": "http://testserver", "sec-fetch-site": "cross-site"}):
        assert_error(client.post("/api/ingest", data={"text": page_text}, headers=headers),
                     403, "forbidden")
    assert client.get("/api/documents").json()["documents"] == []
    # the same origin is fine
    r = client.post("/api/ingest", data={"text": page_text},
                    headers={"origin": "http://testserver"})
    assert r.status_code == 200
    # a browser that says same-origin is believed (Chromium sends Origin: null
    # on some same-origin posts)
    r = client.post("/api/ingest", data={"text": page_text},
                    headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert r.status_code == 200


def test_unknown_host_is_refused(client):
    # DNS rebinding: a hostile name resolving to 127.0.0.1 must not reach the store
    assert_error(client.get("/api/documents", headers={"host": "evil.example"}), 400,
                 "bad_host")


def test_declared_body_over_limit_is_refused_before_reading(client):
    r = client.post("/api/ingest", content=b"x" * 10,
                    headers={"content-length": str(MAX_BYTES * 10),
                             "content-type": "application/x-www-form-urlencoded"})
    assert_error(r, 413, "too_large")


def test_security_headers(client):
    r = client.get("/api/documents")
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/documents", "/api/documents/{doc_id}", "/api/events",
            "/api/ingest"} <= set(spec["paths"])
    # pages are not API
    assert not any(p.startswith("/documents") for p in spec["paths"])
    ingest = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in ingest


def test_streamed_body_over_limit_is_cut_off(client):
    # no Content-Length: the limit is enforced while the body arrives
    def chunks():
        for _ in range(MAX_BYTES // 1000 + 10):
            yield b"text=" + b"a" * 995

    r = client.post("/api/ingest", content=chunks(),
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert_error(r, 413, "too_large")


@pytest.mark.parametrize("as_file", [True, False])
def test_pasted_text_may_be_as_large_as_a_file(tmp_path, as_file):
    # Starlette caps a form field at 1 MiB by default; pasted text gets max_bytes.
    from tests.web.conftest import TestClient

    from veracity.settings import Settings
    from veracity.web import create_app

    settings = Settings(db=str(tmp_path / "big.sqlite"), max_bytes=3_000_000,
                        read_on_ingest=False)
    text = "Long page\n\n" + "The council met on Monday to discuss the budget. " * 30_000
    assert 1_100_000 < len(text) < 3_000_000
    with TestClient(create_app(settings, allowed_hosts=["testserver"])) as c:
        kwargs = ({"files": {"text": (None, text)}} if as_file else {"data": {"text": text}})
        r = c.post("/api/ingest", **kwargs)
        assert r.status_code == 200, r.text[:300]
        assert r.json()["ingested"] == 1


def test_poison_uploads_are_answered_per_file(client):
    # each upload is its own unit of failure: the good ones stored, each poison
    # one named with its reason, and a 200 saying exactly what was stored
    feed = (b'{"text": "The ferry resumed service on Sunday after the storm passed."}\n'
            b'{"text": "A lone surrogate \\ud800 is not text."}\n'
            b'{"text": 12345}\n')
    files = [("files", ("feed.jsonl", feed, "application/x-ndjson")),
             ("files", ("quotes.txt", "The minister said “we will not resign” on Monday."
                        .encode("cp1252"), "text/plain")),
             ("files", ("cut.html.gz", gzip.compress(b"<html>" * 500)[:40], "application/gzip"))]
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(s["path"], s["reason"]) for s in body["skipped"]] == [
        ("upload:feed.jsonl:2", "field 'text' holds a lone surrogate (\\ud800), not text"),
        ("upload:feed.jsonl:3", "field 'text' must be a string, not a number"),
        ("upload:cut.html.gz", "truncated gzip file: the compressed stream ends early")]
    docs = {d["id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert sorted(docs) == sorted(body["doc_ids"]) and body["ingested"] == 2
    assert {d["origin"] for d in docs.values()} == {"upload:feed.jsonl:1", "upload:quotes.txt"}


def test_a_500_has_the_security_headers_and_the_error_shape(settings):
    # a route that fails as a bug in our code would; the guard answers it
    from starlette.testclient import TestClient

    from veracity.web import create_app

    app = create_app(settings, allowed_hosts=["testserver"])

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    app.add_api_route("/api/broken", broken)
    with TestClient(app) as c:
        r = c.get("/api/broken")
    err = assert_error(r, 500, "internal")
    assert (err["message"], r.headers["x-frame-options"], r.headers["x-content-type-options"]) \
        == ("internal error (ZeroDivisionError); the server log has the details", "DENY",
            "nosniff")


def test_a_500_keeps_the_connection_open(settings):
    # against a real server: the next request goes over the same connection
    import socket

    from tests.web.conftest import serve_app

    from veracity.web import create_app

    app = create_app(settings, allowed_hosts=["127.0.0.1"])

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    app.add_api_route("/api/broken", broken)

    def exchange(sock: socket.socket, path: str) -> tuple[int, dict[str, str]]:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            assert chunk, f"the server closed the connection before answering {path}"
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, v in (x.split(":", 1) for x in lines[1:])}
        while len(body) < int(headers["content-length"]):
            body += sock.recv(65536)
        return int(lines[0].split()[1]), headers

    for url in serve_app(app):
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=60) as sock:
            status, headers = exchange(sock, "/api/broken")
            assert (status, headers.get("connection")) == (500, None)
            assert headers["x-content-type-options"] == "nosniff"
            assert exchange(sock, "/api/documents")[0] == 200
