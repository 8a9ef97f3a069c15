"""The verdict rules of product.md on hand-made mentions (no parsing, no store)."""

from __future__ import annotations

from dataclasses import replace

from veracity.verify.claim import interval
from veracity.verify.cluster import DocInfo, Mention, build_clusters, event_verdict, label, tally
from veracity.verify.types import Evidence

PEOPLE = ("Lena Ortiz", "Paul Brandt")


def doc(i: int, outlet: str | None = None, published: str | None = "2024-05-01",
        copy_of: int | None = None, group: int | None = None) -> DocInfo:
    return DocInfo(id=i, title=f"t{i}", outlet=outlet, published=published, url=None,
                   kind="article", copy_of=copy_of, group=group if group is not None else i)


def ev(d: DocInfo, source: str, stance: str, kind: str = "named", first_hand: bool = False,
       speaks_for: str | None = None) -> Evidence:
    return Evidence(source=source, stance=stance, quote=f"{source} {stance}", doc_id=d.id,
                    title=d.title, published=d.published, start=0, end=10, outlet=d.outlet,
                    first_hand=first_hand, source_kind=kind, speaks_for=speaks_for,
                    counted=d.copy_of is None, copy_of=d.copy_of)


def mention(d: DocInfo, evidence: list[Evidence], cls: str = "meet", time: str | None = None,
            gran: str | None = "day", caption: int | None = None) -> Mention:
    return Mention(doc=d, event_id=d.id, lemma=cls, cls=cls, participants=PEOPLE, time=time,
                   time_text=time, granularity=gran if time else None,
                   interval=interval(time, gran) if time else None, place=None,
                   caption=caption, evidence=evidence)


def verdict_of(*mentions: Mention) -> str | None:
    clusters = build_clusters(list(mentions))
    assert len(clusters) == 1
    ev_ = event_verdict(clusters[0])
    return ev_.label if ev_ else None


def test_unnamed_sources_only_is_reported_however_many() -> None:
    a, b = doc(1, "Post"), doc(2, "Times")
    assert verdict_of(mention(a, [ev(a, "unnamed reports", "asserts", "unnamed")]),
                      mention(b, [ev(b, "unnamed officials", "asserts", "unnamed")])) \
        == "reported"


def test_one_outlet_is_reported_two_independent_outlets_confirm() -> None:
    a, b = doc(1, "Post"), doc(2, "Times")
    one = mention(a, [ev(a, "Post", "asserts", "author")])
    assert verdict_of(one) == "reported"
    two = mention(b, [ev(b, "Times", "asserts", "author")])
    assert verdict_of(one, two) == "confirmed"


def test_a_wire_copy_is_not_a_second_source() -> None:
    a = doc(1, "Post", group=1)
    copy = doc(2, "Wire", copy_of=1, group=1)  # the copy shares its original's group
    assert verdict_of(mention(a, [ev(a, "Post", "asserts", "author")]),
                      mention(copy, [ev(copy, "Wire", "asserts", "author")])) == "reported"


def test_one_outlet_twice_is_one_source() -> None:
    a, b = doc(1, "Post", group=7), doc(2, "Post", group=7)
    assert verdict_of(mention(a, [ev(a, "Post", "asserts", "author")]),
                      mention(b, [ev(b, "Post", "asserts", "author")])) == "reported"


def test_first_hand_assertion_confirms() -> None:
    a = doc(1, "Post")
    assert verdict_of(mention(a, [ev(a, "Lena Ortiz", "asserts", first_hand=True)])) \
        == "confirmed"


def test_a_participant_is_first_hand_even_when_the_reader_did_not_say_so() -> None:
    a = doc(1, "Post")
    assert verdict_of(mention(a, [ev(a, "Ortiz", "asserts")])) == "confirmed"


def test_asserted_and_denied_is_disputed_denied_alone_is_denied() -> None:
    a = doc(1, "Post")
    m = mention(a, [ev(a, "unnamed reports", "asserts", "unnamed"),
                    ev(a, "Kremlin", "denies", first_hand=True),
                    ev(a, "Trump's team", "no_comment")])
    assert verdict_of(m) == "disputed"
    assert verdict_of(mention(a, [ev(a, "Kremlin", "denies")])) == "denied"


def test_a_spokesperson_and_the_government_are_one_source() -> None:
    a, b = doc(1, "Post"), doc(2, "Times")
    t = tally(build_clusters([
        mention(a, [ev(a, "Kremlin", "denies")]),
        mention(b, [ev(b, "Dmitry Peskov", "denies", speaks_for="Kremlin")])])[0], PEOPLE)
    # Kremlin and Russia are one government; its spokesperson speaks for it.
    assert t.keys(frozenset({"denies"})) == ["gov:kremlin"]


def test_nobody_taking_a_position_gives_no_verdict() -> None:
    a = doc(1, "Post")
    assert verdict_of(mention(a, [ev(a, "Post", "uncommitted", "author"),
                                  ev(a, "Hale", "no_comment")])) is None


def test_a_source_that_changed_its_mind_counts_by_its_latest_word() -> None:
    a, b = doc(1, "Post", "2024-05-01"), doc(2, "Times", "2024-05-09")
    m1 = mention(a, [ev(a, "Sara Lind", "asserts")])
    m2 = mention(b, [ev(b, "Sara Lind", "denies")])
    assert verdict_of(m1, m2) == "denied"


def test_same_people_at_different_times_are_different_events() -> None:
    a, b = doc(1, "Post", "2024-11-11"), doc(2, "Times", "2024-11-11")
    call = mention(a, [ev(a, "Post", "asserts", "author")], cls="phone_call", time="2024-11-07")
    meeting = mention(b, [ev(b, "Reuters", "asserts", "caption")], cls="meet",
                      time="2017-07-07", caption=0)
    assert len(build_clusters([call, meeting])) == 2


def test_a_call_and_a_meeting_on_the_same_day_stay_apart_a_talk_joins_either() -> None:
    a = doc(1, "Post")
    call = mention(a, [ev(a, "Post", "asserts", "author")], cls="phone_call", time="2024-04-30")
    meeting = mention(a, [ev(a, "Post", "asserts", "author")], cls="meet", time="2024-04-30")
    assert len(build_clusters([call, meeting])) == 2
    talk = mention(a, [ev(a, "Post", "asserts", "author")], cls="communicate",
                   time="2024-04-30")
    assert len(build_clusters([call, talk])) == 1


def test_an_undated_mention_joins_its_own_documents_event() -> None:
    a, b = doc(1, "Post"), doc(2, "Times", "2024-05-03")
    dated = mention(a, [ev(a, "Post", "asserts", "author")], time="2024-04-30")
    undated_same_doc = mention(a, [ev(a, "Lena Ortiz", "asserts")])
    # The only dated meeting that could have happened before doc 2 was published.
    undated_other = mention(b, [ev(b, "Times", "asserts", "author")])
    clusters = build_clusters([dated, undated_same_doc, undated_other])
    assert len(clusters) == 1


def test_an_undated_mention_reported_before_the_event_cannot_be_it() -> None:
    old = doc(1, "Post", "2019-01-01")
    new = doc(2, "Times", "2024-05-03")
    dated = mention(new, [ev(new, "Times", "asserts", "author")], time="2024-04-30")
    early = mention(old, [ev(old, "Post", "asserts", "author")])
    assert len(build_clusters([dated, early])) == 2


def test_label_reasons_name_the_sources() -> None:
    a = doc(1, "Post")
    t = tally(build_clusters([mention(a, [ev(a, "unnamed reports", "asserts", "unnamed"),
                                          ev(a, "Kremlin", "denies", first_hand=True)])])[0],
              PEOPLE)
    lab, reason = label(t)
    assert lab == "disputed"
    assert "asserted by unnamed reports" in reason
    assert "denied by Kremlin (first-hand)" in reason


def test_undated_mentions_months_apart_are_different_events() -> None:
    jan, aug = doc(1, "Post", "2016-01-19"), doc(2, "Times", "2016-08-31")
    near = doc(3, "Globe", "2016-09-02")
    clusters = build_clusters([mention(jan, [ev(jan, "Post", "asserts", "author")]),
                               mention(aug, [ev(aug, "Times", "asserts", "author")]),
                               mention(near, [ev(near, "Globe", "asserts", "author")])])
    assert sorted(len(c.mentions) for c in clusters) == [1, 2]


def _lean(*evidence: Evidence) -> str | None:
    d = doc(1, "Daily Ledger")
    clusters = build_clusters([mention(d, list(evidence))])
    v = event_verdict(clusters[0])
    assert v is not None and v.label == "disputed"
    return v.lean


def test_a_disputed_event_leans_false_when_a_denial_answers_the_reports() -> None:
    d = doc(1, "Daily Ledger")
    hearsay = ev(d, "unnamed reports", "asserts", kind="unnamed")
    plain_no = replace(ev(d, "Evening Post", "denies", kind="author"),
                       quote="Ortiz was not at the meeting")
    called_false = replace(plain_no, quote="The meeting story is a hoax")
    assert _lean(hearsay, plain_no) is None
    assert _lean(hearsay, called_false) == "false"
    # A participant's own denial outweighs hearsay; her own word the other way.
    assert _lean(hearsay, ev(d, "Lena Ortiz", "denies")) == "false"
    assert _lean(ev(d, "Lena Ortiz", "asserts"), plain_no) == "true"
    # Both sides first-hand: no lean.
    assert _lean(ev(d, "Lena Ortiz", "asserts"), ev(d, "Paul Brandt", "denies")) is None


def test_only_a_disputed_event_has_a_lean() -> None:
    d = doc(1, "Daily Ledger")
    v = event_verdict(build_clusters([mention(d, [ev(d, "Lena Ortiz", "denies")])])[0])
    assert v is not None and v.label == "denied" and v.lean is None
