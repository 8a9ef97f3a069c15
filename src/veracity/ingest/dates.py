"""Dates written in page text: "July 7, 2017", "7 July 2017", "2017-07-07"."""

from __future__ import annotations

import re
from datetime import date

from veracity.errors import UsageError

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_M = (r"(January|February|March|April|May|June|July|August|September|October|November|"
      r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_MDY = re.compile(rf"\b{_M}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_M},?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _make(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every full calendar date written in the text."""
    out = []
    for m in _MDY.finditer(text):
        iso = _make(int(m.group(3)), _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _DMY.finditer(text):
        iso = _make(int(m.group(3)), _MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _ISO.finditer(text):
        iso = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            out.append((m.start(), m.end(), iso))
    return sorted(out)


def caption_date(text: str) -> str | None:
    """The date a caption gives for its photo: the last full date it names."""
    found = find_dates(text)
    return found[-1][2] if found else None


def parse_published(value: str | None) -> str | None:
    """A user-given publication date as ISO (YYYY-MM-DD), or a UsageError."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    m = _ISO.fullmatch(v[:10]) if len(v) >= 10 else None
    if m and (iso := _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
        return iso
    found = find_dates(v)
    if found and found[0][0] == 0:
        return found[0][2]
    raise UsageError(f"cannot read {value!r} as a date; write it as YYYY-MM-DD")
