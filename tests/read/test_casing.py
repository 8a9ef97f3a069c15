"""Title-case headlines parsed in sentence case, offsets unchanged."""

from __future__ import annotations

from tests.read.conftest import event, stance

from veracity.read.casing import sentence_case_headlines

BODY = ("\n\nMayor Ilse Brandt on Tuesday rejected a report that her office had invited "
        "the boxer Dario Vance to open the Harbour Festival. The report, first carried by "
        "a local radio station, said Vance had been offered a fee. Brandt said nobody at "
        "city hall had spoken to Vance or his agent, and that the festival committee "
        "chooses its own guests.")


def test_only_words_the_article_capitalises_keep_their_capital() -> None:
    text = "Mayor Brandt Denies Inviting Dario Vance to Open Harbour Festival" + BODY
    out = sentence_case_headlines(text)
    assert len(out) == len(text)
    assert out.startswith("Mayor Brandt denies inviting Dario Vance to open Harbour Festival")
    assert out[len(out) - len(BODY):] == BODY  # the body is untouched


def test_sentences_and_lone_headlines_are_left_alone() -> None:
    # lower-case words other than title case's small words: a sentence
    assert sentence_case_headlines("Anna Kovac met Boris Lind last Thursday.") == \
        "Anna Kovac met Boris Lind last Thursday."
    # a headline with no article under it cannot tell names from words
    lone = "Paul Rudd Is Not The Hero Who Tackled A Fan"
    assert sentence_case_headlines(lone) == lone


def test_a_title_case_headline_is_read_as_a_sentence(read):  # type: ignore[no-untyped-def]
    a = read("Mayor Brandt Denies Inviting Dario Vance to Open Harbour Festival" + BODY)
    denies = event(a, "Denies")  # the predicate keeps the article's own spelling
    assert denies.agent == "Ilse Brandt"
    assert stance(denies, "author").stance == "asserts"


def test_a_report_headline_keeps_its_source(read):  # type: ignore[no-untyped-def]
    # "Report:" starts the headline again; the clause after it is the report's,
    # however the parser hangs it, and the outlet does not assert it.
    a = read("Report: Mayor Brandt Invited Dario Vance To Open Harbour Festival" + BODY,
             source="Harbour Post")
    invited = [e for e in a.events if e.lemma == "invite" and e.start == 0][0]
    assert stance(invited, "unnamed report").stance == "asserts"
    assert stance(invited, "Harbour Post").stance == "uncommitted"
