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
