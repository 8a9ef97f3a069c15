"""Watches, standing questions, alerts and verdict changes as terminal lines.

Everything here can hold text from the web (a feed's title, an article's
title, an error a server sent), so every line goes through ``one_line``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from veracity.render.terminal import one_line
from veracity.store.base import StandingQuestion, VerdictChange, Watch


def _doc(d: Any) -> str:
    if getattr(d, "removed", False):
        return f"doc {d.id} (removed)"
    title = f' "{d.title}"' if getattr(d, "title", None) else ""
    url = f" <{d.url}>" if getattr(d, "url", None) else ""
    return f"doc {d.id}{title}{url}"


def alert_line(alert: Any) -> str:
    """``alert: "Did …?" reported -> disputed: doc 4 "Title" <url>`` (one line)."""
    c = alert.change
    docs = "; ".join(_doc(d) for d in alert.documents) or "no document named"
    return one_line(f'alert: "{alert.question.question}" {c.old_verdict} -> {c.verdict}: '
                    f"{docs}")


def watch_line(w: Watch) -> str:
    kind = w.kind or "not polled yet"
    state = (f"failing ({w.failures}x: {w.last_error}; next try {w.retry_at})"
             if w.failures else (f"ok {w.ok_at}" if w.ok_at else "never polled"))
    title = f'  "{w.title}"' if w.title else ""
    return one_line(f"{w.id:>4}  {w.url}  [{kind}]  {state}{title}")


def question_line(q: StandingQuestion) -> str:
    hook = f"  webhook {q.webhook}" if q.webhook else ""
    return one_line(f"{q.id:>4}  {q.verdict or '-':<11}  {q.question}{hook}")


def watch_list(watches: Sequence[Watch], questions: Sequence[StandingQuestion]) -> str:
    lines = ["Feeds and sitemaps:"]
    lines += [watch_line(w) for w in watches] or ["  (none; add one with 'veracity watch add URL')"]
    lines += ["", "Standing questions:"]
    lines += [question_line(q) for q in questions] or [
        "  (none; add one with 'veracity watch ask QUESTION')"]
    return "\n".join(lines) + "\n"


def changes_text(q: StandingQuestion, changes: Sequence[VerdictChange],
                 docs: dict[int, Any]) -> str:
    """A standing question's recorded changes, each with the documents that caused it."""
    lines = [one_line(f"Standing question since {q.added_at}; verdict changes:")]
    for c in changes:
        was = "first answer" if c.old_verdict is None else f"{c.old_verdict} -> {c.verdict}"
        head = f"{c.at}  {c.verdict:<11} ({was})" + (f"  {c.lead}" if c.lead else "")
        lines.append(one_line(head))
        for d in c.doc_ids:
            ref = docs.get(d)
            lines.append(one_line("    " + (_doc(ref) if ref is not None
                                             else f"doc {d} (removed)")))
    return "\n".join(lines) + "\n"
