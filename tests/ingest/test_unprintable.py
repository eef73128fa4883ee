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
