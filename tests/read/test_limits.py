"""Bounded work per document: the reader reads at most ``read_max_chars`` of a
text and keeps at most ``max_events`` events, and a note says so."""

from __future__ import annotations

from veracity.read import read_document
from veracity.settings import Settings
from veracity.types import Document

FIRST = "Mayor Lena Ortiz met Governor Paul Brandt in Halden on Tuesday."
REST = ("The council approved the budget on Friday, officials said.\n\n"
        "Police arrested two men after the match on Saturday.")
TEXT = f"{FIRST}\n\n{REST}"


def test_a_long_text_is_read_up_to_the_limit_with_a_note():
    a = read_document(Document(text=TEXT, published="2024-05-02"), max_chars=len(FIRST) + 5)
    assert ({e.lemma for e in a.events}, a.notes) == (
        {"meet"}, (f"text cut: read the first {len(FIRST) + 2} of {len(TEXT)} characters "
                   "(setting read_max_chars)",))


def test_events_beyond_the_limit_are_dropped_with_a_note():
    whole = read_document(Document(text=TEXT, published="2024-05-02"))
    a = read_document(Document(text=TEXT, published="2024-05-02"), max_events=1)
    assert (len(whole.events) > 1, a.events, a.notes) == (
        True, whole.events[:1],
        (f"events cut: kept the first 1 of {len(whole.events)} (setting max_events)",))


def test_the_defaults_are_settings():
    s = Settings()
    assert (s.read_max_chars, s.max_events) == (200_000, 5_000)
