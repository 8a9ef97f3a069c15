"""Golden checks on the founding page (../shared/seed), ingested with
``--published 2024-11-11``; skipped when the seed is not present."""

from __future__ import annotations

from pathlib import Path

from veracity.cli import main
from veracity.store import Store
from veracity.verify import ask


def test_did_trump_talk_to_putin(seed: Store) -> None:
    v = ask("Did Trump actually talk to Putin?", store=seed)
    assert v.verdict == "disputed"
    lead = v.lead
    assert lead is not None
    assert lead.cls == "phone_call" and lead.time == "2024-11-07"
    assert set(lead.participants) == {"Donald Trump", "Vladimir Putin"}
    by = {(e.source, e.stance) for e in lead.evidence}
    assert ("unnamed reports", "asserts") in by
    assert ("Donald Trump's team", "no_comment") in by
    denials = [e for e in lead.evidence if e.stance == "denies"]
    assert any("pure fiction" in e.quote and "Peskov" in e.source for e in denials)
    # The caption's 2017 meeting is listed apart, stated by the caption (Reuters),
    # and never confirms the call.
    others = v.events[1:]
    assert len(others) == 1
    meeting = others[0]
    assert meeting.time == "2017-07-07" and meeting.place == "Hamburg, Germany"
    assert meeting.label == "reported"
    assert all(e.source_kind == "caption" and e.caption is not None for e in meeting.evidence)
    # Every span points at its quote: in the article, or in the caption it names.
    for ev in v.events:
        for e in ev.evidence:
            d = seed.get(e.doc_id).doc
            text = d.text if e.caption is None else d.captions[e.caption].text
            assert text[e.start:e.end] == e.quote
    assert not any(e.caption is not None for e in lead.evidence)


def test_the_same_call_asked_the_other_way_round(seed: Store) -> None:
    v = ask("Did Putin talk to Trump on the phone?", store=seed)
    assert v.verdict == "disputed"
    assert v.lead is not None and v.lead.time == "2024-11-07"
    # A phone question does not list the meeting.
    assert len(v.events) == 1


def test_ukraine_giving_up_territory_is_denied(seed: Store) -> None:
    v = ask("Did Ukraine agree to give up territory?", store=seed)
    assert v.verdict == "denied"
    assert v.lead is not None
    assert any(e.source == "Ukraine" and e.stance == "denies" and "firmly rejected" in e.quote
               for e in v.lead.evidence)


def test_an_intention_is_not_an_event(seed: Store) -> None:
    assert ask("Did Trump end the war in Ukraine?", store=seed).verdict == "no_evidence"


def test_nobody_says_biden_talked_to_putin(seed: Store) -> None:
    assert ask("Did Biden talk to Putin?", store=seed).verdict == "no_evidence"


def test_a_teaser_question_is_answered_from_the_teaser_only(seed: Store) -> None:
    v = ask("Did Olaf Scholz sack Christian Lindner?", store=seed)
    assert v.lead is not None
    teaser = seed.get(v.lead.evidence[0].doc_id)
    assert teaser.doc.kind == "teaser" and teaser.parent_id is not None
    assert {e.doc_id for ev in v.events for e in ev.evidence} == {teaser.id}
    # ... and nothing from a teaser leaks into the main article's answer.
    main = ask("Did Trump actually talk to Putin?", store=seed)
    assert {e.doc_id for ev in main.events for e in ev.evidence} == {teaser.parent_id}


def test_without_a_publication_date_the_call_still_leads(seed_file: Path,
                                                         tmp_path: Path) -> None:
    # "last Thursday" stays unresolved: recency cannot be compared with the
    # 2017 caption, so the most reported event (the call) leads.
    db = str(tmp_path / "undated.sqlite")
    assert main(["ingest", str(seed_file), "--db", db]) == 0
    v = ask("Did Trump actually talk to Putin?", db=db)
    assert v.verdict == "disputed"
    assert v.lead is not None and v.lead.time is None and v.lead.time_text == "last Thursday"
    assert "last Thursday (unresolved)" in v.lead.summary


def test_a_description_is_who_the_corpus_calls_so(seed: Store) -> None:
    # "U.S. President Donald Trump" and "Russia's President Vladimir Putin" are
    # in the caption: the descriptions resolve to them, and the 2017 meeting
    # is found.
    v = ask("Did the US president meet the Russian president in 2017?", store=seed)
    assert v.claim.participants == ("Donald Trump", "Vladimir Putin")
    assert v.lead is not None and v.lead.time == "2017-07-07"
