"""Mentions across documents -> real-world events (clusters) -> a verdict each.

Clustering: mentions of compatible classes whose times overlap are one event;
the same people at different times are different events (a 2017 meeting and a
2024 call).  A mention without a time joins an event of its own document (the
article's "the conversation" is the call it reports), else the only known
event it can be (it cannot have happened after its document was published),
else an event "time unknown".

Verdict (``../shared/design/product.md``): sources are counted once each, by
who they are, not by how often they are printed:

* an outlet speaking for itself (the author) is one source per outlet, and
  near-duplicate copies of one story (``copy_of``) are one source whatever
  outlet reprinted them;
* a named source is one source however many articles quote it; a
  spokesperson counts as the government or person they speak for;
* a photo caption speaks for its credit (the agency);
* unnamed sources ("reports", "officials") count, but never confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from veracity.read import lexicon as lx
from veracity.verify.aliases import government, same_entity
from veracity.verify.types import EventVerdict, Evidence
from veracity.verify.words import FALSITY, _words, stem

ASSERTING = frozenset({"asserts"})
HEDGED = frozenset({"probable", "possible"})
# The communication family: a talk may have been a call or a meeting, but a call
# is never a meeting.
_TALK = "communicate"
_TALK_FAMILY = frozenset({"communicate", "phone_call", "meet"})
CLASS_NAMES = {"phone_call": "phone call", "communicate": "talk", "meet": "meeting",
                "say": "statement", "agree": "agreement", "reject": "rejection",
                "attack": "attack", "arrest": "arrest", "resign": "resignation",
                "elect": "election", "give": "transfer", "visit": "visit"}


@dataclass(frozen=True)
class DocInfo:
    id: int
    title: str | None
    outlet: str | None
    published: str | None  # ISO date (the day), or None
    url: str | None
    kind: str
    copy_of: int | None
    group: int  # documents of one outlet or one copied story share a group


@dataclass
class Mention:
    doc: DocInfo
    event_id: int
    lemma: str
    cls: str
    participants: tuple[str, ...]
    time: str | None
    time_text: str | None
    granularity: str | None
    interval: tuple[str, str] | None
    place: str | None
    caption: int | None
    evidence: list[Evidence]
    # Found as a sentence meeting every part of the question (not as an event
    # frame): undated ones are one event however far apart they were printed.
    statement: bool = False


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    interval: tuple[str, str] | None = None

    @property
    def docs(self) -> set[int]:
        return {m.doc.id for m in self.mentions}

    def latest_published(self) -> str:
        return max((m.doc.published or "" for m in self.mentions), default="")

    def earliest_published(self) -> str | None:
        dates = [m.doc.published for m in self.mentions if m.doc.published]
        return min(dates) if dates else None


def classes_fit(a: str, b: str) -> bool:
    if a == b:
        return True
    return _TALK in (a, b) and a in _TALK_FAMILY and b in _TALK_FAMILY


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _narrow(a: tuple[str, str] | None, b: tuple[str, str]) -> tuple[str, str]:
    if a is None:
        return b
    return (max(a[0], b[0]), min(a[1], b[1])) if _overlap(a, b) else a


def build_clusters(mentions: list[Mention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    timed = sorted((m for m in mentions if m.interval), key=lambda m: (
        m.interval[1 if m.granularity == "day" else 0] if m.interval else "", m.doc.id))
    # Most precise times first, so a day anchors the week or year around it.
    timed.sort(key=lambda m: _width(m))
    for m in timed:
        assert m.interval is not None
        home = next((c for c in clusters if c.interval and _overlap(c.interval, m.interval)
                     and all(classes_fit(k, m.cls) for k in c.classes)
                     and _same_people(c, m)), None)
        if home is None:
            home = Cluster()
            clusters.append(home)
        home.mentions.append(m)
        home.classes.add(m.cls)
        home.interval = _narrow(home.interval, m.interval)
    unknown: list[Cluster] = []
    for m in (m for m in mentions if not m.interval):
        fits = [c for c in clusters if all(classes_fit(k, m.cls) for k in c.classes)
                and _same_people(c, m)]
        # The event its own document (or caption) already tells, dated or not.
        same_doc = [c for c in fits + [c for c in unknown if all(
            classes_fit(k, m.cls) for k in c.classes) and _same_people(c, m)] if any(
            x.doc.id == m.doc.id and x.caption == m.caption for x in c.mentions)]
        before = [c for c in fits if c.interval and (
            m.doc.published is None or c.interval[0] <= m.doc.published)]
        home = same_doc[0] if same_doc else before[0] if len(before) == 1 else None
        if home is None:
            home = next((c for c in unknown if all(classes_fit(k, m.cls) for k in c.classes)
                         and _same_people(c, m)
                         and (_near_in_time(c, m) or m.statement
                              and any(x.statement for x in c.mentions))), None)
            if home is None:
                home = Cluster()
                unknown.append(home)
        home.mentions.append(m)
        home.classes.add(m.cls)
    return clusters + unknown


def _same_people(c: Cluster, m: Mention) -> bool:
    """Whether a mention can be of the cluster's event by who takes part: a
    question naming nobody ("did someone resign?") never merges strangers."""
    if not m.participants:
        return True
    theirs = {p for x in c.mentions for p in x.participants}
    return not theirs or any(p == q or same_entity(p, q) for p in m.participants
                             for q in theirs)


# Undated mentions in documents published this many days apart are not taken
# for one event: news reports what just happened, so an undated "visit" in
# January and another in August are two visits.  A judgement, not tuned.
UNDATED_SPAN_DAYS = 14


def _near_in_time(c: Cluster, m: Mention) -> bool:
    a = m.doc.published
    dates = [x.doc.published for x in c.mentions]
    if a is None or any(d is None for d in dates):
        return a is None and all(d is None for d in dates)
    da = date.fromisoformat(a)
    return any(abs((date.fromisoformat(d) - da).days) <= UNDATED_SPAN_DAYS
               for d in dates if d is not None)


def _width(m: Mention) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}.get(m.granularity or "", 4)


def source_key(e: Evidence, group: int) -> str:
    """Who a piece of evidence speaks for, so each source counts once."""
    if e.source_kind in ("author", "model"):
        return f"group:{group}"
    if e.source_kind == "caption":
        return f"credit:{e.source.lower()}"
    if e.source_kind == "unnamed":
        # Two unnamed sources of one outlet are one voice only when named alike.
        return f"unnamed:{group}:{e.source.lower()}"
    voice = e.speaks_for or e.source
    gov = government(voice)
    if len(gov) > 1:  # a government institution speaks for its country
        return "gov:" + sorted(gov)[0]
    return f"named:{voice.lower()}"


@dataclass
class Tally:
    stance: dict[str, str] = field(default_factory=dict)  # source key -> stance
    when: dict[str, tuple[str, str]] = field(default_factory=dict)
    first_hand: set[str] = field(default_factory=set)
    unnamed: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)  # source key -> shown name
    # Sources whose denial answers the reports ("denied reports of", "a hoax",
    # "No, ...") and sources confirming them ("confirmed").
    rebuts: set[str] = field(default_factory=set)
    confirms: set[str] = field(default_factory=set)

    def keys(self, stances: frozenset[str]) -> list[str]:
        return sorted(k for k, s in self.stance.items() if s in stances)


_RANK = {"denies": 5, "asserts": 4, "probable": 3, "possible": 2, "no_comment": 1,
         "uncommitted": 0}


def tally(cluster: Cluster, participants: tuple[str, ...]) -> Tally:
    t = Tally()
    for m in cluster.mentions:
        for e in m.evidence:
            if e.method == "stance-model" and e.stance == "denies":
                # The article model's "disagree" is right about half the time
                # on new claims: shown, never counted as a denial.
                continue
            key = source_key(e, m.doc.group)
            if key.startswith("named:") and key not in t.stance:
                # "the Post" is "the New York Post" already counted.
                key = next((k for k in t.stance if k.startswith("named:")
                            and same_entity(k[6:], key[6:])), key)
            # A source that changed its mind speaks through its latest document,
            # and inside one document through what it says of the latest time
            # ("refused to endorse him in July" then "is endorsing him").
            published = m.doc.published or ""
            when = (published, (m.interval[1] if m.interval else published) or "")
            old = t.stance.get(key)
            if old is None or when > t.when[key] or (
                    when == t.when[key] and _RANK[e.stance] > _RANK[old]):
                t.stance[key] = e.stance
                t.when[key] = when
            t.names.setdefault(key, e.source)
            if e.first_hand or any(same_entity(p, e.speaks_for or e.source)
                                   for p in participants):
                t.first_hand.add(key)
            if e.source_kind == "unnamed":
                t.unnamed.add(key)
            if e.stance == "denies" and rebuts(e):
                t.rebuts.add(key)
            if e.stance == "asserts" and e.cue and stem(e.cue.split()[0]) in _CONFIRMING:
                t.confirms.add(key)
    return t


# Words of a denial that answers what was reported: a verb of denial, the
# report it answers, or calling it false.
_REBUTTING = frozenset(stem(w) for w in lx.DENIAL_VERBS | lx.REPORT_NOUNS | FALSITY)
_CONFIRMING = frozenset(stem(w) for w in ("confirm", "acknowledge", "admit", "verify"))


def rebuts(e: Evidence) -> bool:
    """Whether a denial answers the reports ("denied reports of his arrest",
    "the video is a hoax", "No, that wasn't Rudd"), not only says otherwise."""
    return bool({stem(w) for w in _words(f"{e.cue or ''} {e.quote}")} & _REBUTTING) \
        or e.quote.lstrip().lower().startswith(("no,", "no ", "nope"))


def lean(t: Tally) -> str | None:
    """Which way a disputed event leans, by the weight of its sources: false
    when a denial is first-hand or answers the reports and no assertion is
    first-hand or a confirmation; true the other way round; else neither."""
    asserting = t.keys(ASSERTING)
    denying = t.keys(frozenset({"denies"}))
    strong_no = any(k in t.first_hand or k in t.rebuts for k in denying)
    strong_yes = any(k in t.first_hand or k in t.confirms for k in asserting)
    if strong_no != strong_yes:
        return "false" if strong_no else "true"
    return None


def label(t: Tally) -> tuple[str | None, str]:
    """The verdict label of one event from its sources, and why in words."""
    asserting = t.keys(ASSERTING)
    hedged = t.keys(HEDGED)
    denying = t.keys(frozenset({"denies"}))
    silent = t.keys(frozenset({"no_comment"}))

    def who(keys: list[str]) -> str:
        return ", ".join(t.names[k] + (" (first-hand)" if k in t.first_hand else "")
                         for k in keys)

    parts = []
    if asserting:
        parts.append(f"asserted by {who(asserting)}")
    if hedged:
        parts.append(f"called likely or possible by {who(hedged)}")
    if denying:
        parts.append(f"denied by {who(denying)}")
    if silent:
        parts.append(f"no comment from {who(silent)}")
    reason = "; ".join(parts)
    if (asserting or hedged) and denying:
        way = lean(t)
        if way is not None:
            return "disputed", reason + f" — leans {way}: " + (
                "a denial is first-hand or answers the reports, no assertion is first-hand "
                "or a confirmation" if way == "false" else "an assertion is first-hand or a "
                "confirmation, no denial is first-hand or answers the reports")
        return "disputed", reason
    if denying:
        return "denied", reason
    if asserting:
        named = [k for k in asserting if k not in t.unnamed]
        if any(k in t.first_hand for k in asserting):
            return "confirmed", reason + " — first-hand"
        if len(named) >= 2:
            return "confirmed", reason + f" — {len(named)} independent sources"
        if not named:
            return "reported", reason + " — unnamed sources only"
        return "reported", reason + " — a single source"
    if hedged:
        return "reported", reason + " — hedged"
    return None, reason


def summarize(cls: str, lemma: str, participants: tuple[str, ...], time: str | None,
              time_text: str | None, place: str | None) -> str:
    what = CLASS_NAMES.get(cls, lemma) if cls != "generic" else lemma
    who = " and ".join(participants) if len(participants) <= 2 else ", ".join(participants)
    out = f"{what} — {who}" if who else what
    if place:
        out += f", {place}"
    if time:
        out += f", {time}"
        if time_text and time_text != time:
            out += f" ({time_text})"
    elif time_text:
        out += f", {time_text} (unresolved)"
    else:
        out += ", time unknown"
    return out


def event_verdict(cluster: Cluster) -> EventVerdict | None:
    """The verdict on one cluster, or None when no source takes a position."""
    ms = cluster.mentions
    participants: list[str] = []
    # Full names first, so "Ortiz" from a later article folds into "Lena Ortiz".
    for m in sorted(ms, key=lambda m: (-sum(len(p) for p in m.participants), m.doc.id)):
        for p in m.participants:
            if not any(p == q or same_entity(p, q) for q in participants):
                participants.append(p)
    t = tally(cluster, tuple(participants))
    lab, reason = label(t)
    if lab is None:
        return None
    timed = sorted((m for m in ms if m.time), key=_width)
    best = timed[0] if timed else next((m for m in ms if m.time_text), None)
    cls = next((c for c in ("phone_call", "meet") if c in cluster.classes),
               sorted(cluster.classes)[0])
    lemma = next((m.lemma for m in ms if m.cls == cls), ms[0].lemma)
    place = next((m.place for m in ms if m.place), None)
    seen: set[tuple[object, ...]] = set()
    evidence: list[Evidence] = []
    order = {"denies": 0, "asserts": 1, "probable": 2, "possible": 3, "no_comment": 4,
             "uncommitted": 5}
    for m in sorted(ms, key=lambda m: (m.doc.published or "", m.doc.id)):
        for e in m.evidence:
            k = (e.doc_id, e.caption, e.source, e.stance, e.start, e.end)
            if k not in seen:
                seen.add(k)
                evidence.append(e)
    evidence.sort(key=lambda e: (order.get(e.stance, 9), not e.counted, e.published or "",
                                 e.doc_id, e.start))
    counts: dict[str, int] = {}
    for s in t.stance.values():
        counts[s] = counts.get(s, 0) + 1
    return EventVerdict(
        label=lab, predicate=lemma, cls=cls, participants=tuple(participants),
        time=best.time if best else None, time_text=best.time_text if best else None,
        time_granularity=best.granularity if best else None, place=place,
        summary=summarize(cls, lemma, tuple(participants), best.time if best else None,
                          best.time_text if best else None, place),
        reason=reason, evidence=tuple(evidence), sources=counts,
        documents=tuple(sorted(cluster.docs)), mentions=len(ms),
        lean=lean(t) if lab == "disputed" else None)
