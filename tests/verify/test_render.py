"""Renderers on a hand-made verdict: escaping, shortening, ClaimReview ratings."""

from __future__ import annotations

import json

import pytest

from veracity.render import FORMATS, claim_review, markdown, render, text
from veracity.verify.types import Claim, EventVerdict, Evidence, Verdict


def verdict(label: str = "disputed", quote: str = "A *bold* [link](http://x) <script>") -> Verdict:
    e = Evidence(source="Kremlin", stance="denies", quote=quote, doc_id=3, title="T | t",
                 published="2024-11-11", start=5, end=5 + len(quote), outlet="Outlet",
                 first_hand=True)
    ev = EventVerdict(label=label, predicate="call", cls="phone_call",
                      participants=("A", "B"), time="2024-11-07", time_text="last Thursday",
                      time_granularity="day", place=None, summary="phone call — A and B",
                      reason="denied by Kremlin (first-hand)", evidence=(e,), lead=True,
                      sources={"denies": 1})
    claim = Claim(text="A called B", participants=("A", "B"), predicate="call",
                  cls="phone_call", classes=("phone_call",))
    return Verdict(question="Did A call B?", claim=claim, verdict=label, events=(ev,))


def test_markdown_escapes_article_text() -> None:
    md = markdown(verdict())
    assert "A \\*bold\\* \\[link\\]\\(http://x\\) \\<script\\>" in md
    assert "T \\| t" in md


def test_text_shortens_long_quotes_in_the_middle() -> None:
    out = text(verdict(quote="word " * 200))
    line = next(ln for ln in out.splitlines() if ln.strip().startswith('"'))
    assert " … " in line and len(line.strip()) <= 224


@pytest.mark.parametrize(("label", "value"), [("confirmed", 5), ("reported", 3),
                                              ("disputed", 2), ("denied", 1)])
def test_claimreview_rating(label: str, value: int) -> None:
    r = claim_review(verdict(label))["reviewRating"]
    assert r["ratingValue"] == value and r["bestRating"] == 5 and r["worstRating"] == 1


def test_claimreview_no_evidence_has_no_number() -> None:
    v = Verdict(question="q?", claim=verdict().claim, verdict="no_evidence", events=())
    r = claim_review(v)
    assert "ratingValue" not in r["reviewRating"]
    assert r["reviewRating"]["alternateName"] == "No evidence"
    assert "datePublished" not in r


def test_every_format_renders_and_json_round_trips() -> None:
    v = verdict()
    for fmt in FORMATS:
        assert render(v, fmt)
    assert json.loads(render(v, "json")) == v.to_dict()
    with pytest.raises(ValueError):
        render(v, "pdf")
