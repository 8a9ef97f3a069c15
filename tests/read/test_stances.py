"""Each source's stance toward each event, on sentences written for the tests
(invented people; real countries so that governments resolve)."""

from __future__ import annotations

import pytest
from tests.read.conftest import event, stance, stance_map

AUTHOR = "author"


@pytest.mark.parametrize("text, pred, source, expected_source, expected_author", [
    # neutral report: the speaker asserts, the author only reports it
    ("Mayor Anna Kovac said that the council approved the budget.",
     "approved", "Anna Kovac", "asserts", "uncommitted"),
    # factive: the author takes the content as true
    ("Anna Kovac confirmed that the council approved the budget.",
     "approved", "Anna Kovac", "asserts", "asserts"),
    ("Anna Kovac admitted that she met the rebels.",
     "met", "Anna Kovac", "asserts", "asserts"),
    # denial verb reverses what it embeds
    ("The ministry denied that soldiers attacked the village.",
     "attacked", "unnamed ministry", "denies", "uncommitted"),
    # distancing: asserted by its source, not by the author
    ("Boris Lind claimed that Anna Kovac met the rebels.",
     "met", "Boris Lind", "asserts", "uncommitted"),
    # belief verbs weaken certainty
    ("Boris Lind believes that the rebels attacked the convoy.",
     "attacked", "Boris Lind", "probable", "uncommitted"),
    # hedge adverb: an unnamed source asserts
    ("Anna Kovac reportedly met the rebels in secret.",
     "met", "unnamed reports", "asserts", "uncommitted"),
    ("Anna Kovac allegedly bribed the judge.",
     "bribed", "unnamed reports", "asserts", "uncommitted"),
    # "according to"
    ("According to the police, the suspect fled the city.",
     "fled", "unnamed police", "asserts", "uncommitted"),
    # report noun with its content
    ("Reports that Anna Kovac resigned spread quickly.",
     "resigned", "unnamed reports", "asserts", "uncommitted"),
])
def test_cue_classes(read, text, pred, source, expected_source, expected_author):
    e = event(read(text), pred)
    assert stance(e, source).stance == expected_source
    assert stance(e, AUTHOR).stance == expected_author


def test_the_reporting_event_itself_is_asserted_by_the_author(read):
    a = read("Mayor Anna Kovac said that the council approved the budget.")
    e = event(a, "said")
    assert e.cls == "say"
    assert stance(e, AUTHOR).stance == "asserts"
    assert e.participants == ("Anna Kovac",)


def test_nested_denial_of_reports(read):
    # author -> Kremlin (denying) -> unnamed reports -> spoke
    a = read("The Kremlin is denying reports that Anna Kovac spoke with Boris Lind "
             "on the phone.")
    e = event(a, "spoke")
    assert e.cls == "phone_call"
    assert e.participants == ("Anna Kovac", "Boris Lind")  # symmetric: both sides
    s = stance_map(e)
    assert s["Kremlin"] == "denies"
    assert s["unnamed reports"] == "asserts"
    assert s[AUTHOR] == "uncommitted"
    assert stance(e, AUTHOR).cue == "is denying"
    # the attributions nest: reports inside the Kremlin's denial
    cues = {at.cue.text: at for at in a.attributions}
    assert cues["reports"].parent == cues["is denying"].id
    assert cues["is denying"].cue_class == "denial"


def test_factive_over_reports_adopts_them(read):
    e = event(read("The White House confirmed reports that Anna Kovac visited Kyiv."), "visited")
    assert stance(e, "White House").stance == "asserts"
    # the author reports a confirmation (factive): it takes the content as true
    assert stance(e, AUTHOR).stance == "asserts"


@pytest.mark.parametrize("text, pred, author, polarity", [
    ("Anna Kovac did not meet Boris Lind.", "meet", "denies", "negative"),
    ("Anna Kovac never visited Moscow.", "visited", "denies", "negative"),
    ("Anna Kovac failed to win the vote.", "win", "denies", "negative"),
    ("Anna Kovac managed to win the vote.", "win", "asserts", "positive"),
    ("Anna Kovac may have met Boris Lind.", "met", "possible", "positive"),
    ("Anna Kovac probably met Boris Lind.", "met", "probable", "positive"),
])
def test_negation_and_epistemic_modality(read, text, pred, author, polarity):
    e = event(read(text), pred)
    assert stance(e, AUTHOR).stance == author
    assert e.polarity == polarity


def test_never_said_denies_the_saying(read):
    e = event(read("Boris Lind never said that the army attacked the town."), "said")
    assert stance(e, AUTHOR).stance == "denies"


@pytest.mark.parametrize("text, pred, modality", [
    ("Did Anna Kovac meet Boris Lind?", "meet", "question"),
    ("If Anna Kovac resigns, the coalition will collapse.", "resigns", "conditional"),
    ("If Anna Kovac resigns, the coalition will collapse.", "collapse", "future"),
    ("Anna Kovac will visit Berlin next week.", "visit", "future"),
    ("Anna Kovac plans to visit Berlin.", "visit", "intended"),
    ("Anna Kovac vowed to end the strike.", "end", "intended"),
    ("Anna Kovac tried to call Boris Lind.", "call", "intended"),
    ("Analysts asked whether the talks will resume.", "resume", "hypothetical"),
])
def test_non_actual_modality_is_never_asserted(read, text, pred, modality):
    e = event(read(text), pred)
    assert e.modality == modality
    assert all(s.stance != "asserts" for s in e.stances)


@pytest.mark.parametrize("text, pred, modality", [
    # a past clause after "after" / "because" is told as fact, whatever the
    # clause it hangs on wants done or says will happen
    ("The regulator urged banks to tighten controls after hackers breached two lenders.",
     "breached", "actual"),
    ("Anna Kovac will resign because the party had abandoned her.", "abandoned", "actual"),
    # a present one is as future as its clause
    ("Boris Lind plans to leave after the delegation arrives.", "arrives", "intended"),
])
def test_presupposed_clauses_keep_their_own_modality(read, text, pred, modality):
    assert event(read(text), pred).modality == modality


def test_said_he_would_end_the_war(read):
    a = read("Boris Lind said he would end the war in 24 hours.")
    said, end = event(a, "said"), event(a, "end")
    assert stance(said, AUTHOR).stance == "asserts"
    assert end.modality == "future"
    assert stance(end, AUTHOR).stance == "uncommitted"
    assert stance(end, "Boris Lind").stance != "asserts"
    assert end.time is None  # "24 hours" is a duration, not a date


@pytest.mark.parametrize("second", [
    "The ministry dismissed the reports as fake.",
    "But Lind's spokesman said such reports were pure fiction.",
    "The ministry denied it.",
    "The claims were dismissed as fake by the ministry.",
])
def test_anaphoric_denials_link_back_to_the_reports(read, second):
    a = read("Anna Kovac reportedly met Boris Lind in Vienna last week. " + second)
    met = event(a, "met")
    deniers = [s for s in met.stances if s.stance == "denies"]
    assert deniers, f"no denial linked back from {second!r}: {stance_map(met)}"
    assert stance(met, AUTHOR).stance == "uncommitted"
    assert deniers[0].start > met.start  # the quote is the denial's sentence


def test_spokesperson_is_first_hand_for_his_principal(read):
    a = read("Russian President Boris Lind spoke with Anna Kovac on Monday, reports said. "
             "Kremlin spokesperson Ivan Petrov said such reports were pure fiction.")
    e = event(a, "spoke")
    s = stance(e, "Ivan Petrov")
    assert s.stance == "denies"
    assert s.first_hand
    assert s.speaks_for == "Kremlin"
    assert not stance(e, "unnamed reports").first_hand


def test_rejected_proposal_is_denied_first_hand(read):
    a = read("Boris Lind suggested that Ukraine should give up territory to Russia "
             "— a prospect Kyiv has firmly rejected.")
    give = event(a, "give")
    assert stance(give, "Ukraine").stance == "denies"
    assert stance(give, "Ukraine").first_hand
    assert "Ukraine" in give.participants and "Russia" in give.participants
    rejected = event(a, "rejected")
    assert rejected.cls == "reject"
    assert stance(rejected, AUTHOR).stance == "asserts"


@pytest.mark.parametrize("second, cue", [
    ("Lind's office declined to comment on the meeting.", "declined to comment"),
    ("Lind's office refused to comment on the meeting.", "refused to comment"),
    ("Lind's office did not respond to a request for comment.", "respond"),
])
def test_no_comment(read, second, cue):
    a = read("Anna Kovac met Boris Lind in Vienna, according to the newspaper. " + second)
    met = event(a, "met")
    s = stance(met, "Boris Lind's office")
    assert s.stance == "no_comment"
    assert cue in (s.cue or "")
    assert s.first_hand  # the office speaks for a participant
    assert all(e.predicate not in ("comment", "declined", "refused") for e in a.events)


@pytest.mark.parametrize("text, author", [
    # "no evidence that X": uncommitted (leaning against), never asserted
    ("There is no evidence that Anna Kovac met Boris Lind.", "uncommitted"),
    ("Investigators found no evidence that the army shelled the town.", "uncommitted"),
    # "evidence that X": probable for the author
    ("There is evidence that Anna Kovac met Boris Lind.", "probable"),
    # "the possibility that X": possible
    ("Officials raised the possibility that Anna Kovac met Boris Lind.", "possible"),
])
def test_content_nouns(read, text, author):
    pred = "shelled" if "shelled" in text else "met"
    assert stance(event(read(text), pred), AUTHOR).stance == author


def test_negated_cue_takes_no_position(read):
    e = event(read("Boris Lind did not deny that he met Anna Kovac."), "met")
    assert stance(e, "Boris Lind").stance == "uncommitted"
    assert stance(e, AUTHOR).stance == "uncommitted"
