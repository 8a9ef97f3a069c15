"""Days and intervals as the verifier compares them: a document's day of
publication, an event's first and last day, a time window's value."""

from __future__ import annotations

from veracity.read.timex import parse_date
from veracity.read.types import Event
from veracity.verify.claim import interval
from veracity.verify.types import TimeWindow


def _day(published: str | None) -> str | None:
    d = parse_date(published)
    return d.isoformat() if d else None


def window_value(w: TimeWindow) -> str | None:
    """The ISO value of a time window at its granularity ("2013", "2016-09")."""
    if w.start is None:
        return None
    return {"year": w.start[:4], "month": w.start[:7]}.get(w.granularity or "day", w.start)


def event_interval(e: Event) -> tuple[str, str] | None:
    if not e.time:
        return None
    try:
        return interval(e.time, e.time_granularity)
    except (ValueError, IndexError):
        return None
