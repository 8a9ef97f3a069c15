"""Questions as people type them -> claims (participants, class, polarity, time)."""

from __future__ import annotations

from datetime import date

import pytest

from veracity.verify import parse_question

ANCHOR = date(2024, 11, 11)  # a Monday


@pytest.mark.parametrize(("question", "participants", "cls", "classes"), [
    # a yes/no question with an emphasis word; "talk" accepts calls and meetings
    ("Did Trump actually talk to Putin?", ("Trump", "Putin"), "communicate",
     ("communicate", "phone_call", "meet")),
    # "on the phone" makes it a call, and only a call
    ("Did Putin talk to Trump on the phone?", ("Putin", "Trump"), "phone_call", ("phone_call",)),
    # a light verb: the event is the noun it governs
    ("Did Trump have a phone call with Putin?", ("Putin", "Trump"), "phone_call",
     ("phone_call",)),
    # a wrapper verb: "agree to give up" asks about giving up
    ("Has Ukraine agreed to give up territory?", ("Ukraine",), "give", ("give",)),
    # a framed question, and capitals stand for their governments
    ("Is it true that Moscow attacked Kyiv?", ("Russia", "Ukraine"), "attack", ("attack",)),
    # a plain claim
    ("Lena Ortiz met Paul Brandt", ("Lena Ortiz", "Paul Brandt"), "meet", ("meet",)),
])
def test_participants_and_class(question: str, participants: tuple[str, ...], cls: str,
                                classes: tuple[str, ...]) -> None:
    claim, _ = parse_question(question, ANCHOR)
    assert set(claim.participants) == set(participants)
    assert claim.cls == cls
    assert claim.classes == classes


@pytest.mark.parametrize(("question", "start", "end", "granularity"), [
    ("Did Trump meet Putin in 2017?", "2017-01-01", "2017-12-31", "year"),
    # a week relative to the anchor (Monday 2024-11-11): the week before
    ("Trump spoke with Putin by phone last week", "2024-11-04", "2024-11-10", "week"),
    ("Did Trump call Putin on 7 November 2024?", "2024-11-07", "2024-11-07", "day"),
])
def test_time_window(question: str, start: str, end: str, granularity: str) -> None:
    claim, _ = parse_question(question, ANCHOR)
    assert claim.time is not None
    assert (claim.time.start, claim.time.end, claim.time.granularity) == (start, end, granularity)


def test_no_time_when_none_is_asked() -> None:
    claim, _ = parse_question("Did Trump actually talk to Putin?", ANCHOR)
    assert claim.time is None


@pytest.mark.parametrize(("question", "text"), [
    ("Did Trump actually talk to Putin?", "Trump talked to Putin"),
    ("Has Ukraine agreed to give up territory?", "Ukraine has agreed to give up territory"),
    ("Is Fidel Castro dead?", "Fidel Castro is dead"),
    # spaCy reads "sack" as a noun after "Did"; the statement is parsed instead
    ("Did Olaf Scholz sack Christian Lindner?", "Olaf Scholz sacked Christian Lindner"),
])
def test_claim_text_is_a_statement(question: str, text: str) -> None:
    claim, _ = parse_question(question, ANCHOR)
    assert claim.text == text


def test_negated_and_implicative_claims_are_negative() -> None:
    assert parse_question("Did Trump not meet Putin?", ANCHOR)[0].polarity == "negative"
    assert parse_question("Did Ukraine refuse to give up territory?", ANCHOR)[0].polarity \
        == "negative"
    assert parse_question("Did Ukraine give up territory?", ANCHOR)[0].polarity == "positive"


def test_description_is_a_placeholder_for_the_corpus_to_resolve() -> None:
    claim, descriptions = parse_question("Did the US president meet Putin?", ANCHOR)
    assert descriptions == {"president of United States": ("United States", "president")}
    assert "president of United States" in claim.participants


def test_objects_and_keywords() -> None:
    claim, _ = parse_question("Did Ukraine agree to give up territory?", ANCHOR)
    assert claim.objects == ("territory",)
    assert claim.frame == "agree"
    assert "territory" in claim.keywords


@pytest.mark.parametrize(("question", "statement", "predicate"), [
    # The tagger takes *help* for a noun and *become* for the verb.
    ("Did Hillary Clinton or her campaign help former Miss Universe Alicia Machado "
     "become a U.S. citizen?",
     "Hillary Clinton or her campaign helped former Miss Universe Alicia Machado become "
     "a U.S. citizen", "help"),
    # Not the first lower-case word: "running" is part of the subject.
    ("Did Clinton's running mate attack Pence?", "Clinton's running mate attacked Pence",
     "attack"),
    # A one-syllable verb doubles its consonant; "manager" is no verb.
    ("Did Okafor's campaign manager grab the reporter in Jupiter, Florida?",
     "Okafor's campaign manager grabbed the reporter in Jupiter, Florida", "grab"),
])
def test_the_statement_puts_the_verb_the_question_means_in_the_past(
        question: str, statement: str, predicate: str) -> None:
    from veracity.verify.question import understand
    claim, _ = parse_question(question, ANCHOR)
    u = understand(claim, question)
    assert (u.statement, u.predicate) == (statement, predicate)


def test_a_question_the_tagger_reads_with_a_noun_for_its_verb_keeps_both_parties() -> None:
    # "Did Trump call Putin?" once became "Trump call Putin did", with nobody
    # in it; "Trump called Putin" parses as a naming, "has called" does not.
    claim, _ = parse_question("Did Trump call Putin?", ANCHOR)
    assert claim.participants == ("Trump", "Putin") and claim.predicate == "call"
