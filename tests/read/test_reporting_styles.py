"""Constructions of real reporting beyond "X said Y": accusations, the outlet
discrediting a claim it reports, implicatives over coordinated verbs, the time
of an event given through another, and pronouns that agree in gender.  Texts
written for the tests (invented people)."""

from __future__ import annotations

from tests.read.conftest import event, stance, stance_map

from veracity.read.timex import resolve

AUTHOR = "author"


def test_accusation_is_the_accusers_claim(read):
    e = event(read("Marta Quill accused Tomas Brenner of hiding the audit from the board."),
              "hiding")
    assert stance(e, "Marta Quill").stance == "asserts"
    assert stance(e, AUTHOR).stance == "uncommitted"


def test_passive_accusation_takes_the_agent(read):
    e = event(read("Tomas Brenner was accused by Marta Quill of leaking the memo."), "leaking")
    assert stance(e, "Marta Quill").stance == "asserts"


def test_outlet_calling_the_claim_baseless_denies_it(read):
    e = event(read("Citing a baseless rumor, Marta Quill accused Tomas Brenner of "
                   "meeting the smugglers."), "meeting")
    assert stance_map(e) == {AUTHOR: "denies", "Marta Quill": "asserts"}


def test_accusation_without_discrediting_leaves_the_outlet_uncommitted(read):
    e = event(read("Marta Quill accused Tomas Brenner of meeting the smugglers."), "meeting")
    assert stance_map(e) == {AUTHOR: "uncommitted", "Marta Quill": "asserts"}


def _parsed(nlp, rows):  # type: ignore[no-untyped-def]
    """A parse given token by token (word, tag, pos, dep, head), as the small
    model gives it on some sentences, so the rule is tested whatever the
    model does on a new sentence."""
    from spacy.tokens import Doc

    from veracity.read.parse import Parse
    words, tags, pos, deps, heads = (list(x) for x in zip(*rows, strict=True))
    lemmas = [w.lower() for w in words]
    lemmas[words.index("declined")] = "decline"
    return Parse(Doc(nlp.vocab, words=words, tags=tags, pos=pos, deps=deps, heads=heads,
                     lemmas=lemmas))


def test_negative_implicative_reaches_a_bare_verb_joined_to_the_finite_one(nlp):
    from veracity.read.stances import local_value
    # "the president declined to threaten Moscow or even directly declare it
    # responsible": the parser joins *declare* to *declined*.
    p = _parsed(nlp, [
        ("The", "DT", "DET", "det", 1), ("president", "NN", "NOUN", "nsubj", 2),
        ("declined", "VBD", "VERB", "ROOT", 2), ("to", "TO", "PART", "aux", 4),
        ("threaten", "VB", "VERB", "xcomp", 2), ("Moscow", "NNP", "PROPN", "dobj", 4),
        ("or", "CC", "CCONJ", "cc", 4), ("even", "RB", "ADV", "advmod", 9),
        ("directly", "RB", "ADV", "advmod", 9), ("declare", "VBP", "VERB", "conj", 2),
        ("it", "PRP", "PRON", "nsubj", 11), ("responsible", "JJ", "ADJ", "ccomp", 9),
        (".", ".", "PUNCT", "punct", 2)])
    assert local_value(p, 4, set())[2] is True   # threaten: did not happen
    assert local_value(p, 9, set())[2] is True   # declare: nor did this
    assert local_value(p, 2, set())[2] is False  # the declining did


def test_coordinated_infinitives_share_the_implicative(read):
    a = read("The mayor declined to fire the chief or even directly criticize him.")
    assert stance(event(a, "fire"), AUTHOR).stance == "denies"
    assert stance(event(a, "criticize"), AUTHOR).stance == "denies"


def test_finite_verb_after_an_implicative_is_its_own_event(read):
    a = read("The senator refused to apologize and defended the remark.")
    assert stance(event(a, "apologize"), AUTHOR).stance == "denies"
    assert stance(event(a, "defended"), AUTHOR).stance == "asserts"


def test_refusal_takes_the_time_of_what_it_happened_during(read):
    a = read("Tomas Brenner, who refused to endorse Marta Quill during a speech at the "
             "party convention in July, endorsed her on Friday.", published="2016-09-23")
    refused = [e for e in a.events if e.lemma == "endorse" and e.polarity == "negative"]
    assert refused and refused[0].time == "2016-07"


def test_bare_month_is_the_last_one_before_the_article():
    assert resolve("in July", resolve_anchor()).value == "2016-07"
    assert resolve("October", resolve_anchor()).value == "2015-10"
    assert resolve("October", resolve_anchor(), future=True).value == "2016-10"


def resolve_anchor():  # type: ignore[no-untyped-def]
    from datetime import date
    return date(2016, 9, 23)


def test_she_prefers_a_woman_named_before_a_nearer_unknown_name(read):
    a = read("Senator Laura Vance answered questions about Kwame Oduya at the forum. "
             "She denied that she misused the fund.")
    e = event(a, "misused")
    assert stance(e, "Laura Vance").stance == "denies"
    assert "Laura Vance" in e.participants


def test_kin_word_gives_gender(read):
    a = read("Police spoke to Dario Penn and his wife Ilse Moreau at the house. "
             "She said he had no weapon.")
    e = event(a, "said")
    assert "Ilse Moreau" in e.participants


def test_every_sentence_of_a_quotation_is_the_speakers(read):
    a = read("“The council and its chair approved the tunnel in 2019. I stopped it,” "
             "Marta Quill said.\nThat claim is false.")
    e = event(a, "approved")
    assert stance(e, "Marta Quill").stance == "asserts"
    assert stance(e, AUTHOR).stance == "uncommitted"


def test_apposition_names_the_source(read):
    a = read("First his wife, longtime council aide Ilse Moreau, announced they were "
             "separated.")
    assert stance(event(a, "separated"), "Ilse Moreau").stance == "asserts"


def test_unnamed_spokespeople_speak_for_whom_they_serve(read):
    a = read("A Siemens spokesperson said the company had not been contacted. "
             "A spokeswoman for Laura Vance says neither Vance nor her campaign paid the fee.")
    contacted = stance(event(a, "contacted"), "Siemens spokesperson")
    assert contacted.stance == "denies"
    paid = stance(event(a, "paid"), "Laura Vance spokesperson")
    assert paid.stance == "denies" and paid.first_hand


def test_named_spokesperson_of_a_person_is_first_hand(read):
    a = read("Stein's spokeswoman Melezia Figueroa said Stein left the area.")
    s = stance(event(a, "left"), "Melezia Figueroa")
    assert s.stance == "asserts" and s.first_hand


def test_discourse_markers_and_prepositional_participles_are_not_events(read):
    a = read("Moving forward, the firm will hire more staff. According to the police, the "
             "suspect fled. The bill, including the tax, passed. He was following the van.")
    lemmas = {e.lemma for e in a.events}
    assert not lemmas & {"move", "accord", "include"}
    assert {"hire", "flee", "pass", "follow"} <= lemmas


def test_a_demonstrative_phrase_is_not_a_source(read):
    e = event(read("This analysis shows that the talks collapsed."), "collapsed")
    assert stance_map(e) == {AUTHOR: "asserts"}


def test_hedge_adjective_leaves_the_outlet_uncommitted(read):
    a = read("The senators discussed the alleged phone call between the two leaders.")
    e = event(a, "call")
    assert stance_map(e) == {AUTHOR: "uncommitted", "unnamed reports": "asserts"}


def test_narrative_times_count_from_the_date_the_paragraph_gave(read):
    a = read("The protest began on Sept. 12, 2016, outside the embassy. Police had warned "
             "organisers the previous week, and two days later the mayor met them.\n\n"
             "On Friday the council voted.", published="2016-11-20")
    assert event(a, "warned").time == "2016-09-05"      # the week before Sept. 12
    assert event(a, "met").time == "2016-09-14"
    assert event(a, "voted").time == "2016-11-18"       # deictic: the publication's Friday
    assert any("counted from 'Sept. 12, 2016'" in n for n in a.notes)


def test_narrative_time_without_a_stated_date_counts_from_publication(read):
    a = read("Police had warned organisers the previous week.", published="2016-11-20")
    assert event(a, "warned").time == "2016-11-07"


def test_a_title_noun_is_the_person_the_text_gave_that_title(read):
    a = read("Mayor Sandra Hale met Governor Daniel Okafor. A spokesperson for the governor, "
             "Lena Marsh, said the reports were false. The mayor's office declined to comment "
             "on the meeting.")
    assert any(s.source == "Sandra Hale's office" and s.stance == "no_comment"
               for s in event(a, "met").stances)


def test_a_headline_asking_without_its_question_mark_asserts_nothing(read):
    e = event(read("Did Ivo Brandt Help Rescue The Stranded Hikers"), "Rescue")
    assert e.modality == "question"
    assert stance(e, AUTHOR).stance == "uncommitted"


def test_what_a_video_called_a_hoax_shows_is_denied(read):
    e = event(read("The video of a swan attacking Ivo Brandt in the park is a hoax."), "attacking")
    assert stance(e, AUTHOR).stance == "denies"


def test_denying_reports_of_an_arrest_denies_the_arrest_and_nothing_else(read):
    a = read("City police denied reports of Ivo Brandt's arrest. Ivo Brandt met the "
             "council on Monday.")
    assert stance_map(event(a, "arrest")) == {AUTHOR: "uncommitted", "unnamed police": "denies",
                                              "unnamed reports": "asserts"}
    # The denial says nothing of the next sentence's meeting.
    assert stance_map(event(a, "met")) == {AUTHOR: "asserts"}


def test_a_headline_labelled_false_denies_what_follows(read):
    for text, word in (("Fake News: Harlow Bank Will Close Every Branch In Ostrava", "Close"),
                       ("Intro line\n\nHoax: Banksy arrested in Leeds after a police raid.",
                        "arrested")):
        assert stance(event(read(text), word), AUTHOR).stance == "denies", text
    # "Report:" is no label of falsity.
    e = event(read("Intro line\n\nReport: Ivo Brandt arrested in Leeds after a raid."),
              "arrested")
    assert stance(e, AUTHOR).stance != "denies"


def test_a_correction_after_a_label_of_falsity_is_not_denied_again(read):
    # The clause after "Rumor debunked:" is the correction, not the rumour:
    # the label must not turn "not patrolling" into the outlet saying they are.
    e = event(read("Rumor debunked: robots are not patrolling the Harlow campus"), "patrolling")
    assert e.polarity == "negative"
    assert all(s.stance != "asserts" for s in e.stances if s.source == AUTHOR)
