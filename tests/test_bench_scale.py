"""``bench scale``: copies of read articles keep every offset of their analysis,
speak of renamed people on moved dates, and fill a store that ``ask`` reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.bench.scale import fill, load_sources, make_copy
from veracity.pipeline import ingest
from veracity.settings import load_settings
from veracity.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("scale") / "src.sqlite")
    with open_store(db) as store:
        ingest([str(EXAMPLES)], store, load_settings().with_overrides(db=db))
    return db


def test_a_copy_keeps_offsets_and_renames_people_and_dates(source_db: str) -> None:
    with open_store(source_db) as store:
        sources = load_sources(store)
    src = next(s for s in sources if s.analysis["events"] and s.doc.published)
    first, same, _ = make_copy(src, 0, len(sources))
    assert first.doc.text == src.doc.text  # copy 0 is the article itself
    new, analysis, encoded = make_copy(src, len(sources) * 3, len(sources))
    # What the store keeps is the analysis handed over, not the source's.
    assert json.loads(encoded) == json.loads(json.dumps(analysis.to_dict()))
    assert new.doc.text != src.doc.text and len(new.doc.text) == len(src.doc.text)
    assert new.doc.published != src.doc.published
    old_names = {p for e in src.analysis["events"] for p in e["participants"]}
    new_names = {p for e in analysis.events for p in e.participants}
    assert old_names and not (old_names & new_names) - {"author"}
    for ev in analysis.events:
        text = new.doc.text if ev.caption is None else new.doc.captions[ev.caption].text
        assert text[ev.start:ev.end] == ev.quote
        for p in ev.participants:
            assert p.split()[-1] in new.doc.text or p == "author"


def test_fill_goes_on_from_what_the_store_holds(source_db: str, tmp_path: Path) -> None:
    from veracity.verify import ask

    with open_store(source_db) as store:
        sources = load_sources(store)
    db = str(tmp_path / "big.sqlite")
    with open_store(db) as store:
        assert fill(store, sources, len(sources) + 3)[0] == len(sources) + 3
        assert fill(store, sources, 2 * len(sources))[0] == len(sources) - 3
        assert store.count() == 2 * len(sources)
        # The originals are still found by name among their renamed copies.
        assert ask("Did Lena Ortiz meet Paul Brandt?", store=store).verdict == "confirmed"
