"""Sentences, stems and cue classes used by the stance features."""

from __future__ import annotations

import pytest

from veracity.stance import text as tx


@pytest.mark.parametrize("words,stem", [
    (("deny", "denies", "denied", "denying"), "deny"),  # -ies / -ied / -ing
    (("refute", "refuted", "refuting"), "refut"),  # final e dropped everywhere
    (("stop", "stopped", "stopping"), "stop"),  # doubled consonant undone
    (("say", "said", "says"), "say"),  # irregular
])
def test_inflections_meet_on_one_stem(words, stem):
    assert {tx.stem(w) for w in words} == {stem}


def test_sentences_have_offsets_into_the_text():
    text = 'Peskov said it was "pure fiction." The call never happened!\nThey had no comment. Ok.'
    spans = tx.split_sentences(text)
    sents = [text[a:b] for a, b in spans]
    assert sents[0] == 'Peskov said it was "pure fiction."'
    assert sents[1] == "The call never happened!"
    # "Ok." is shorter than MIN_SENTENCE_CHARS and joins the sentence before it.
    assert sents[2] == "They had no comment. Ok."


def test_cues_count_denial_negation_and_no_comment():
    s = "The Kremlin denied the report and declined to comment; it didn't happen."
    counts = dict(zip(tx.CUE_NAMES, tx.cue_counts(s, tx.stems(s)), strict=True))
    assert counts["denial"] == 1
    assert counts["negation"] == 1  # "didn't" -> "did not"
    assert counts["no_comment"] == 1
    assert counts["hedge"] == 0


def test_hedges_and_attribution():
    s = "According to reports, the singer allegedly cancelled the tour?"
    counts = dict(zip(tx.CUE_NAMES, tx.cue_counts(s, tx.stems(s)), strict=True))
    assert counts["hedge"] == 1
    assert counts["attribution"] >= 2  # "according to" and "reports"
    assert counts["question"] == 1
