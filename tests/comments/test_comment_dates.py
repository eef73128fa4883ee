"""A comment's time on the page: what Django's date format writes, made without it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date

from masthead.comments.templatetags.comments import DATE_FORMAT, written_on

MOMENTS = [
    datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
    datetime(2026, 3, 9, 14, 5, 59, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
    datetime(999, 7, 4, 9, 7, tzinfo=UTC),
    *(datetime(2025, 10, 26, 0, 30, tzinfo=UTC) + timedelta(minutes=47 * n) for n in range(40)),
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu"])
@pytest.mark.parametrize("language", ["en", "de", "fr", "ja"])
def test_written_as_the_date_format_writes_it(zone, language):
    with timezone.override(zone), translation.override(language):
        for moment in MOMENTS:
            expected = format_date(timezone.localtime(moment), DATE_FORMAT)
            assert written_on(moment) == expected
