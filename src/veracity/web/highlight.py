"""Article text as HTML with highlighted spans, safe against hostile text.

The text of a stored page is whatever the page said, scripts included.  It is
never passed to the browser as markup: the text is cut at the span offsets and
each piece is escaped on its own, and the only tags in the result are the
``<span>`` and ``<mark>`` elements built here from fixed class names.  Spans may
nest or overlap (a nested attribution's source lies inside another's content;
a quoted piece of evidence may straddle both), so the text is cut at every
boundary and each piece carries the classes of all spans covering it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Highlight kinds, in the order their classes are written; each has its own
# colour in static/style.css.
KINDS: tuple[str, ...] = ("content", "source", "cue", "event", "quote")


@dataclass(frozen=True)
class Mark:
    """A span to highlight: [start, end) in the text, a kind, a tooltip."""

    start: int
    end: int
    kind: str
    title: str = ""


def marks_for(analysis: dict[str, Any], caption: int | None, *,
              events: bool = True) -> list[Mark]:
    """Highlights for the main text (``caption`` None) or one caption.

    ``analysis`` is ``Analysis.to_dict()``: attributions give source, cue and
    content spans; events (unless ``events`` is False) give their predicate word.
    """
    out: list[Mark] = []
    for a in analysis.get("attributions", ()):
        if a.get("caption") != caption:
            continue
        who = a.get("source") or "unnamed source"
        cue_class = a.get("cue_class") or ""
        if a.get("source_span"):
            s = a["source_span"]
            out.append(Mark(s["start"], s["end"], "source", f"source: {who}"))
        c = a["cue"]
        out.append(Mark(c["start"], c["end"], "cue", f"cue ({cue_class}) of {who}"))
        for s in a.get("content_parts") or ([a["content"]] if a.get("content") else []):
            out.append(Mark(s["start"], s["end"], "content", f"content attributed to {who}"))
    for e in analysis.get("events", ()) if events else ():
        if e.get("caption") != caption:
            continue
        start, end = e.get("predicate_start"), e.get("predicate_end")
        if start is None or end is None:
            continue
        who = ", ".join(e.get("participants") or ()) or "no participants"
        out.append(Mark(start, end, "event", f"event {e.get('id')}: {e.get('class')} ({who})"))
    return out


def _clean(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Spans clipped to the text; empty or inverted ones dropped (a stale
    analysis of an edited text must not break the page)."""
    out = []
    for m in marks:
        start, end = max(0, int(m.start)), min(length, int(m.end))
        if start < end and m.kind in KINDS:
            out.append(Mark(start, end, m.kind, m.title))
    return out


def highlight(text: str, marks: Sequence[Mark], *, anchor: str = "quote") -> Markup:
    """``text`` as escaped HTML with each mark wrapped in class ``hl-KIND``.

    Pieces covered by a ``quote`` mark are ``<mark>`` elements, and the first of
    them carries ``id=anchor`` so that a link ending in ``#quote`` scrolls to the
    quoted evidence.
    """
    spans = _clean(marks, len(text))
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    parts: list[str] = []
    anchored = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        covering = [m for m in spans if m.start <= a and m.end >= b]
        if not covering:
            parts.append(piece)
            continue
        kinds = {m.kind for m in covering}
        classes = " ".join(f"hl-{k}" for k in KINDS if k in kinds)
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        attrs = f' class="{classes}"'
        if title:
            attrs += f' title="{escape(title)}"'
        tag = "span"
        if "quote" in kinds:
            tag = "mark"
            if not anchored:
                attrs = f' id="{escape(anchor)}"' + attrs
                anchored = True
        parts.append(f"<{tag}{attrs}>{piece}</{tag}>")
    return Markup("".join(parts))


# Verdict labels a claim link may carry as its class (anything else is shown plain).
CLAIM_LABELS: tuple[str, ...] = ("confirmed", "reported", "disputed", "denied", "no_evidence")


@dataclass(frozen=True)
class ClaimSpan:
    """A claim's sentence in an article checked: [start, end), its id and verdict."""

    start: int
    end: int
    claim_id: str
    label: str
    title: str = ""


def link_claims(text: str, spans: Sequence[ClaimSpan]) -> Markup:
    """``text`` as escaped HTML with each claim's sentence a link to the claim's
    evidence (``#claim-ID``), in its verdict's colour (class ``claim label-X``).

    Claims of one sentence share its link (the first given, the one that matters
    most); a span overlapping one already placed is left out."""
    placed: list[ClaimSpan] = []
    for s in spans:
        start, end = max(0, int(s.start)), min(len(text), int(s.end))
        if start >= end or any(start < p.end and p.start < end for p in placed):
            continue
        placed.append(ClaimSpan(start, end, s.claim_id, s.label, s.title))
    placed.sort(key=lambda s: s.start)
    parts: list[str] = []
    at = 0
    for s in placed:
        parts.append(escape(text[at:s.start]))
        label = s.label if s.label in CLAIM_LABELS else "no_evidence"
        cid = "".join(c for c in s.claim_id if c.isalnum())
        title = f' title="{escape(s.title)}"' if s.title else ""
        parts.append(f'<a class="claim label-{label}" href="#claim-{cid}" '
                     f'id="text-{cid}"{title}>{escape(text[s.start:s.end])}</a>')
        at = s.end
    parts.append(escape(text[at:]))
    return Markup("".join(parts))
