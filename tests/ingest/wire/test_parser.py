"""parse_feed reads any format's bytes, or raises a FeedError saying why not, safely."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils.encoding import iri_to_uri

from masthead.core import clock
from masthead.ingest.wire.parser import parse_feed
from masthead.ingest.wire.records import FeedError, WireDocument
from tests import factories
from tests.ingest.wire.feeds import Item, atom, rss, story
from tests.ingest.wire.parsing import only, rss_item


def feed_error(data: bytes) -> str:
    """The message of the FeedError ``data`` raises."""
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    return str(caught.value)


def outcome(data: bytes) -> str:
    """What parsing ``data`` gives: the document's repr, or the FeedError's message."""
    try:
        return repr(parse_feed(data))
    except FeedError as error:
        return f"FeedError: {error}"


# Encodings -----------------------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_read():
    assert only(b"\xef\xbb\xbf" + rss([Item(title="Café")])).title == "Café"
    bare = b"\xef\xbb\xbf" + atom([Item(title="Café")]).split(b"\n", 1)[1]  # no declaration
    assert only(bare).title == "Café"


def test_a_document_declared_iso_8859_1_is_decoded():
    data = rss([Item(title="Café à la carte", description="<p>Señor</p>")], encoding="iso-8859-1")
    assert "é".encode("latin-1") in data
    entry = only(data)
    assert (entry.title, entry.summary) == ("Café à la carte", "<p>Señor</p>")


def test_a_utf16_document_is_decoded():
    assert only(atom([Item(title="北京")], encoding="utf-16")).title == "北京"


def test_an_encoding_lxml_does_not_know_is_a_feed_error():
    data = rss([Item(title="A")]).replace(b'encoding="utf-8"', b'encoding="x-klingon"')
    assert "Unsupported encoding: x-klingon (line 1" in feed_error(data)


def test_bytes_that_are_not_in_the_declared_encoding_are_a_feed_error():
    data = rss([Item(title="Café")], encoding="iso-8859-1").replace(b"iso-8859-1", b"utf-8")
    assert feed_error(data).startswith("not well-formed XML:")


def test_characters_xml_forbids_are_a_feed_error():
    assert "(line 1, column" in feed_error(rss_item("<title>bell \x07</title>"))
    assert "invalid xmlChar value 1" in feed_error(rss_item("<title>&#1;</title>"))


# Not a feed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t ", b"\xef\xbb\xbf\n"])
def test_an_empty_body_is_an_empty_document(data):
    assert feed_error(data) == "empty document"


def test_ill_formed_xml_names_the_line_and_column():
    data = b'<?xml version="1.0"?>\n<rss>\n<channel><title>x</titel>\n</channel></rss>'
    message = feed_error(data)
    assert message.startswith("not well-formed XML: Opening and ending tag mismatch")
    assert message.endswith("(line 3, column 26)")


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>Moved</title></head></html>",
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- cms -->\n<HTML><BODY>Gone<BR></BODY></HTML>',
        b"<html><body><p>Fine</p></body></html>",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head/><body/></html>',
    ],
)
def test_an_html_page_is_not_a_feed_and_the_error_says_so(page):
    assert feed_error(page).startswith("not an RSS or Atom feed: the document's root is <html>")


def test_an_xml_document_that_is_not_a_feed_names_its_root():
    sitemap = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>'
    assert feed_error(sitemap) == (
        "not an RSS or Atom feed: the document's root is <urlset>"
        " (namespace http://www.sitemaps.org/schemas/sitemap/0.9)"
    )
    assert feed_error(b"<feed><entry/></feed>") == (
        "not an RSS or Atom feed: the document's root is <feed>"
    )


def test_rss_without_a_channel_is_a_feed_error():
    assert feed_error(b"<rss version='2.0'>\n</rss>") == (
        "not a readable RSS feed: <rss> has no <channel> (line 1)"
    )


# Hostile documents ---------------------------------------------------------------------------


LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)  # fmt: skip


def test_a_billion_laughs_is_refused_quickly_without_expanding():
    """libxml2 refuses it (entity amplification); were it read, &lol9; would be dropped."""
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{LAUGHS}]>'
        "<rss><channel><title>T</title><item><title>A &lol9;</title>"
        "<description>&lol9;</description></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    result = outcome(data)
    assert time.monotonic() - started < 2
    assert len(result) < 2_000
    assert "lollol" not in result


def test_a_declared_entity_is_never_expanded():
    data = (
        b'<!DOCTYPE rss [<!ENTITY big "' + b"x" * 1000 + b'">]>'
        b"<rss><channel><title>T</title><item><title>A &big; B</title>"
        b"<description>&big;&big;</description></item></channel></rss>"
    )
    entry = only(data)
    assert (entry.title, entry.summary) == ("A B", "")


@pytest.mark.parametrize("system", ["file:///etc/passwd", "marker"])
def test_an_external_entity_is_never_read(tmp_path, system):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER\n")
    target = secret.as_uri() if system == "marker" else system
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>'
        "<rss><channel><title>T &xxe;</title><item><title>A &xxe;</title>"
        "<description>&xxe;</description></item></channel></rss>"
    ).encode()
    document = parse_feed(data)
    assert "root:" not in repr(document)
    assert "TOP-SECRET" not in repr(document)
    assert (document.title, document.entries[0].title) == ("T", "A")


def test_an_external_dtd_or_parameter_entity_is_never_read(tmp_path: Path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-MARKER">')
    for doctype in (
        f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">',
        f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>',
    ):
        data = f"{doctype}<rss><channel><title>T &leak;</title></channel></rss>".encode()
        assert "TOP-SECRET" not in outcome(data)


# Masthead's own feeds ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/"])
def test_masthead_reads_its_own_feeds_back(client, path):
    jane = factories.AuthorFactory(name="Jane Doe")
    omar = factories.AuthorFactory(name="عمر الفاروق")
    older = factories.article(
        title="Harbour reopens", authors=[jane], published_at=clock.now() - timedelta(hours=5)
    )
    newer = factories.article(
        title="Café ☕ & tea: the 北京 edition",
        authors=[jane, omar],
        published_at=clock.now() - timedelta(hours=2),
    )
    response = client.get(path)
    document = parse_feed(response.content, url=f"http://testserver{path}")
    assert isinstance(document, WireDocument)
    assert document.problems == ()
    assert [e.title for e in document.entries] == [newer.title, older.title]
    assert [e.link for e in document.entries] == [
        f"http://testserver{iri_to_uri(article.get_absolute_url())}" for article in (newer, older)
    ]
    for entry, article in zip(document.entries, (newer, older), strict=True):
        # RSS dates keep whole seconds only.
        assert entry.published is not None
        assert abs(entry.published - article.published_at) < timedelta(seconds=1)
    assert [e.authors for e in document.entries] == [("Jane Doe", "عمر الفاروق"), ("Jane Doe",)]
    assert all(e.key and e.content for e in document.entries)


def test_an_entry_that_cannot_be_read_is_kept_as_a_failure_and_the_others_are_read(monkeypatch):
    """A bug while reading one entry leaves the others whole; that entry carries the reason."""
    from masthead.ingest.wire import rss as rss_reader

    real = rss_reader.parse_date

    def fragile(text):
        if "07:00:00" in text:  # the third story's date
            raise AssertionError("expected name token")
        return real(text)

    monkeypatch.setattr(rss_reader, "parse_date", fragile)
    document = parse_feed(rss([story(1), story(2), story(3), story(4)]))
    assert [e.title for e in document.entries if not e.failure] == [
        "Story number 1", "Story number 2", "Story number 4",
    ]  # fmt: skip
    [failed] = [e for e in document.entries if e.failure]
    assert (failed.position, failed.title) == (3, "Story number 3")
    assert failed.failure == "could not be read (AssertionError: expected name token)"
    assert failed.key == parse_feed(rss([story(3)])).entries[0].key
    assert document.problems == (
        "entry 3: could not be read (AssertionError: expected name token)",
    )
