"""Dates of ingested pages go through the one date parser (read.timex)."""

from __future__ import annotations

import pytest

from veracity.errors import UsageError
from veracity.ingest.dates import caption_date, parse_published


@pytest.mark.parametrize("value, iso", [
    ("2024-11-13", "2024-11-13"),
    ("2024-11-13T10:00:00Z", "2024-11-13"),  # the date of a datetime
    ("July 7, 2017", "2017-07-07"),
    ("7th of July 2017", "2017-07-07"),      # ordinal, "of"
    ("Sept. 3, 2019", "2019-09-03"),
])
def test_publication_dates_as_people_write_them(value, iso):
    assert parse_published(value) == iso


@pytest.mark.parametrize("value", ["2024-13-45", "yesterday", "May 5"])  # no such day; no year
def test_unreadable_publication_date_is_a_usage_error(value):
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_published(value)


def test_caption_date_is_the_last_full_date():
    text = "Built on March 1, 2018, the bridge opened in Eastland, June 5, 2019."
    assert caption_date(text) == "2019-06-05"
