"""Read the dates feeds carry: RFC 822 in RSS, RFC 3339 / ISO 8601 in Atom and Dublin Core.

``parse_date`` takes either form and gives an aware UTC datetime, or None when the text
cannot be read or names a moment that does not exist. It never raises: a feed with one
bad date is still a feed.

    >>> parse_date("Tue, 5 Mar 2024 10:00 EST")
    datetime.datetime(2024, 3, 5, 15, 0, tzinfo=datetime.timezone.utc)
    >>> parse_date("2024-03-05")
    datetime.datetime(2024, 3, 5, 0, 0, tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
    (?:[T\s](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
       \s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TIME = re.compile(r"\d:\d")
_UNREADABLE = (TypeError, ValueError, IndexError, OverflowError)


def parse_date(text: str | None) -> datetime | None:
    """Read an RFC 822 or ISO 8601 date as aware UTC; None when unreadable or impossible."""
    text = " ".join((text or "").split())
    if not text:
        return None
    return parse_iso8601(text) or parse_rfc822(text)


def parse_iso8601(text: str) -> datetime | None:
    """Read an RFC 3339 / ISO 8601 date (a date alone is midnight UTC); None otherwise."""
    match = _ISO.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return _from_parts(match).astimezone(UTC)
    except _UNREADABLE:
        return None


def parse_rfc822(text: str) -> datetime | None:
    """Read an RFC 822 / 1123 date, forgiving what feeds get wrong; None otherwise.

    The standard library already forgives a missing day name or seconds, two-digit
    years, lowercase months and the US zone names; a missing time is taken as midnight.
    """
    text = " ".join(text.split())
    if not _TIME.search(text):
        text += " 00:00:00 GMT"
    try:
        found = parsedate_to_datetime(text)
    except _UNREADABLE:
        return None
    # An unknown zone (or -0000, "zone unknown") leaves the date naive: take it as UTC.
    return found.replace(tzinfo=found.tzinfo or UTC).astimezone(UTC)


def _from_parts(match: re.Match[str]) -> datetime:
    part = match.groupdict()
    fraction = (part["fraction"] or "0")[:6].ljust(6, "0")
    # RFC 3339 allows a leap second, which datetime cannot hold: keep the minute.
    second = min(int(part["second"] or 0), 59)
    return datetime(
        int(part["year"]), int(part["month"]), int(part["day"]),
        int(part["hour"] or 0), int(part["minute"] or 0), second, int(fraction),
        tzinfo=_zone(part["zone"]),
    )  # fmt: skip


def _zone(text: str | None) -> timezone:
    if not text or text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes > 59:
        raise ValueError(f"no such offset: {text}")
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if text[0] == "-" else offset)
