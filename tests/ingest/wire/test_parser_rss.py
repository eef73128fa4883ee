"""parse_feed on RSS 2.0, 0.9x and 1.0: channels, items, guids as keys, and dates."""

from __future__ import annotations

import re
from datetime import timedelta

from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.records import WireEntry
from tests.ingest.wire.feeds import DAY, WIRE, Item, rdf, rss, story
from tests.ingest.wire.parsing import only, rss_item

HEX64 = re.compile(r"[0-9a-f]{64}")


# Versions ------------------------------------------------------------------------------------


def test_rss_items_become_entries_in_document_order():
    document = parse_feed(rss([story(1), story(2)]))
    assert document.format == "rss"
    first, second = document.entries
    assert first == WireEntry(
        key="tag:wire.example,2024:1",
        title="Story number 1",
        link=f"{WIRE}stories/1",
        summary="<p>What happened in story 1.</p>",
        content="<p>What happened in story 1.</p><p>And then more.</p>",
        published=DAY - timedelta(hours=1),
        authors=("Jane Doe",),
        categories=("World",),
        position=1,
    )
    assert (second.title, second.position) == ("Story number 2", 2)
    assert document.problems == ()


def test_the_rss_channel_gives_the_title_link_and_language():
    document = parse_feed(rss(title="Harbour & Wire", link=WIRE, language="pt-BR"))
    assert (document.title, document.link, document.language) == (
        "Harbour & Wire",
        WIRE,
        "pt-BR",
    )
    assert document.entries == ()


def test_rss_091_without_a_namespace_reads_its_dtds_entities_as_characters():
    """The Netscape DTD is never fetched; its &nbsp; becomes a no-break space anyway."""
    data = b"""<?xml version="1.0"?>
    <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
      "http://my.netscape.com/publish/formats/rss-0.91.dtd">
    <rss version="0.91"><channel><title>Old&nbsp;Wire</title><language>en-us</language>
    <item><title>Caf&eacute; opens</title><link>http://old.example/1</link>
    <description>Tea&nbsp;&amp; cake</description></item></channel></rss>"""
    document = parse_feed(data)
    assert (document.format, document.title, document.language) == ("rss", "Old Wire", "en-US")
    entry = document.entries[0]
    assert (entry.title, entry.key, entry.summary) == (
        "Café opens",
        "http://old.example/1",
        "Tea\xa0& cake",
    )


def test_rss_1_0_items_are_the_siblings_of_the_channel():
    document = parse_feed(rdf([story(1), story(2, link="")], title="RDF Wire"))
    assert (document.format, document.title, document.link) == ("rdf", "RDF Wire", WIRE)
    first, second = document.entries
    assert first.key == first.link == f"{WIRE}stories/1"  # rdf:about
    assert second.key == "tag:wire.example,2024:2"
    assert first.published == DAY - timedelta(hours=1)  # dc:date
    assert first.content == "<p>What happened in story 1.</p><p>And then more.</p>"
    assert (first.authors, first.categories) == (("Jane Doe",), ("World",))


def test_rss_0_90_is_read_as_rdf():
    data = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://my.netscape.com/rdf/simple/0.9/">
    <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
    <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
    </rdf:RDF>"""
    document = parse_feed(data)
    assert (document.format, document.title) == ("rdf", "Mozilla Dot Org")
    assert [e.link for e in document.entries] == ["http://www.mozilla.org/status/"]


# Keys and dates ------------------------------------------------------------------------------


def test_an_rss_permalink_guid_stands_in_for_a_missing_link():
    entry = only(rss_item("<title>T</title><guid>http://x.example/p/1</guid>"))
    assert entry.link == entry.key == "http://x.example/p/1"
    entry = only(rss_item('<title>T</title><guid isPermaLink="false">http://x.example/p/1</guid>'))
    assert entry.link == ""


def test_the_key_is_the_stripped_guid_else_the_link_else_a_hash():
    assert only(rss([Item(title="A", guid="  tag:x,1 \n", link=WIRE)])).key == "tag:x,1"
    assert only(rss([Item(title="A", link=f"{WIRE}a")])).key == f"{WIRE}a"
    hashed = only(rss([Item(title="A", pub_date=DAY)])).key
    assert HEX64.fullmatch(hashed)
    assert only(rss([Item(title="A", pub_date=DAY)])).key == hashed  # stable
    assert only(rss([Item(title="A", pub_date=DAY + timedelta(days=1))])).key != hashed


def test_a_key_over_500_characters_becomes_its_hash():
    assert HEX64.fullmatch(only(rss([Item(title="A", guid="x" * 501)])).key)
    assert only(rss([Item(title="A", guid="x" * 500)])).key == "x" * 500


def test_rss_dates_come_from_pubdate_else_dc_date():
    assert only(rss([Item(title="A", pub_date="Tue, 05 Mar 2024 05:00:00 EST")])).published == DAY
    dc_date = "<dc:date>2024-03-05T10:00:00Z</dc:date>"
    assert only(rss([Item(title="A", extra=dc_date)])).published == DAY
    both = Item(title="A", pub_date="not a date", extra=dc_date)
    assert only(rss([both])).published == DAY


def test_an_unreadable_date_is_none():
    entry = only(rss([Item(title="A", pub_date="the day before yesterday")]))
    assert (entry.published, entry.updated) == (None, None)
