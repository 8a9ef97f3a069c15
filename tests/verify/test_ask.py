"""End to end on the fixture corpus (examples/corpus/news.jsonl), through the API.

The corpus: a meeting first reported by unnamed sources (Northern Post, then a
Coastal Wire copy of the same story) and confirmed by the mayor herself two
days later; a phone call reported and denied; a bribe denied by the accused; a
water agreement stated by two independent outlets; a visit reported by one
named source; an intention to resign (not an event); an older 2019 meeting.
"""

from __future__ import annotations

import json

import pytest

from veracity import ask as top_level_ask
from veracity.store import Store
from veracity.verify import ask, history

CONFIRMED_MEETING = "Did Lena Ortiz meet Paul Brandt?"


def test_first_hand_confirmation(corpus: Store) -> None:
    v = ask(CONFIRMED_MEETING, store=corpus)
    assert v.verdict == "confirmed"
    lead = v.lead
    assert lead is not None and lead.time == "2024-04-30"
    firsthand = [e for e in lead.evidence if e.first_hand and e.stance == "asserts"]
    assert [e.source for e in firsthand] == ["Lena Ortiz"]
    assert "she met Governor Paul Brandt" in firsthand[0].quote


def test_wire_copy_is_shown_but_counted_once(corpus: Store) -> None:
    v = ask(CONFIRMED_MEETING, store=corpus, as_of="2024-05-02")
    # By 2 May only the Northern Post story and its Coastal Wire copy existed:
    # unnamed sources only, one story.
    assert v.verdict == "reported"
    lead = v.lead
    assert lead is not None
    copies = [e for e in lead.evidence if not e.counted]
    assert copies and all(e.copy_of == 1 and e.outlet == "Coastal Wire" for e in copies)
    assert lead.sources["asserts"] == 1


def test_as_of_uses_documents_published_by_then(corpus: Store) -> None:
    assert ask(CONFIRMED_MEETING, store=corpus, as_of="2024-04-01").verdict == "no_evidence"
    assert ask(CONFIRMED_MEETING, store=corpus, as_of="2024-05-01").verdict == "reported"
    assert ask(CONFIRMED_MEETING, store=corpus, as_of="2024-05-03").verdict == "confirmed"
    v = ask(CONFIRMED_MEETING, store=corpus, as_of="2024-05-02")
    assert {e.published for ev in v.events for e in ev.evidence} <= {"2024-05-01", "2024-05-02"}


def test_history_one_point_per_date(corpus: Store) -> None:
    points = history(CONFIRMED_MEETING, store=corpus)
    assert [(p.date, p.verdict.verdict) for p in points] == [
        ("2024-05-01", "reported"), ("2024-05-02", "reported"), ("2024-05-03", "confirmed"),
        ("2024-07-10", "confirmed")]


@pytest.mark.parametrize(("question", "label", "quote"), [
    # reported by unnamed sources, dismissed by the governor's office
    ("Did Brandt phone Victor Hale?", "disputed", "dismissed the reports as false"),
    # denied by the accused, asserted by nobody
    ("Did Hale bribe Ortiz?", "denied", "denied that he bribed"),
    # stated by two independent outlets
    ("Did Ortiz and Brandt sign a water agreement?", "confirmed", "signed a water agreement"),
    # one named source
    ("Did Hale visit the harbour?", "reported", "Sara Lind said that Victor Hale visited"),
])
def test_each_label(corpus: Store, question: str, label: str, quote: str) -> None:
    v = ask(question, store=corpus)
    assert v.verdict == label
    assert v.lead is not None
    assert any(quote in e.quote for e in v.lead.evidence)


def test_an_intention_is_not_an_event(corpus: Store) -> None:
    # "Brandt said he would resign next year if the harbour closed"
    assert ask("Did Brandt resign?", store=corpus).verdict == "no_evidence"


def test_nothing_in_the_corpus(corpus: Store) -> None:
    v = ask("Did Hale meet Sara Lind?", store=corpus)
    assert v.verdict == "no_evidence" and v.events == ()


def test_the_time_asked_about_picks_the_event(corpus: Store) -> None:
    v = ask("Did Ortiz meet Brandt in 2019?", store=corpus)
    assert v.verdict == "reported"
    assert v.lead is not None and v.lead.time == "2019" and v.lead.time_match == "match"
    assert [e.time for e in v.events[1:]] == ["2024-04-30"]
    # Without a time: the most recent event leads, the 2019 one is listed under it.
    v = ask(CONFIRMED_MEETING, store=corpus)
    assert [e.time for e in v.events] == ["2024-04-30", "2019"]


def test_a_time_with_no_event_is_no_evidence_but_lists_the_others(corpus: Store) -> None:
    v = ask("Did Ortiz meet Brandt in 2021?", store=corpus)
    assert v.verdict == "no_evidence"
    assert v.lead is None and {e.time_match for e in v.events} == {"mismatch"}


def test_every_verdict_has_evidence_with_its_document(corpus: Store) -> None:
    for q in (CONFIRMED_MEETING, "Did Brandt phone Victor Hale?", "Did Hale bribe Ortiz?"):
        for ev in ask(q, store=corpus).events:
            assert ev.evidence
            for e in ev.evidence:
                doc = corpus.get(e.doc_id).doc
                assert e.title == doc.title and e.outlet == doc.source and e.url == doc.url
                text = doc.text if e.caption is None else doc.captions[e.caption].text
                assert text[e.start:e.end] == e.quote


def test_json_shape(corpus: Store, corpus_db: str) -> None:
    d = top_level_ask("Did Brandt phone Victor Hale?", db=corpus_db).to_dict()
    assert list(d)[:3] == ["question", "claim", "verdict"]
    assert d["verdict"] == "disputed"
    ev = d["events"][0]
    for key in ("label", "time", "participants", "evidence"):
        assert key in ev
    assert ev["participants"] == ["Paul Brandt", "Victor Hale"]
    for e in ev["evidence"]:
        assert {"source", "stance", "quote", "doc_id", "title", "published", "start",
                "end"} <= set(e)
    json.dumps(d)  # plain JSON types only
