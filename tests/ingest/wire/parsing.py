"""Helpers the parse_feed tests share: one entry, and documents with raw XML in an entry."""

from __future__ import annotations

from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.records import WireEntry


def only(data: bytes, url: str = "") -> WireEntry:
    """The one entry of the feed in ``data``."""
    (entry,) = parse_feed(data, url=url).entries
    return entry


def rss_item(inner: str, *, namespaces: str = "", base: str = "") -> bytes:
    """An RSS 2.0 document with one item holding the raw XML ``inner``."""
    declared = (
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:media="http://search.yahoo.com/mrss/"' + namespaces
    )
    root = f'<rss version="2.0"{declared}{base}>'
    return f"{root}<channel><title>T</title><item>{inner}</item></channel></rss>".encode()


def atom_entry(inner: str, *, feed: str = "") -> bytes:
    """An Atom document with one entry holding the raw XML ``inner``."""
    root = '<feed xmlns="http://www.w3.org/2005/Atom">'
    return f"{root}<title>T</title>{feed}<entry>{inner}</entry></feed>".encode()
