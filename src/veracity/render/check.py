"""An article check rendered for people (terminal text, Markdown) and as JSON.

Terminal: a summary line (claims, contested, without evidence), then each claim
in order of importance, its label first, who in the article says it, and what
the rest of the corpus says, as ``veracity ask`` shows it:

    [1] DISPUTED   Marta Keller resigned as head of the harbour authority on Tuesday  (lead)
        in the article: city council asserts
                   "Marta Keller resigned as head of ... the city council said"
        the rest of the corpus: DENIED
        denies       Marta Keller  (first-hand)
                     "Marta Keller denied on Wednesday that she had resigned ..."
                     doc 1 · Keller says she has not resigned ... · 2024-05-09 · chars 0-98
"""

from __future__ import annotations

import json

from veracity.render.human import QUOTE_WIDTH, escape, event_lines, near_miss_lines, shorten
from veracity.verify.check import ArticleCheck, CheckedClaim
from veracity.verify.claims import Aside

CHECK_FORMATS: tuple[str, ...] = ("text", "json", "markdown")
_INDENT = " " * 4


def summary(check: ArticleCheck) -> str:
    """One line: how many claims, how many contested, how many without evidence."""
    n = len(check.claims)
    contested = sum(c.contested for c in check.claims)
    return (f"{n} claim(s) checked against the rest of the corpus: {contested} contested, "
            f"{check.no_evidence} found no evidence")


def _where(c: CheckedClaim) -> str:
    tags = []
    if c.claim.headline:
        tags.append("headline")
    elif c.claim.lead:
        tags.append("lead")
    return f"  ({', '.join(tags)})" if tags else ""


def _claim_text(i: int, c: CheckedClaim) -> list[str]:
    lines = [f"[{i}] {c.verdict.upper():<10} {c.claim.statement}{_where(c)}"]
    if c.reason:
        lines.append(f"{_INDENT}{c.reason}")
    own = ", ".join(f"{s.source} {s.stance}" for s in c.claim.stances)
    lines.append(f"{_INDENT}in the article: {own}")
    lines.append(f'{_INDENT}           "{shorten(c.claim.quote)}"'
                 + (f"  chars {c.claim.start}-{c.claim.end}" if c.claim.start is not None
                    else ""))
    lead = c.answer.lead
    if lead is None:
        lines.append(f"{_INDENT}the rest of the corpus: nothing speaks to it (no_evidence)")
    else:
        lines.append(f"{_INDENT}the rest of the corpus: {lead.label.upper()}")
        lines += [_INDENT + x for x in event_lines(lead)[1:]]
    if c.answer.near_misses:
        lines.append(f"{_INDENT}near misses (not counted):")
        lines += [_INDENT + x for x in near_miss_lines(c.answer)]
    return lines


def _aside_line(a: Aside) -> str:
    return f"  {a.kind:<13} \"{shorten(a.quote, QUOTE_WIDTH)}\""


def text(check: ArticleCheck) -> str:
    head = check.title or "(untitled article)"
    meta = " · ".join(x for x in (check.source, check.published) if x)
    lines = [head] + ([meta] if meta else [])
    lines.append(summary(check))
    if check.as_of:
        lines.append(f"as of {check.as_of} (documents published by then)")
    for i, c in enumerate(check.claims, 1):
        lines += [""] + _claim_text(i, c)
    if not check.claims:
        lines += ["", "no claims found: nothing in the article is stated as having happened"]
    if check.asides:
        lines += ["", "Not checked (intentions, predictions, conditions, opinions):"]
        lines += [_aside_line(a) for a in check.asides]
    if check.notes:
        lines += [""] + [f"note: {n}" for n in check.notes]
    return "\n".join(lines) + "\n"


def markdown(check: ArticleCheck) -> str:
    lines = [f"## Check: {escape(check.title or 'untitled article')}", ""]
    meta = " · ".join(escape(x) for x in (check.source, check.published) if x)
    if meta:
        lines += [meta, ""]
    lines += [f"**{escape(summary(check))}**", ""]
    for i, c in enumerate(check.claims, 1):
        lines.append(f"### {i}. {c.verdict.replace('_', ' ').capitalize()}: "
                     f"{escape(c.claim.statement)}{escape(_where(c))}")
        lines.append("")
        if c.reason:
            lines += [f"*{escape(c.reason)}*", ""]
        own = ", ".join(f"{escape(s.source)} *{s.stance}*" for s in c.claim.stances)
        lines += [f"In the article: {own}", f"> {escape(shorten(c.claim.quote, 400))}", ""]
        lead = c.answer.lead
        if lead is None:
            lines += ["The rest of the corpus: nothing speaks to it.", ""]
        else:
            lines += [f"The rest of the corpus: **{lead.label.replace('_', ' ')}** — "
                      f"{escape(lead.reason)}", ""]
            for e in lead.evidence:
                lines.append(f"- **{escape(e.source)}** — *{e.stance}*: "
                             f"{escape(shorten(e.quote, 400))} (doc {e.doc_id}, "
                             f"{escape(e.title or 'untitled')}, {e.published or 'undated'}, "
                             f"chars {e.start}–{e.end})")
            lines.append("")
    if check.asides:
        lines += ["### Not checked (intentions, predictions, conditions, opinions)", ""]
        lines += [f"- {a.kind}: {escape(shorten(a.quote, 400))}" for a in check.asides]
        lines.append("")
    for n in check.notes:
        lines.append(f"*Note: {escape(n)}*")
    return "\n".join(lines).rstrip() + "\n"


def render_check(check: ArticleCheck, fmt: str = "text") -> str:
    """The check as a string in one of :data:`CHECK_FORMATS`."""
    if fmt == "text":
        return text(check)
    if fmt == "json":
        return json.dumps(check.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return markdown(check)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(CHECK_FORMATS)}")
