"""Feed dates: RFC 822 as RSS writes it, RFC 3339 / ISO 8601 as Atom and Dublin Core do.

Every readable date comes back aware and in UTC; anything else comes back None.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from masthead.ingest.wire.dates import parse_date, parse_iso8601, parse_rfc822

TEN_AM = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Mar 2024 10:00:00 GMT", TEN_AM),
        ("Tue, 05 Mar 2024 10:00:00 +0000", TEN_AM),
        ("Tue, 05 Mar 2024 12:00:00 +0200", TEN_AM),
        ("Tue, 05 Mar 2024 10:00 GMT", TEN_AM),  # no seconds
        ("05 Mar 2024 10:00:00 GMT", TEN_AM),  # no day name
        ("Tue, 5 Mar 24 10:00:00 GMT", TEN_AM),  # two-digit year, one-digit day
        ("Tue, 05 mar 2024 10:00:00 GMT", TEN_AM),  # lowercase month
        ("Tue, 05 March 2024 10:00:00 GMT", TEN_AM),  # the month in full
        ("  Tue,   05 Mar  2024\n 10:00:00   GMT ", TEN_AM),  # extra whitespace
        ("Tue,05 Mar 2024 10:00:00 GMT", TEN_AM),
        ("Tue, 05 Mar 2024 10:00:00 UT", TEN_AM),
        ("Tue, 05 Mar 2024 10:00:00 Z", TEN_AM),
        ("Tue, 05 Mar 2024 10:00:00 gmt", TEN_AM),
        ("Tue, 05 Mar 2024 10:00:00 +0000 (UTC)", TEN_AM),
        ("Tue, 05 Mar 2024", datetime(2024, 3, 5, tzinfo=UTC)),  # no time: midnight
    ],
)
def test_rfc822_dates_are_read_forgivingly(text, expected):
    assert parse_date(text) == expected
    assert parse_rfc822(text) == expected


@pytest.mark.parametrize(
    ("zone", "hours_behind"),
    [("EST", 5), ("EDT", 4), ("CST", 6), ("CDT", 5), ("MST", 7), ("MDT", 6), ("PST", 8),
     ("PDT", 7)],
)  # fmt: skip
def test_us_zone_names_are_their_offsets(zone, hours_behind):
    found = parse_date(f"Tue, 05 Mar 2024 {10 - hours_behind:02d}:00:00 {zone}")
    assert found == TEN_AM
    assert found.tzinfo is UTC


@pytest.mark.parametrize("text", ["Tue, 05 Mar 2024 10:00:00", "Tue, 05 Mar 2024 10:00:00 -0000"])
def test_an_rfc822_date_without_a_known_zone_is_utc(text):
    assert parse_date(text) == TEN_AM


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05T10:00:00Z", TEN_AM),
        ("2024-03-05t10:00:00z", TEN_AM),
        ("2024-03-05T10:00:00+00:00", TEN_AM),
        ("2024-03-05T11:30:00+01:30", TEN_AM),
        ("2024-03-05T05:00:00-0500", TEN_AM),
        ("2024-03-05T12:00:00+02", TEN_AM),
        ("2024-03-05T10:00Z", TEN_AM),  # no seconds
        ("2024-03-05 10:00:00", TEN_AM),  # a space, and naive: UTC
        ("2024-03-05T10:00:00", TEN_AM),
        ("2024-03-05T10:00:00.5Z", TEN_AM.replace(microsecond=500000)),
        ("2024-03-05T10:00:00,25Z", TEN_AM.replace(microsecond=250000)),
        ("2024-03-05T10:00:00.123456789Z", TEN_AM.replace(microsecond=123456)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),  # a date alone: midnight UTC
        (" 2024-03-05T10:00:00Z\n", TEN_AM),
    ],
)
def test_iso8601_dates_are_read_as_utc(text, expected):
    assert parse_date(text) == expected
    assert parse_iso8601(text.strip()) == expected


def test_a_leap_second_keeps_its_minute():
    """RFC 3339 allows second 60, which Python's datetime cannot hold."""
    assert parse_date("2016-12-31T23:59:60Z") == datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)


def test_dates_far_from_utc_cross_midnight():
    assert parse_date("2024-03-05T23:30:00-05:00") == datetime(2024, 3, 6, 4, 30, tzinfo=UTC)
    assert parse_date("Wed, 06 Mar 2024 01:00:00 +1400") == datetime(2024, 3, 5, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "yesterday",
        "Tue, 31 Feb 2024 10:00:00 GMT",  # no such day
        "2024-02-30T10:00:00Z",
        "2024-13-01",
        "2024-03-05T25:00:00Z",
        "2024-03-05T10:61:00Z",
        "2024-03-05T10:00:00+25:00",  # no such offset
        "2024-03-05T10:00:00+05:99",
        "0000-00-00 00:00:00",
        "Tue, 05 Foo 2024 10:00:00 GMT",
        "2024/03/05",
        "20240305",
    ],
)
def test_unreadable_or_impossible_dates_are_none(text):
    assert parse_date(text) is None


def test_every_date_read_is_aware_and_utc():
    for text in ("Tue, 05 Mar 2024 10:00:00 PST", "2024-03-05T10:00:00+09:00", "2024-03-05"):
        found = parse_date(text)
        assert found is not None
        assert found.utcoffset().total_seconds() == 0
        assert found.tzinfo is UTC
