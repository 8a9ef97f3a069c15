"""Renderings for people: the terminal answer and Markdown.

Terminal: the label first, then who says what, quoted, with where:

    DISPUTED  phone call — Donald Trump and Vladimir Putin, 2024-11-07 (last Thursday)
              asserted by unnamed reports; denied by Kremlin (first-hand); ...
      denies       Kremlin  (first-hand)
                   "The Kremlin is denying reports that ..."
                   doc 1 · Did Trump actually talk to Putin? · 2024-11-11 · chars 0-119

Quotes longer than :data:`QUOTE_WIDTH` are shortened around the middle (the
JSON has them whole).  Markdown is the same answer for notes, tickets and
newsroom chat; text from articles is escaped there so a quote cannot turn into
links, emphasis or HTML when the Markdown is rendered.
"""

from __future__ import annotations

import re

from veracity.verify.types import EventVerdict, Evidence, HistoryPoint, Verdict

QUOTE_WIDTH = 220
_INDENT = " " * 15


def shorten(quote: str, width: int = QUOTE_WIDTH) -> str:
    quote = " ".join(quote.split())
    if len(quote) <= width:
        return quote
    half = (width - 3) // 2
    return quote[:half].rstrip() + " … " + quote[-half:].lstrip()


def where(e: Evidence) -> str:
    """Where a quote is: document, title, outlet, date, span (and URL)."""
    parts = [f"doc {e.doc_id}" + (f", caption {e.caption}" if e.caption is not None else "")]
    if e.title:
        parts.append(e.title)
    if e.outlet:
        parts.append(e.outlet)
    parts.append(e.published or "undated")
    parts.append(f"chars {e.start}-{e.end}")
    if e.url:
        parts.append(e.url)
    out = " · ".join(parts)
    if not e.counted and e.copy_of is not None:
        out += f"  [copy of doc {e.copy_of}: counted once]"
    return out


def who(e: Evidence) -> str:
    tags = []
    if e.first_hand:
        tags.append("first-hand")
    if e.source_kind == "unnamed":
        tags.append("unnamed")
    if e.source_kind == "caption":
        tags.append("photo caption")
    if e.source_kind == "author":
        tags.append("the outlet itself")
    if e.method == "stance-model":
        tags.append("article stance model")
    if e.speaks_for and e.speaks_for != e.source:
        tags.append(f"for {e.speaks_for}")
    return e.source + (f"  ({', '.join(tags)})" if tags else "")


def event_lines(ev: EventVerdict) -> list[str]:
    lean = f" (leans {ev.lean})" if ev.lean else ""
    lines = [f"{ev.label.upper() + lean:<9} {ev.summary}"]
    if ev.reason:
        lines.append(f"{'':<9} {ev.reason}")
    for e in ev.evidence:
        lines.append(f"  {e.stance:<12} {who(e)}")
        lines.append(f'{_INDENT}"{shorten(e.quote)}"')
        lines.append(f"{_INDENT}{where(e)}")
    return lines


def understood(v: Verdict) -> str:
    """The question's constraints in one line: "Trump · Putin (near) · words: talk"."""
    parts = []
    for c in v.understood:
        scope = c.get("scope")
        tag = "" if scope in (None, "sentence") else f" ({scope})"
        if c["kind"] == "words":
            parts.append(f"words: {c['text']}")
        elif c["kind"] in ("quote", "said"):
            parts.append(f"{c['kind']}: {c['text']}{tag}")
        else:
            parts.append(f"{c['text']}{tag}")
    return " · ".join(parts)


def near_miss_lines(v: Verdict) -> list[str]:
    lines = []
    for m in v.near_misses:
        lines.append(f"  no match on {', '.join(m.missed)}")
        lines.append(f'{_INDENT}"{shorten(m.quote)}"')
        where_ = f"doc {m.doc_id}" + (f" · {m.title}" if m.title else "") \
            + (f" · {m.published}" if m.published else "") + f" · chars {m.start}-{m.end}"
        lines.append(f"{_INDENT}{where_}")
    return lines


def text(v: Verdict) -> str:
    lines = [v.question]
    if v.claim.text and v.claim.text.rstrip("?") != v.question.rstrip("?"):
        lines.append(f"claim: {v.claim.text}")
    if v.understood:
        lines.append(f"understood as: {understood(v)}")
    if v.as_of:
        lines.append(f"as of {v.as_of} (documents published by then)")
    if v.claim.polarity == "negative":
        lines.append("the question asks whether this did NOT happen: labels below say "
                     "whether it happened")
    lines.append("")
    lead = v.lead
    if lead is None:
        lines.append(f"{v.verdict.upper():<9} nothing in the corpus says whether this happened"
                     + (" at the time asked about" if v.events else ""))
    else:
        lines += event_lines(lead)
    others = [e for e in v.events if not e.lead]
    if others:
        lines += ["", "Other matching events:" if lead else "Matching events at other times:"]
        for ev in others:
            lines += [""] + event_lines(ev)
    if v.near_misses:
        lines += ["", "Near misses (not counted):"] + near_miss_lines(v)
    notes = [n for n in v.notes if not n.startswith("nothing in the corpus")]
    if notes:
        lines += [""] + [f"note: {n}" for n in notes]
    return "\n".join(lines) + "\n"


def history_text(question: str, points: list[HistoryPoint]) -> str:
    """One line per date: the verdict as it stood once that date's documents were out."""
    lines = [question]
    prev = None
    for p in points:
        lead = p.verdict.lead
        what = lead.summary if lead else "-"
        sources = ""
        if lead:
            sources = ", ".join(f"{n} {s}" for s, n in sorted(lead.sources.items()))
        change = "" if prev is None or prev == p.verdict.verdict else f"  (was {prev})"
        date = p.date or "all (incl. undated)"
        lines.append(f"{date:<12} {p.verdict.verdict:<11} +{p.new_documents} doc(s)  {what}"
                     + (f"  [{sources}]" if sources else "") + change)
        prev = p.verdict.verdict
    return "\n".join(lines) + "\n"


# -- Markdown ----------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def escape(s: str) -> str:
    return _SPECIAL.sub(r"\\\1", s)


def _evidence(e: Evidence) -> list[str]:
    tags = []
    if e.first_hand:
        tags.append("first-hand")
    if e.source_kind in ("unnamed", "caption"):
        tags.append("photo caption" if e.source_kind == "caption" else "unnamed")
    if e.method == "stance-model":
        tags.append("article stance model")
    head = f"- **{escape(e.source)}**" + (f" ({', '.join(tags)})" if tags else "") \
        + f" — *{e.stance}*"
    title = escape(e.title or f"document {e.doc_id}")
    link = f"[{title}](<{e.url}>)" if e.url else title
    meta = [link]
    if e.outlet:
        meta.append(escape(e.outlet))
    meta.append(e.published or "undated")
    span = f"doc {e.doc_id}" + (f", caption {e.caption}" if e.caption is not None else "") \
        + f", chars {e.start}–{e.end}"
    meta.append(span)
    if not e.counted and e.copy_of is not None:
        meta.append(f"copy of doc {e.copy_of}, counted once")
    return [head, f"  > {escape(shorten(e.quote, 400))}", f"  <br>{' · '.join(meta)}"]


def _event(ev: EventVerdict, level: str) -> list[str]:
    lines = [f"{level} {ev.label.replace('_', ' ').capitalize()}: {escape(ev.summary)}", ""]
    if ev.reason:
        lines += [f"*{escape(ev.reason)}*", ""]
    for e in ev.evidence:
        lines += _evidence(e)
    return lines + [""]


def markdown(v: Verdict) -> str:
    lines = [f"## {escape(v.question)}", ""]
    lines.append(f"**Verdict: {v.verdict.replace('_', ' ')}**"
                 + (f" (as of {v.as_of})" if v.as_of else ""))
    lines.append("")
    lines.append(f"Claim checked: {escape(v.claim.text)}")
    if v.understood:
        lines.append(f"<br>Understood as: {escape(understood(v))}")
    lines.append("")
    lead = v.lead
    if lead is not None:
        lines += _event(lead, "###")
    elif not v.events:
        lines += ["Nothing in the corpus says whether this happened.", ""]
    others = [e for e in v.events if not e.lead]
    if others:
        lines += ["### Other matching events" if lead else "### Matching events at other times",
                  ""]
        for ev in others:
            lines += _event(ev, "####")
    if v.near_misses:
        lines += ["### Near misses (not counted)", ""]
        for m in v.near_misses:
            lines += [f"- no match on {escape(', '.join(m.missed))}",
                      f"  > {escape(shorten(m.quote, 400))}",
                      f"  <br>{escape(m.title or f'document {m.doc_id}')} · "
                      f"{m.published or 'undated'} · doc {m.doc_id}, chars {m.start}–{m.end}"]
        lines.append("")
    for n in v.notes:
        lines.append(f"*Note: {escape(n)}*")
    return "\n".join(lines).rstrip() + "\n"
