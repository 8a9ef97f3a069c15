"""The language of each document in the API and on the pages; a page in a
language the reader does not read says so instead of 'not read yet'."""

from __future__ import annotations

from tests.ingest.test_language import RU


def test_api_lists_the_detected_language(client):
    assert client.post("/api/ingest", data={"text": RU}).json()["not_read"]
    docs = client.get("/api/documents").json()["documents"]
    assert [d["language"] for d in docs] == ["ru"]


def test_document_page_says_why_it_was_not_read(client):
    doc_id = client.post("/api/ingest", data={"text": RU}).json()["doc_ids"][0]
    page = client.get(f"/documents/{doc_id}").text
    assert "not read: the text is in Russian (ru)" in page


def test_documents_page_shows_the_language(client):
    client.post("/api/ingest", data={"text": RU})
    assert "<td>ru</td>" in client.get("/documents").text
