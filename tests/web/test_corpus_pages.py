"""The pages over a corpus: a question's history and its ClaimReview download,
an entity's page, names resolved in /api/events, links to the original
articles, teasers listed by their first words, a quieter document page, and
HEAD on every page.  Through the in-process client over a real store (the
example corpus and the fixture page, read by the real reader)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.conftest import PAGE, TestClient

from veracity.cli import main
from veracity.settings import Settings
from veracity.web import create_app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus" / "news.jsonl"
MEETING = "Did Lena Ortiz meet Paul Brandt?"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("corpus-pages") / "c.sqlite")
    assert main(["ingest", str(CORPUS), "--db", path]) == 0  # documents 1-9, with urls
    assert main(["ingest", str(PAGE), "--db", path, "--published", "2024-11-13",
                 "--source", "Riverton Courier"]) == 0  # 10, and its teaser 11
    return path


@pytest.fixture(scope="module")
def web(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=db), allowed_hosts=["testserver"])) as c:
        yield c


def test_history_page_shows_each_date_and_the_change(web):
    r = web.get("/history", params={"q": MEETING})
    assert r.status_code == 200
    rows = re.findall(r'<td class="date"><a href="([^"]+)">([^<]+)</a></td>\s*<td><span '
                      r'class="badge label-(\w+)"', r.text)
    # as `veracity history` gives it (tests/verify/test_cli.py)
    assert [(d, v) for _, d, v in rows] == [
        ("2024-05-01", "reported"), ("2024-05-02", "reported"), ("2024-05-03", "confirmed"),
        ("2024-07-10", "confirmed")]
    assert rows[0][0] == "/ask?q=Did+Lena+Ortiz+meet+Paul+Brandt%3F&amp;as_of=2024-05-01"
    assert r.text.count('class="changed"') == 1 and "was reported" in r.text
    assert 'id="understood"' in r.text
    assert web.get("/history", follow_redirects=False).status_code == 303  # no question


def test_verdict_page_links_its_history_claimreview_originals_and_names(web):
    html = web.get("/ask", params={"q": MEETING}).text
    assert 'href="/history?q=Did+Lena+Ortiz+meet+Paul+Brandt%3F"' in html
    assert 'href="/claimreview?q=Did+Lena+Ortiz+meet+Paul+Brandt%3F"' in html
    originals = re.findall(r'<a class="original small" href="([^"]+)"', html)
    assert "https://valley-times.example/ortiz-confirms" in originals
    assert 'class="entity" href="/entities/Lena%20Ortiz"' in html


def test_claimreview_download_is_what_the_command_prints(web, db, capsys):
    r = web.get("/claimreview", params={"q": MEETING, "as_of": "2024-05-02"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/ld+json")
    assert r.headers["content-disposition"] == 'attachment; filename="claimreview.jsonld"'
    review = r.json()
    assert review["@type"] == "ClaimReview" and review["datePublished"] == "2024-05-02"
    assert review["reviewRating"]["alternateName"] == "Reported, not confirmed"
    assert main(["ask", MEETING, "--db", db, "--as-of", "2024-05-02",
                 "--format", "claimreview"]) == 0
    assert json.loads(capsys.readouterr().out) == review
    assert web.get("/claimreview").status_code == 400


def test_entity_page_resolves_a_surname_and_groups_by_source(web):
    html = web.get("/entities/Hale").text
    summary = html.split('id="entity-summary">', 1)[1].split("</p>", 1)[0]
    assert "<strong>Victor Hale</strong>" in summary
    sources = re.findall(r'<strong class="source">([^<]+)</strong>', html)
    assert sources and len(sources) == len(set(sources))  # one block per source
    assert "denies" in html  # Hale denies the bribe (examples/corpus)
    assert web.get("/entities", params={"name": " Hale "},
                   follow_redirects=False).headers["location"] == "/entities/Hale"
    nothing = web.get("/entities/Nobody%20Anywhere").text
    assert "Nothing in the store about Nobody Anywhere." in nothing


def test_api_events_resolves_surnames_like_questions(web):
    full = web.get("/api/events", params={"entity": "Paul Brandt"}).json()
    short = web.get("/api/events", params={"entity": "Brandt"}).json()
    assert short["resolved"]["Brandt"] and "Paul Brandt" in short["resolved"]["Brandt"]
    assert {e["event_id"] for e in full["events"]} <= {e["event_id"] for e in short["events"]}
    assert len(full["events"]) > 0
    lower = web.get("/api/events", params={"entity": "brandt"}).json()
    assert len(lower["events"]) == len(short["events"])


def test_teasers_are_listed_by_their_first_words(web):
    html = web.get("/documents").text
    assert "(no title)" not in html
    assert re.search(r'<a href="/documents/11" class="untitled">Bakers in the old town say '
                     r'flour prices have doubled', html)
    page = web.get("/documents/11").text
    assert re.search(r'<h1 class="untitled">Bakers in the old town say', page)


def test_document_page_links_the_original_and_keeps_events_folded(web):
    html = web.get("/documents/3").text
    assert '<a id="original" href="https://valley-times.example/ortiz-confirms"' in html
    assert '<details id="events">' in html  # listed on demand, folded
    text = html.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert "hl-event" not in text
    on = web.get("/documents/3?events=1").text
    assert '<details id="events" open>' in on
    assert "hl-event" in on.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert 'id="toggle-events" href="/documents/3">hide the event words' in on
    assert 'id="toggle-events" href="/documents/3?events=1">underline' in html


@pytest.mark.parametrize("path", [
    "/", "/documents", "/documents/3", "/documents/3?events=1", "/entities/Hale",
    f"/history?q={MEETING}", f"/ask?q={MEETING}", "/ingest", "/check", "/entities",
    "/static/style.css", "/api/documents", "/api/events?entity=Hale",
])
def test_head_answers_like_get_without_a_body(web, path):
    get, head = web.get(path), web.head(path)
    assert (head.status_code, get.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))
    assert "content-security-policy" in head.headers


def test_head_where_only_post_is_allowed_is_405_as_get_would_be(web):
    r = web.head("/api/ask")
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    assert web.head("/nowhere").status_code == 404
