"""An export's names decode to characters XML cannot carry; they are left out on import."""

from __future__ import annotations

import feedparser
import pytest

from masthead.articles.models import Article, Author, Category, Tag
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def test_names_holding_character_references_to_controls_come_out_clean(run_import, client):
    """``&#12;`` (a form feed) and ``&#xFFFE;`` in names and titles, then every archive feed."""
    export = wxr.export(
        wxr.author(name="Jane&#12; Doe"),
        wxr.category("news", "News&#12; &amp; views"),
        wxr.tag("ai", "A&#xFFFE;I&#6;"),
        wxr.Item(1, title="Hello&#12; world", categories=[("news", "")], tags=[("ai", "")]),
        wxr.Item(
            2,
            title="Sec&#12;ond",
            categories=[("world", "World&#x0B;wide")],
            tags=[("chips", "Chips&#12;")],
        ),
    )
    run_import(export)
    assert Author.objects.get().name == "Jane Doe"
    assert set(Category.objects.values_list("name", flat=True)) == {"News & views", "Worldwide"}
    assert set(Tag.objects.values_list("name", flat=True)) == {"AI", "Chips"}
    assert set(Article.objects.values_list("title", flat=True)) == {"Hello world", "Second"}
    for archive in [
        "/category/news/",
        "/category/world/",
        "/tag/ai/",
        "/tag/chips/",
        "/author/jane/",
    ]:
        for feed in ["feed/", "feed/atom/"]:
            response = client.get(f"{archive}{feed}")
            assert response.status_code == 200, archive
            assert not feedparser.parse(response.content).bozo, archive


def test_wire_stories_and_their_feed_store_only_what_xml_can_carry():
    """A wire story's words and a feed's error come from outside: NUL and controls are dropped.

    PostgreSQL refuses a NUL outright, so one in an error message or a guid would fail
    the save that records the poll.
    """
    from masthead.ingest.models import WireFeed, WireItem
    from tests.ingest.wire.conftest import make_feed

    feed = make_feed("https://wire.example/feed.xml", name="Harbour\x0c Wire")
    feed.last_error = "not well-formed XML: \x00 at line 3"
    feed.save()
    item = WireItem.objects.create(
        feed=feed,
        key="urn:\x00story:1",
        title="Markets\x06 close higher",
        body="<p>Up\x0b 2 %</p>",
        summary="Up\x1f 2 %",
        authors="Ann\x06 Reader",
        outcome=WireItem.Outcome.SKIPPED,
        reason="could not be read (\x00)",
        digest="d",
        signature=b"",
    )
    item.refresh_from_db()
    assert (item.key, item.title, item.body, item.summary, item.authors, item.reason) == (
        "urn:story:1",
        "Markets close higher",
        "<p>Up 2 %</p>",
        "Up 2 %",
        "Ann Reader",
        "could not be read ()",
    )
    feed = WireFeed.objects.get()
    assert (feed.name, feed.last_error) == ("Harbour Wire", "not well-formed XML:  at line 3")
