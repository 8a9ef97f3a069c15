"""Splitting pasted page text: headline, captions, credits, bylines, teasers."""

from __future__ import annotations

from tests.conftest import FIXTURES

from veracity.ingest.pasted import is_credit, is_lone_name, is_related_heading, split_page


def page():
    return split_page((FIXTURES / "harbour-page.txt").read_text(encoding="utf-8"),
                      published="2024-06-04", source="Carrow Herald")


def test_headline_is_title_not_text():
    doc = page()
    assert doc.title == "Did the harbour deal really collapse?"
    assert "harbour deal really collapse" not in doc.text


def test_caption_printed_twice_is_one_caption_with_credit_and_date():
    doc = page()
    assert len(doc.captions) == 1
    cap = doc.captions[0]
    assert cap.text.startswith("Mayor Elena Vasquez shakes hands")
    assert cap.credit == "COASTAL PRESS/Ana Ruiz"
    assert cap.date == "2021-03-03"
    # never mixed into the article's sentences
    assert "shakes hands" not in doc.text
    assert "COASTAL PRESS" not in doc.text


def test_article_keeps_its_paragraphs_and_no_teaser_text():
    doc = page()
    assert "City officials are denying reports" in doc.text
    assert "declined to comment" in doc.text
    assert "apple harvest" not in doc.text
    assert "More from" not in doc.text
    assert doc.published == "2024-06-04"


def test_teasers_are_separate_each_once_with_their_captions():
    doc = page()
    texts = [t.text for t in doc.teasers]
    # the apple teaser is printed twice on the page but becomes one teaser
    assert len(texts) == 2
    assert texts[0].startswith("Farmers in the northern valley")
    assert texts[1].startswith("The university's board will vote")
    assert all(t.kind == "teaser" for t in doc.teasers)
    uni = doc.teasers[1]
    assert len(uni.captions) == 1
    assert uni.captions[0].credit == "HERALD PHOTO/Jon Pike"
    assert uni.captions[0].date == "2024-05-02"
    # teasers do not inherit the page's publication date
    assert uni.published is None


def test_credit_and_byline_recognisers():
    # agency/photographer credits
    assert is_credit("REUTERS/Carlos Barria")
    assert is_credit("Matrix Image/Joseph Zahui")
    assert is_credit("Photo: Getty Images")
    # a sentence is not a credit
    assert not is_credit("He said the talks would resume on Monday.")
    # a lone personal name is a byline; a short sentence is not
    assert is_lone_name("Riley Callanan")
    assert is_lone_name("By Jane van Dyke")
    assert not is_lone_name("Talks resume today")
    assert is_related_heading("More from GZERO Media")
    assert is_related_heading("Related stories")
    assert not is_related_heading("More than 40 people were hurt in the blast on Sunday.")


def test_plain_text_without_headline_or_captions_is_all_article():
    doc = split_page("The committee met on Monday. It approved the budget.\n\n"
                     "Members said the vote was close.")
    assert doc.title is None
    assert doc.text.startswith("The committee met on Monday.")
    assert doc.captions == () and doc.teasers == ()


def test_seed_page(seed_text):
    doc = split_page(seed_text, published="2024-11-11")
    assert doc.title == "Did Trump actually talk to Putin?"
    assert "pure fiction" in doc.text and "Peskov" in doc.text
    for teaser_words in ("Microsoft", "youngest regions", "Nvidia", "Merz"):
        assert teaser_words not in doc.text
    hamburg = [c for c in doc.captions if "Hamburg" in c.text]
    assert len(hamburg) == 1 and len(doc.captions) == 1
    assert hamburg[0].date == "2017-07-07"
    assert hamburg[0].credit == "REUTERS/Carlos Barria"
    assert len(doc.teasers) == 4
    ivory = [t for t in doc.teasers if "youngest regions" in t.text][0]
    assert any("Ivory Coast" in c.text for c in ivory.captions)
    merz = [t for t in doc.teasers if "Merz" in t.text][0]
    assert merz.captions and merz.captions[0].date == "2024-11-07"
    assert sum("Nvidia" in t.text for t in doc.teasers) == 1


def test_a_lone_short_line_is_kept_as_the_text():
    # Title case and short, like a byline; with nothing else, it is the article.
    doc = split_page("Talia Wren Dead")
    assert doc.text == "Talia Wren Dead" and doc.author is None
