"""Times resolved against the publication date; names, titles and pronouns
resolved to one entity per document; captions read on their own."""

from __future__ import annotations

from datetime import date

import pytest
from tests.read.conftest import event, stance

from veracity.read import canonical_name, credit_name
from veracity.read.timex import resolve
from veracity.types import Caption

MONDAY = date(2024, 11, 11)


@pytest.mark.parametrize("text, value, granularity", [
    ("last Thursday", "2024-11-07", "day"),     # the Thursday before a Monday
    ("on Monday", "2024-11-11", "day"),         # the publication day itself
    ("last Monday", "2024-11-04", "day"),
    ("yesterday", "2024-11-10", "day"),
    ("last week", "2024-11-04", "week"),        # an interval: its Monday
    ("last month", "2024-10", "month"),
    ("in 2017", "2017", "year"),
    ("July 7, 2017", "2017-07-07", "day"),
    ("7 July 2017", "2017-07-07", "day"),
    ("November 2023", "2023-11", "month"),
    ("three days ago", "2024-11-08", "day"),
    ("Nov. 3", "2024-11-03", "day"),            # the year comes from the anchor
])
def test_resolve_against_publication_date(text, value, granularity):
    tv = resolve(text, MONDAY)
    assert tv is not None and tv.resolved
    assert (tv.value, tv.granularity) == (value, granularity)


def test_future_weekday_looks_ahead():
    tv = resolve("on Thursday", MONDAY, future=True)
    assert tv is not None and tv.value == "2024-11-14"


@pytest.mark.parametrize("text", ["last Thursday", "yesterday", "last week", "Nov. 3"])
def test_relative_without_date_stays_unresolved(text):
    tv = resolve(text, None)
    assert tv is not None and tv.value is None and not tv.resolved


@pytest.mark.parametrize("text", ["24 hours", "for years", "a long time"])
def test_durations_are_not_times(text):
    assert resolve(text, MONDAY) is None


def test_event_time_with_and_without_publication_date(read):
    text = "Anna Kovac met Boris Lind last Thursday."
    e = event(read(text, published="2024-11-11"), "met")
    assert (e.time, e.time_text, e.time_granularity, e.time_resolved) == (
        "2024-11-07", "last Thursday", "day", True)
    a = read(text)
    e = event(a, "met")
    assert e.time is None and e.time_text == "last Thursday" and not e.time_resolved
    assert any("last Thursday" in n and "unresolved" in n for n in a.notes)


def test_explicit_date_needs_no_publication_date(read):
    e = event(read("Anna Kovac met Boris Lind in Vienna on July 7, 2017."), "met")
    assert e.time == "2017-07-07" and e.time_resolved
    assert e.place == "Vienna"


def test_surnames_titles_and_pronouns_resolve(read):
    a = read("Russian President Boris Lind spoke with Anna Kovac on Monday. "
             "Later, the Russian leader warned Kovac that he would retaliate. "
             "Lind's aides declined to comment.")
    warned = event(a, "warned")
    assert warned.agent == "Boris Lind"
    assert warned.patient == "Anna Kovac"
    assert event(a, "retaliate").agent == "Boris Lind"
    names = {e.name: e for e in a.entities}
    assert names["Boris Lind"].kind == "person"
    assert len(names["Boris Lind"].mentions) >= 3
    for m in names["Boris Lind"].mentions:
        assert a.entities and m.text  # offsets point at the text


def test_pronouns_follow_the_person_the_text_is_about(read):
    # A subject pronoun continues the subject of the sentence before, not the
    # person named last as an object; a reflexive is its own clause's subject.
    a = read("Senator Paul Brandt openly praises Chancellor Anna Kovac, comparing her "
             "to her predecessor. Brandt avoids criticising her trade policy. "
             "He has surrounded himself with advisers from Vienna. Last week, in an "
             "interview with a local radio station, he attacked the press.")
    assert event(a, "surrounded").agent == "Paul Brandt"
    assert event(a, "attacked").agent == "Paul Brandt"
    mentions = {m.text for e in a.entities if e.name == "Paul Brandt" for m in e.mentions}
    assert {"himself", "he", "He"} <= mentions


def test_a_male_subject_pronoun_after_two_men(read):
    a = read("Mark Hale thanked Victor Lund at the summit. "
             "His office later said the talks had gone well.")
    names = {e.name: {m.text for m in e.mentions} for e in a.entities}
    assert "His" in names["Mark Hale"]


@pytest.mark.parametrize("text, pred, agent", [
    # the by-phrase of a passive acts
    ("The senator was censured by the ethics committee on Tuesday.", "censured",
     "ethics committee"),
    # offices and common nouns as agents, named by their phrase
    ("The New York State Attorney General opened an inquiry into the charity.", "opened",
     "New York State Attorney General"),
    ("The state attorney general's office subpoenaed the records.", "subpoenaed",
     "state attorney general's office"),
    ("Regulators fined the bank on Friday.", "fined", "Regulators"),
    # a named agent of a passive is the person
    ("The bill was signed by Governor Anna Kovac.", "signed", "Anna Kovac"),
])
def test_agents_of_passives_and_offices(read, text, pred, agent):
    assert event(read(text), pred).agent == agent


def test_fined_is_a_form_of_fine(read):
    assert event(read("Regulators fined the bank."), "fined").lemma == "fine"


def test_description_resolves_by_nationality(read):
    a = read("Anna Kovac spoke with Russian President Boris Lind. "
             "The Russian leader thanked the US president-elect.")
    thanked = event(a, "thanked")
    assert thanked.agent == "Boris Lind"
    assert thanked.patient == "Anna Kovac"  # not Russian: the other person


def test_governments(read):
    a = read("Kyiv rejected the plan. The Kremlin said Moscow would respond.")
    assert event(a, "rejected").agent == "Ukraine"
    assert canonical_name("the U.S.") == "United States"
    assert canonical_name("Kyiv") == "Ukraine"
    assert canonical_name("the Kremlin") == "Kremlin"
    assert canonical_name("Russian") == "Russia"


def test_participant_order_is_deterministic(read):
    a = read("Anna Kovac met Boris Lind. Boris Lind met Anna Kovac.")
    first, second = [e for e in a.events if e.lemma == "meet"]
    assert first.participants == ("Anna Kovac", "Boris Lind")
    assert second.participants == ("Boris Lind", "Anna Kovac")  # agent first


def test_caption_is_read_on_its_own_and_asserted_by_its_credit(read):
    cap = Caption(text="Boris Lind talks to Anna Kovac during their meeting in Vienna, "
                  "Austria, July 7, 2017.", credit="REUTERS/Jane Roe")
    a = read("Anna Kovac spoke with Boris Lind on the phone last Thursday, reports said.",
             published="2024-11-11", captions=(cap,))
    meeting = event(a, "meeting")
    assert meeting.caption == 0
    assert meeting.cls == "meet"
    assert set(meeting.participants) == {"Anna Kovac", "Boris Lind"}
    assert meeting.time == "2017-07-07"
    s = stance(meeting, "Reuters")
    assert (s.stance, s.source_kind) == ("asserts", "caption")
    assert cap.text[meeting.predicate_start:meeting.predicate_end] == "meeting"
    call = event(a, "spoke")
    assert call.caption is None and call.time == "2024-11-07"


def test_caption_date_field_wins_and_credit_falls_back_to_outlet(read):
    cap = Caption(text="Anna Kovac meets Boris Lind.", date="2019-03-01")
    a = read("Nothing happened.", source="Daily Planet", captions=(cap,))
    e = event(a, "meets")
    assert e.time == "2019-03-01"
    assert stance(e, "Daily Planet").stance == "asserts"


@pytest.mark.parametrize("credit, name", [
    ("REUTERS/Carlos Barria", "Reuters"),
    ("Matrix Image/Joseph Zahui", "Matrix Image"),
    ("AP Photo/Jane Roe", "AP Photo"),
    (None, None),
])
def test_credit_name(credit, name):
    assert credit_name(credit) == name


def test_read_documents_keeps_input_order_and_matches_read_document(nlp):
    from veracity.read import read_document, read_documents
    from veracity.types import Document

    docs = [Document(text=f"Anna Kovac met Boris Lind in round {i}, officials said.",
                     captions=(Caption(text="Boris Lind meets Anna Kovac.", credit="AP/X"),))
            for i in range(5)]
    batched = list(read_documents(iter(docs), batch_size=2))
    assert [a.events[0].quote for a in batched] == [
        f"Anna Kovac met Boris Lind in round {i}, officials said" for i in range(5)]
    assert batched == [read_document(d, nlp) for d in docs]
    assert all(a.reader_version for a in batched)


def test_long_text_is_read_in_pieces_with_offsets_into_the_whole(nlp):
    from veracity.read import read_document, read_documents
    from veracity.read.document import pieces
    from veracity.types import Document

    para = "Anna Kovac met Boris Lind in Vienna, officials said.\n\n"
    text = para * 40
    cut = pieces(text, limit=300)
    assert "".join(cut) == text and all(len(c) <= 300 for c in cut)
    assert all(c.endswith("\n\n") for c in cut[:-1])
    import veracity.read.document as document

    old = document.PIECE_CHARS
    document.PIECE_CHARS = 300
    try:
        pieces_default = document.pieces(text)
        assert len(pieces_default) > 1
        a = read_document(Document(text=text), nlp)
        b = next(read_documents([Document(text=text)]))
    finally:
        document.PIECE_CHARS = old
    mets = [e for e in a.events if e.lemma == "meet"]
    assert len(mets) == 40
    assert all(text[e.predicate_start:e.predicate_end] == "met" for e in mets)
    assert a == b
