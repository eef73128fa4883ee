"""parse_feed on Atom 1.0 and 0.3: the feed, its entries in order, and their dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.records import WireEntry
from tests.ingest.wire.feeds import DAY, WIRE, atom, story
from tests.ingest.wire.parsing import atom_entry, only


def test_atom_entries_become_entries_in_document_order():
    document = parse_feed(atom([story(1), story(2)], title="Atom Wire", language="de"))
    assert (document.format, document.title, document.link, document.language) == (
        "atom",
        "Atom Wire",
        WIRE,
        "de",
    )
    first, second = document.entries
    assert first == WireEntry(
        key="tag:wire.example,2024:1",
        title="Story number 1",
        link=f"{WIRE}stories/1",
        summary="<p>What happened in story 1.</p>",
        content="<p>What happened in story 1.</p><p>And then more.</p>",
        published=DAY - timedelta(hours=1),
        updated=DAY - timedelta(hours=1),
        authors=("Jane Doe",),
        categories=("World",),
        position=1,
    )
    assert second.position == 2


def test_atom_0_3_feeds_are_read():
    data = b"""<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en">
    <title>Old Atom</title><link rel="alternate" type="text/html" href="http://a.example/"/>
    <entry><title>Hello</title><id>tag:a.example,2004:1</id>
    <link rel="alternate" type="text/html" href="http://a.example/1"/>
    <issued>2004-01-02T03:04:05Z</issued><modified>2004-01-03T00:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content>
    <summary type="text/plain">Short</summary></entry></feed>"""
    document = parse_feed(data)
    assert (document.format, document.link, document.language) == (
        "atom",
        "http://a.example/",
        "en",
    )
    entry = document.entries[0]
    assert (entry.key, entry.link, entry.content, entry.summary) == (
        "tag:a.example,2004:1",
        "http://a.example/1",
        "<p>Hi</p>",
        "<p>Short</p>",
    )
    assert entry.published == datetime(2004, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert entry.updated == datetime(2004, 1, 3, tzinfo=UTC)


def test_atom_published_falls_back_to_updated():
    entry = only(atom_entry("<title>T</title><updated>2024-03-05T10:00:00Z</updated>"))
    assert entry.published == entry.updated == DAY
    entry = only(
        atom_entry(
            "<title>T</title><published>2024-03-04T10:00:00+00:00</published>"
            "<updated>2024-03-05T11:00:00+01:00</updated>"
        )
    )
    assert (entry.published, entry.updated) == (DAY - timedelta(days=1), DAY)
