"""Claims asked of headlines alone, as rumour trackers gather them: a state
("is dead") told by an adjective, denied by negation or by calling it a
hoax, headlines asking without a question mark, and the lean of a disputed
event.  Invented people, each headline its own outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from tests.verify.conftest import BACKENDS, _store_url

from veracity.cli import main
from veracity.render.human import text
from veracity.store import Store, open_store
from veracity.verify import ask

HEADLINES = [
    "Talia Wren Dead",
    "Breaking: Talia Wren found dead at her home, aged 71",
    "Fooled again: Talia Wren is not dead",
    "Talia Wren victim of another online death hoax",
    "Is Talia Wren Dead",
    "Did Talia Wren Retire From Acting",
]


@pytest.fixture(scope="module", params=BACKENDS)
def headlines(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    src = tmp_path_factory.mktemp("headlines") / "headlines.jsonl"
    src.write_text("".join(json.dumps({"text": h, "title": h, "source": f"outlet {k}"}) + "\n"
                           for k, h in enumerate(HEADLINES)), encoding="utf-8")
    for db in _store_url(request.param, tmp_path_factory, "headlines"):
        assert main(["ingest", str(src), "--db", db]) == 0
        with open_store(db) as store:
            yield store


def test_a_state_asserted_and_called_a_hoax_is_disputed_leaning_false(headlines: Store) -> None:
    v = ask("Is Talia Wren dead?", store=headlines)
    assert v.verdict == "disputed"
    stances = {e.quote: e.stance for e in v.events[0].evidence}
    assert stances["Talia Wren Dead"] == "asserts"
    assert stances["Fooled again: Talia Wren is not dead"] == "denies"
    assert stances["Talia Wren victim of another online death hoax"] == "denies"
    # A headline asking the question says nothing either way.
    assert "Is Talia Wren Dead" not in stances
    assert v.lean == "false" and v.to_dict()["lean"] == "false"
    assert "DISPUTED (leans false)" in text(v)


def test_a_headline_that_only_asks_is_no_evidence(headlines: Store) -> None:
    v = ask("Did Talia Wren retire from acting?", store=headlines)
    assert v.verdict == "no_evidence"


def test_a_claim_about_what_will_happen_is_answered_by_what_sources_say_will(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    src = tmp_path_factory.mktemp("future") / "future.jsonl"
    heads = ["Harlow Bank will close its Ostrava branch in March, sources said",
             "Harlow Bank to close Ostrava branch, staff told",
             "Harlow Bank will not close its Ostrava branch, the bank said",
             "Harlow Bank closed its Brno branch last year"]
    src.write_text("".join(json.dumps({"text": h, "title": h, "source": f"outlet {k}"}) + "\n"
                           for k, h in enumerate(heads)), encoding="utf-8")
    db = str(src.with_suffix(".sqlite"))
    assert main(["ingest", str(src), "--db", db]) == 0
    with open_store(db) as store:
        v = ask("Will Harlow Bank close its Ostrava branch?", store=store)
    assert v.claim.future and v.claim.to_dict()["future"] is True
    stances = {(e.source, e.stance) for e in v.events[0].evidence}
    assert ("unnamed sources", "asserts") in stances
    assert ("unnamed bank", "denies") in stances or ("Harlow Bank", "denies") in stances
    assert v.verdict == "disputed"
    # A past claim is not answered by what will happen.
    with open_store(db) as store:
        past = ask("Did Harlow Bank close its Ostrava branch?", store=store)
    assert not past.claim.future
    assert all(e.stance != "asserts" or "will" not in e.quote
               for ev in past.events for e in ev.evidence)
