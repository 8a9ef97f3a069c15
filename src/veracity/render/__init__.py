"""Verdicts rendered for people and for other tools.

``render(verdict, fmt)`` with ``fmt`` one of :data:`FORMATS`:

* ``text``: the terminal answer a journalist reads at a glance (label first,
  then who says what, quoted, with the document and the character span);
* ``json``: exactly :meth:`veracity.verify.Verdict.to_dict`;
* ``markdown``: the same as the text, for notes and tickets;
* ``claimreview``: schema.org ``ClaimReview`` JSON-LD, the interchange format
  of fact-checkers.

Text and Markdown show stored text's control characters as ``\\xNN`` escapes
(``veracity.render.terminal``): article text must not drive the terminal.

Renderers are pure functions from typed data to a string: no printing.
"""

from __future__ import annotations

import json
from typing import Any

from veracity.render.human import history_text, markdown, text
from veracity.render.terminal import terminal_safe
from veracity.verify.types import HistoryPoint, Verdict

FORMATS: tuple[str, ...] = ("text", "json", "markdown", "claimreview")


# -- schema.org ClaimReview --------------------------------------------------
# schema.org ``ClaimReview`` JSON-LD: the verdict in fact-checkers' format.
#
# The rating is on a 1-5 scale (``worstRating`` 1 = denied, ``bestRating`` 5 =
# confirmed) with the label as ``alternateName``; ``no_evidence`` has no numeric
# rating.  Every document quoted becomes an ``appearance`` of the claim, so a
# reader of the review can follow it to the articles.  ``datePublished`` is the
# ``as_of`` date, else the newest evidence date: the same corpus gives the same
# review (no clock involved).

RATING: dict[str, int] = {"denied": 1, "disputed": 2, "reported": 3, "confirmed": 5}
NAMES: dict[str, str] = {"confirmed": "Confirmed", "reported": "Reported, not confirmed",
                         "disputed": "Disputed", "denied": "Denied", "no_evidence": "No evidence"}


def claim_review(v: Verdict) -> dict[str, Any]:
    lead = v.lead
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": NAMES.get(v.verdict, v.verdict)}
    if v.verdict in RATING:
        rating.update(ratingValue=RATING[v.verdict], bestRating=5, worstRating=1)
    if lead is not None:
        rating["ratingExplanation"] = f"{lead.summary}: {lead.reason}"
    appearances: list[dict[str, Any]] = []
    seen: set[int] = set()
    dates: list[str] = []
    for ev in v.events:
        for e in ev.evidence:
            if e.published:
                dates.append(e.published)
            if e.doc_id in seen:
                continue
            seen.add(e.doc_id)
            work: dict[str, Any] = {"@type": "CreativeWork"}
            if e.url:
                work["url"] = e.url
            if e.title:
                work["headline"] = e.title
            if e.published:
                work["datePublished"] = e.published
            if e.outlet:
                work["publisher"] = {"@type": "Organization", "name": e.outlet}
            appearances.append(work)
    item: dict[str, Any] = {"@type": "Claim", "name": v.claim.text}
    if appearances:
        item["appearance"] = appearances
    if lead is not None and lead.time:
        item["temporalCoverage"] = lead.time
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": v.claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": "veracity"},
    }
    published = v.as_of or (max(dates) if dates else None)
    if published:
        out["datePublished"] = published
    return out


def to_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def render(verdict: Verdict, fmt: str = "text") -> str:
    """The verdict as a string in one of :data:`FORMATS`."""
    if fmt == "text":
        return terminal_safe(text(verdict))
    if fmt == "json":
        return to_json(verdict.to_dict())
    if fmt == "markdown":
        return terminal_safe(markdown(verdict))
    if fmt == "claimreview":
        return to_json(claim_review(verdict))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_history(question: str, points: list[HistoryPoint], fmt: str = "text") -> str:
    if fmt == "json":
        return to_json({"question": question, "history": [p.to_dict() for p in points]})
    return terminal_safe(history_text(question, points))


__all__ = ["FORMATS", "claim_review", "history_text", "markdown", "render", "render_history",
           "text", "to_json"]
