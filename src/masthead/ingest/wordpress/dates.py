"""WordPress's dates: ``2019-03-05 10:00:00`` in UTC (``*_gmt``) or in the site's zone."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime


def parse_utc(text: str) -> datetime | None:
    """A ``*_gmt`` date as an aware UTC datetime; None when empty, zero or impossible."""
    naive = _naive(text)
    return naive.replace(tzinfo=UTC) if naive else None


def parse_local(text: str, zone: tzinfo) -> datetime | None:
    """A local date in ``zone``; None when empty, zero or impossible."""
    naive = _naive(text)
    return naive.replace(tzinfo=zone) if naive else None


def parse_rfc822(text: str) -> datetime | None:
    """An RSS ``pubDate``; None when it cannot be read."""
    try:
        found = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def first_date(gmt: str, local: str, rfc822: str, zone: tzinfo) -> datetime | None:
    """The first readable of the UTC date, the local date and the RSS date."""
    return parse_utc(gmt) or parse_local(local, zone) or parse_rfc822(rfc822)


def _naive(text: str) -> datetime | None:
    text = text.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
