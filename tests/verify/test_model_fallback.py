"""The article-level stance model where the reader found no attribution."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from veracity.cli import main
from veracity.store import open_store
from veracity.verify import ask, model


@dataclass
class Sentence:
    text: str
    start: int
    end: int


@dataclass
class Result:
    label: str
    scores: dict[str, float]
    sentences: tuple[Sentence, ...]


@pytest.fixture
def fake_model() -> Iterator[list[tuple[str, str]]]:
    calls: list[tuple[str, str]] = []

    def predict(claim: str, text: str) -> Result:
        calls.append((claim, text))
        s = text.split(". ")[0]
        return Result("disagree", {"disagree": 0.9, "agree": 0.05, "discuss": 0.05},
                      (Sentence(s, 0, len(s)),))

    model.set_predictor(predict)
    yield calls
    model.reset_predictor()


def test_the_models_lean_against_is_shown_never_a_denial(tmp_path, fake_model) -> None:  # type: ignore[no-untyped-def]
    # The article only asks the question and argues against it: the reader has
    # no event that anybody asserts or denies, so the article's stance decides.
    page = tmp_path / "a.jsonl"
    page.write_text('{"title": "Hoax", "source": "Daily", "published": "2024-01-02", '
                    '"text": "Did a giant squid eat a submarine in Lake Vale? '
                    'The pictures shared online were edited by a prankster."}\n',
                    encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    assert main(["ingest", str(page), "--db", db]) == 0
    with open_store(db) as store:
        v = ask("A giant squid ate a submarine in Lake Vale", store=store)
    assert fake_model, "the model was not asked"
    # Its lean against the claim is shown, as the model's, but never makes the
    # event denied on its own.
    assert v.verdict == "no_evidence"
    assert any("stance model leans against" in n for n in v.notes)
    assert all(ev.label not in ("denied", "disputed") for ev in v.events)


def test_without_a_model_ask_still_answers_and_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model.set_predictor(None)
    try:
        page = tmp_path / "a.jsonl"
        page.write_text('{"title": "Hoax", "source": "Daily", "published": "2024-01-02", '
                        '"text": "Claims that a giant squid ate a submarine in Lake Vale."}\n',
                        encoding="utf-8")
        db = str(tmp_path / "s.sqlite")
        assert main(["ingest", str(page), "--db", db]) == 0
        v = ask("A giant squid ate a submarine in Lake Vale", db=db)
        assert v.verdict == "reported"  # "Claims that …": unnamed reports assert it
    finally:
        model.reset_predictor()
