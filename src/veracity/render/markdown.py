"""The verdict as Markdown, for notes, tickets and newsroom chat.

Text from articles is escaped so a quote cannot turn into links, emphasis or
HTML when the Markdown is rendered.
"""

from __future__ import annotations

import re

from veracity.render.text import shorten
from veracity.verify.types import EventVerdict, Evidence, Verdict

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
    for n in v.notes:
        lines.append(f"*Note: {escape(n)}*")
    return "\n".join(lines).rstrip() + "\n"
