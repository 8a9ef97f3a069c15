"""Verdicts rendered for people and for other tools.

``render(verdict, fmt)`` with ``fmt`` one of :data:`FORMATS`:

* ``text``: the terminal answer a journalist reads at a glance (label first,
  then who says what, quoted, with the document and the character span);
* ``json``: exactly :meth:`veracity.verify.Verdict.to_dict`;
* ``markdown``: the same as the text, for notes and tickets;
* ``claimreview``: schema.org ``ClaimReview`` JSON-LD, the interchange format
  of fact-checkers.

Renderers are pure functions from typed data to a string: no printing.
"""

from __future__ import annotations

import json

from veracity.render.claimreview import claim_review
from veracity.render.markdown import markdown
from veracity.render.text import history_text, text
from veracity.verify.types import HistoryPoint, Verdict

FORMATS: tuple[str, ...] = ("text", "json", "markdown", "claimreview")


def to_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def render(verdict: Verdict, fmt: str = "text") -> str:
    """The verdict as a string in one of :data:`FORMATS`."""
    if fmt == "text":
        return text(verdict)
    if fmt == "json":
        return to_json(verdict.to_dict())
    if fmt == "markdown":
        return markdown(verdict)
    if fmt == "claimreview":
        return to_json(claim_review(verdict))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_history(question: str, points: list[HistoryPoint], fmt: str = "text") -> str:
    if fmt == "json":
        return to_json({"question": question, "history": [p.to_dict() for p in points]})
    return history_text(question, points)


__all__ = ["FORMATS", "claim_review", "history_text", "markdown", "render", "render_history",
           "text", "to_json"]
