"""The founding example (../shared/seed), read as `veracity read` reads it.
Skipped when the shared folder is absent (a fresh clone)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import SEED

from veracity.cli import main
from veracity.read import read_document
from veracity.read.types import Analysis, Event


def _analysis(nlp, published: str | None) -> Analysis:  # type: ignore[no-untyped-def]
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    from veracity.ingest import extract_file

    doc = extract_file(str(SEED), published=published)[0]
    return read_document(doc, nlp)


def _calls(a: Analysis) -> list[Event]:
    return [e for e in a.events if e.cls == "phone_call"
            and {"Donald Trump", "Vladimir Putin"} <= set(e.participants)]


def test_seed_phone_call_is_disputed_by_source(nlp):
    a = _analysis(nlp, "2024-11-11")
    calls = _calls(a)
    assert len(calls) == 1
    call = calls[0]
    assert call.caption is None and call.modality == "actual"
    assert call.time == "2024-11-07" and call.time_text == "last Thursday"
    by = {s.source: s for s in call.stances}
    assert by["unnamed reports"].stance == "asserts"
    assert by["Kremlin"].stance == "denies"
    peskov = by["Dmitry Peskov"]
    assert peskov.stance == "denies" and peskov.first_hand and peskov.speaks_for == "Kremlin"
    assert "pure fiction" in peskov.quote
    assert by["Donald Trump's team"].stance == "no_comment"
    assert by["author"].stance == "uncommitted"


def test_seed_caption_meeting_2017_is_asserted_by_reuters(nlp):
    a = _analysis(nlp, "2024-11-11")
    meetings = [e for e in a.events if e.cls == "meet" and e.caption is not None
                and {"Donald Trump", "Vladimir Putin"} <= set(e.participants)]
    assert meetings
    m = meetings[0]
    assert m.time == "2017-07-07"
    assert {s.source: s.stance for s in m.stances} == {"Reuters": "asserts"}
    # the caption never speaks about the 2024 call
    assert all(s.source != "Reuters" for e in _calls(a) for s in e.stances)


def test_seed_intentions_and_rejection(nlp):
    a = _analysis(nlp, "2024-11-11")
    ends = [e for e in a.events if e.lemma == "end" and "Donald Trump" in e.participants]
    assert ends and all(e.modality in ("future", "intended") for e in ends)
    assert all(s.stance != "asserts" for e in ends for s in e.stances)
    said = [e for e in a.events if e.lemma == "say" and e.agent == "Donald Trump"]
    assert said and {s.stance for s in said[0].stances} == {"asserts"}
    give = [e for e in a.events if e.cls == "give" and "Ukraine" in e.participants]
    assert give
    ukraine = [s for s in give[0].stances if s.source == "Ukraine"]
    assert ukraine and ukraine[0].stance == "denies" and ukraine[0].first_hand


def test_seed_without_date_leaves_last_thursday_unresolved(nlp):
    a = _analysis(nlp, None)
    call = _calls(a)[0]
    assert call.time is None and not call.time_resolved
    assert any("last Thursday" in n for n in a.notes)


def test_read_command_json(capsys):
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    assert main(["read", str(SEED), "--published", "2024-11-11", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ev = data["events"][0]
    for key in ("id", "predicate", "class", "participants", "time", "time_text", "modality",
                "polarity", "quote", "start", "end", "stances"):
        assert key in ev
    for key in ("source", "stance", "cue", "quote", "start", "end"):
        assert key in ev["stances"][0]
    assert any(e["time"] == "2024-11-07" for e in data["events"])


def test_read_command_text_and_bad_date(capsys):
    if not SEED.is_file():
        pytest.skip("the seed page ../shared/seed is not present")
    assert main(["read", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "phone_call" in out and "unresolved" in out
    assert main(["read", str(SEED), "--published", "last week"]) == 2
