"""Time expressions: explicit dates and relative ones resolved against the
document's publication date (TimeML-style: keep the granularity and the text).

Only expressions attached to an event reach this module (the reader looks at
DATE entities in the event's sentence), so no date parser runs over every
sentence.  Without a publication date a relative expression ("last
Thursday") stays unresolved; it is never guessed from other dates on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MY = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?\s+ago\b", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7}
# Times told from the story's own time, not the reader's: "two days later",
# "the day before", "the next day", "the previous week".
_LATER = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven)\s+(day|week)s?\s+(later|earlier|before|after)\b",
    re.I)
_DAY_AROUND = re.compile(r"\bthe\s+(?:(day)\s+(before|after)|(next|following|previous)\s+day)\b",
                         re.I)
ANAPHORIC_WORDS = frozenset({"previous", "earlier", "later", "following", "before", "after",
                             "prior", "next"})


@dataclass(frozen=True)
class TimeValue:
    """A resolved (or not) time: ISO value, granularity, and whether it resolved."""

    value: str | None
    granularity: str | None
    resolved: bool
    relative: bool


def parse_date(text: str | None) -> date | None:
    """An ISO date (or the date part of an ISO datetime), else None."""
    if not text:
        return None
    m = _ISO.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every full calendar date written in the text
    ("July 7, 2017", "7th of July 2017", "2017-07-07"); dates without a year
    are left to ``resolve``, which has the publication date."""
    out = []
    for rx, day, month in ((_MDY, 2, 1), (_DMY, 1, 2)):
        for m in rx.finditer(text):
            if m.group(3):
                d = _safe_date(int(m.group(3)), MONTHS[m.group(month).lower()],
                               int(m.group(day)))
                if d:
                    out.append((m.start(), m.end(), d.isoformat()))
    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), m.end(), d.isoformat()))
    return sorted(out)


def _shift_month(d: date, months: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + months
    return k // 12, k % 12 + 1


def resolve(text: str, published: date | None, *, future: bool = False) -> TimeValue | None:
    """Resolve one time expression; None when it is not a point or period in time
    ("24 hours", "for years") and so says nothing about when an event happened."""
    low = text.lower().strip()
    # Explicit calendar dates first: they need no anchor unless the year is missing.
    m = _ISO.search(low)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return TimeValue(d.isoformat(), "day", True, False)
    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        m = rx.search(low)
        if m:
            if order == "md":
                month, day = MONTHS[m.group(1).lower()], int(m.group(2))
            else:
                day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
            year = m.group(3)
            if year:
                d = _safe_date(int(year), month, day)
                return TimeValue(d.isoformat(), "day", True, False) if d else None
            if published is None:
                return TimeValue(None, "day", False, True)
            d = _safe_date(published.year, month, day)
            if d and d > published + timedelta(days=31) and not future:
                d = _safe_date(published.year - 1, month, day)
            return TimeValue(d.isoformat(), "day", True, True) if d else None
    m = _MY.search(low)
    if m:
        return TimeValue(f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}", "month",
                         True, False)
    # Relative expressions.
    rel = _relative(low, published, future)
    if rel is not None:
        return rel
    m = _YEAR.search(low)
    if m and not re.search(r"\d{4}s\b", low):
        return TimeValue(m.group(1), "year", True, False)
    return None


def _relative(low: str, pub: date | None, future: bool) -> TimeValue | None:
    words = re.findall(r"[a-z]+", low)
    if not words:
        return None
    wset = set(words)

    def out(value: str | None, gran: str) -> TimeValue:
        return TimeValue(value, gran, value is not None, True)

    m = _LATER.search(low)
    if m:
        g = m.group(1).lower()
        n = int(g) if g.isdigit() else _NUMBERS.get(g, 1)
        sign = 1 if m.group(3).lower() in ("later", "after") else -1
        if pub is None:
            return out(None, "day")
        days = n * (7 if m.group(2).lower() == "week" else 1)
        return out((pub + timedelta(days=sign * days)).isoformat(), "day")
    m = _DAY_AROUND.search(low)
    if m:
        after = (m.group(2) or "").lower() == "after" or (m.group(3) or "").lower() in (
            "next", "following")
        if pub is None:
            return out(None, "day")
        return out((pub + timedelta(days=1 if after else -1)).isoformat(), "day")
    for word, delta in (("yesterday", -1), ("today", 0), ("tonight", 0), ("tomorrow", 1)):
        if word in wset:
            return out((pub + timedelta(days=delta)).isoformat() if pub else None, "day")
    for w in words:
        if w in WEEKDAYS:
            if pub is None:
                return out(None, "day")
            target = WEEKDAYS[w]
            diff = (pub.weekday() - target) % 7
            if "next" in wset or (future and "last" not in wset):
                ahead = (target - pub.weekday()) % 7 or 7
                return out((pub + timedelta(days=ahead)).isoformat(), "day")
            if "last" in wset and diff == 0:
                diff = 7
            return out((pub - timedelta(days=diff)).isoformat(), "day")
    m = _AGO.search(low)
    if m:
        g = m.group(1).lower()
        n = int(g) if g.isdigit() else _NUMBERS.get(g, 1)
        unit = m.group(2).lower()
        if pub is None:
            return out(None, unit)
        if unit == "day":
            return out((pub - timedelta(days=n)).isoformat(), "day")
        if unit == "week":
            d = pub - timedelta(weeks=n)
            return out((d - timedelta(days=d.weekday())).isoformat(), "week")
        if unit == "month":
            y, mo = _shift_month(pub, -n)
            return out(f"{y:04d}-{mo:02d}", "month")
        return out(f"{pub.year - n:04d}", "year")
    shift = -1 if ("last" in wset or "past" in wset or "previous" in wset) else \
        1 if "next" in wset or "coming" in wset else 0 if "this" in wset or "current" in wset \
        else None
    if shift is None:
        # "in July": the last July before the article (the next, of a plan).
        month_word = next((w for w in words if w in MONTHS and len(w) > 3), None)
        if month_word is None or len(words) > 2:
            return None
        if pub is None:
            return out(None, "month")
        month = MONTHS[month_word]
        if future:
            year = pub.year if month >= pub.month else pub.year + 1
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        return out(f"{year:04d}-{month:02d}", "month")
    for unit in ("week", "month", "year"):
        if unit in wset:
            if pub is None:
                return out(None, unit)
            if unit == "week":
                d = pub + timedelta(weeks=shift)
                return out((d - timedelta(days=d.weekday())).isoformat(), "week")
            if unit == "month":
                y, mo = _shift_month(pub, shift)
                return out(f"{y:04d}-{mo:02d}", "month")
            return out(f"{pub.year + shift:04d}", "year")
    for w in words:
        if w in MONTHS and len(w) > 3:
            if pub is None:
                return out(None, "month")
            month = MONTHS[w]
            year = pub.year + shift if shift else pub.year
            if shift == -1 and month < pub.month:
                year = pub.year
            return out(f"{year:04d}-{month:02d}", "month")
    return None
