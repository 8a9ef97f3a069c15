"""The server-rendered pages through the in-process client, the highlighter on
small inputs, and hostile documents rendering inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup
from tests.web.conftest import CAPTION_PAGE

from veracity.ingest.dedupe import content_hash
from veracity.read.types import Analysis, Attribution, Event, Span, Stance
from veracity.store import NewDocument, open_store
from veracity.types import Caption, Document
from veracity.web.highlight import Mark, highlight
from veracity.web.pages import quote_href, safe_url

# -- the highlighter ----------------------------------------------------------


@pytest.mark.parametrize("text, marks, expected", [
    # no marks: the text, escaped
    ("a < b & c", [], "a &lt; b &amp; c"),
    # one mark
    ("Peskov said no", [Mark(0, 6, "source", "source: Kremlin")],
     '<span class="hl-source" title="source: Kremlin">Peskov</span> said no'),
    # nested marks: the inner piece carries both classes
    ("abcdef", [Mark(0, 6, "content"), Mark(2, 4, "source")],
     '<span class="hl-content">ab</span><span class="hl-content hl-source">cd</span>'
     '<span class="hl-content">ef</span>'),
    # a quote straddling a mark's end; the first quoted piece is the anchor
    ("abcdef", [Mark(0, 3, "cue"), Mark(2, 5, "quote")],
     '<span class="hl-cue">ab</span><mark id="quote" class="hl-cue hl-quote">c</mark>'
     '<mark class="hl-quote">de</mark>f'),
    # spans out of range (a stale analysis) are clipped or dropped, never raise
    ("abc", [Mark(-5, 1, "cue"), Mark(2, 99, "source"), Mark(3, 1, "content")],
     '<span class="hl-cue">a</span>b<span class="hl-source">c</span>'),
    # unknown kinds never become class names
    ("abc", [Mark(0, 3, 'x" onmouseover="alert(1)')], "abc"),
    # hostile text inside a mark and in its title is escaped
    ("<b>x</b>", [Mark(0, 8, "cue", '"><script>')],
     '<span class="hl-cue" title="&#34;&gt;&lt;script&gt;">&lt;b&gt;x&lt;/b&gt;</span>'),
])
def test_highlight(text, marks, expected):
    out = highlight(text, marks)
    assert isinstance(out, Markup)
    assert str(out) == expected


def test_quote_links_and_safe_urls():
    assert quote_href(3, 10, 20) == "/documents/3?start=10&end=20#quote"
    assert quote_href(3, 0, 5, 1) == "/documents/3?start=0&end=5&caption=1#quote"
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None


# -- pages ----------------------------------------------------------------------


def test_pages_render(client):
    for path in ("/", "/documents", "/ingest"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'name="q"' in client.get("/").text
    assert 'enctype="multipart/form-data"' in client.get("/ingest").text


def test_paste_form_goes_to_the_highlighted_document(client, page_text):
    r = client.post("/ingest", data={"text": page_text, "published": "2024-11-13",
                                     "source": "Riverton Courier"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/documents/1")
    html = client.get(r.headers["location"]).text
    assert "Ingested 2 document(s)" in html
    # sources, cues and contents each have their highlight; event words only on demand
    text_div = html.split('id="text">', 1)[1].split("</div>", 1)[0]
    for cls in ("hl-source", "hl-cue", "hl-content"):
        assert f'class="{cls}' in text_div or f' {cls}' in text_div, cls
    assert "hl-event" not in text_div and 'id="toggle-events"' in html
    underlined = client.get("/documents/1?events=1").text.split('id="text">', 1)[1]
    assert "hl-event" in underlined.split("</div>", 1)[0]
    # the caption and the teaser are shown apart from the article text
    text_div = html.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert "Governor Daniel Okafor at the opening" not in text_div
    assert "Photo captions" in html and "VALLEY WIRE/Omar Reyes" in html
    assert "Teasers printed on this page" in html and 'href="/documents/2"' in html


def test_document_page_marks_the_linked_quote(ingested):
    d = ingested.get("/api/documents/1").json()
    start = d["text"].index("entirely false")
    html = ingested.get(f"/documents/1?start={start}&end={start + 14}").text
    text = html.split('id="text">', 1)[1]  # after the colour legend
    marked = re.findall(r'<mark[^>]*class="[^"]*hl-quote[^"]*"[^>]*>([^<]*)</mark>', text)
    assert "".join(marked) == "entirely false"
    assert '<mark id="quote"' in html
    # a quote in a caption is marked in that caption, not in the text
    html = ingested.get("/documents/1?start=0&end=5&caption=0").text
    caption = html.split('id="caption-0"', 1)[1]
    assert '<mark id="quote"' in caption


def test_ingest_form_errors_are_shown(client):
    r = client.post("/ingest", data={"text": "", "published": ""})
    assert r.status_code == 400 and "nothing to ingest" in r.text


def test_unknown_page_is_html(client):
    r = client.get("/documents/424242")
    assert r.status_code == 404 and "no document 424242" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_verdict_page(client):
    """The real engine over the caption page: the disputed meeting first, the
    2019 meeting of the photo caption after it, each quote linked to its span."""
    r = client.post("/api/ingest", data={"text": CAPTION_PAGE.read_text(encoding="utf-8"),
                                         "published": "2024-11-13",
                                         "source": "Riverton Courier"})
    assert r.status_code == 200, r.text
    r = client.get("/ask", params={"q": "Did Hale meet Okafor?"})
    assert r.status_code == 200
    html = r.text
    assert 'id="verdict"' in html and ">disputed</p>" in html
    assert 'id="lean">leans false' in html  # a denial answers the reports
    lead, others = html.split("Other matching events", 1)
    assert "The event the question is about" in lead and "2024-11-11" in lead
    assert "denies" in lead and "declines to comment" in lead
    assert "2019-06-05" in others and ">reported<" in others
    # each quote links to its span in its document
    hrefs = [h.replace("&amp;", "&") for h in
             re.findall(r'href="(/documents/1\?[^"]+#quote)"', html)]
    # what each link marks, in the text or in the caption (the legend above
    # them has a mark too)
    def marked_by(href: str) -> str:
        page = client.get(href.split("#")[0]).text
        part = page.split('id="caption-0"' if "caption=0" in href else 'id="text">', 1)[1]
        return "".join(re.findall(r"<mark[^>]*>([^<]*)</mark>", part))

    marked = {h: marked_by(h) for h in hrefs}
    in_text = [m for h, m in marked.items() if "caption=" not in h]
    assert any(m.startswith("Several local news sites reported that Mayor Sandra Hale met")
               for m in in_text)
    assert any("such reports were" in m for m in in_text)
    # the caption's evidence links into the caption
    in_caption = [m for h, m in marked.items() if "caption=0" in h]
    assert in_caption and in_caption[0].startswith("Mayor Sandra Hale meets Governor")


def test_empty_question_goes_back_to_the_box(client):
    r = client.get("/ask", params={"q": "  "}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


# -- hostile documents ------------------------------------------------------------

HOSTILE = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">'


def store_hostile(db: str) -> int:
    """A document whose every field is markup, with spans cutting through it."""
    text = f"Officials said {HOSTILE} happened."
    doc = Document(text=text, title=f"Title {HOSTILE}", source=f"Outlet {HOSTILE}",
                   url="javascript:alert(1)", author=HOSTILE,
                   captions=(Caption(text=f"Caption {HOSTILE}", credit=HOSTILE),))
    s = text.index("<script>")
    event = Event(id="e1", predicate="<script>", lemma="x", cls="generic",
                  participants=(HOSTILE,), time=None, time_text=HOSTILE, modality="actual",
                  polarity="positive", quote=text, start=0, end=len(text),
                  stances=(Stance(source=HOSTILE, stance="asserts", cue=HOSTILE,
                                  quote=HOSTILE, start=s, end=s + len(HOSTILE)),),
                  predicate_start=s, predicate_end=s + 8)
    attribution = Attribution(id="a1", source=HOSTILE, source_span=Span(0, 9, "Officials"),
                              cue=Span(10, 14, "said"),
                              content=Span(s + 3, len(text) - 1, text[s + 3:-1]),
                              cue_class=HOSTILE)
    with open_store(db) as store:
        doc_id = store.add_document(NewDocument(doc, content_hash(doc.title, doc.text)))
        store.save_analysis(doc_id, Analysis(events=(event,), attributions=(attribution,),
                                             notes=(HOSTILE,)))
    return doc_id


def test_script_in_a_document_renders_inert(client, settings):
    doc_id = store_hostile(settings.db_path)
    for path in (f"/documents/{doc_id}", f"/documents/{doc_id}?start=15&end=40",
                 "/documents", "/"):
        html = client.get(path).text
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower(), path
        assert 'href="javascript:' not in html.lower(), path
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in html


def test_verdict_page_shows_what_was_understood_and_the_near_misses(client):
    # The real engine: a meeting in Nairobi is a near miss for one "in Oslo".
    articles = Path(__file__).parents[1] / "verify" / "data" / "reporting.jsonl"
    r = client.post("/api/ingest", files={"files": ("reporting.jsonl", articles.read_bytes())})
    assert r.status_code == 200, r.text
    html = client.get("/ask", params={"q": "Did Berg meet Wanjiru in Oslo?"}).text
    assert 'id="understood"' in html and "Oslo (near)" in html
    assert 'id="near-misses"' in html and "No match on Oslo" in html
    assert re.search(r'<li>No match on Oslo: <a href="/documents/\d+\?start=0&amp;end=115', html)
