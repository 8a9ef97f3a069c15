"""Dates of ingested pages: a caption's date, a user-given publication date.
Dates are found by the one date parser, ``veracity.read.timex``."""

from __future__ import annotations

from veracity.errors import UsageError
from veracity.read.timex import find_dates, parse_date


def caption_date(text: str) -> str | None:
    """The date a caption gives for its photo: the last full date it names."""
    found = find_dates(text)
    return found[-1][2] if found else None


def parse_published(value: str | None) -> str | None:
    """A user-given publication date as ISO (YYYY-MM-DD), or a UsageError."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    # An ISO date, possibly the start of a datetime ("2024-11-13T10:00:00Z").
    day = parse_date(v[:10])
    if day is not None and v[:10] == day.isoformat():
        return v[:10]
    found = find_dates(v)
    if found and found[0][0] == 0:
        return found[0][2]
    raise UsageError(f"cannot read {value!r} as a date; write it as YYYY-MM-DD")
