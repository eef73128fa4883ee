"""/sitemap.xml: an index of paged sections listing what readers can see, dated.

The newsroom (tests/factories.py) has ten visible stories in AI, its subsection Policy
and Chips, by Alice and Bob, tagged models, gpus and europe. Validation against the
official schemas is in test_sitemaps_schemas.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.dateparse import parse_datetime
from lxml import etree

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core import clock
from masthead.feeds.sitemaps.base import Section
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SITE = "http://testserver"


def fetch(client: Any, path: str) -> etree._Element:
    """GET ``path`` (nothing cached), check it is served as XML and parse it."""
    cache.clear()
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def entries(doc: etree._Element) -> dict[str, etree._Element]:
    """The ``<url>`` or ``<sitemap>`` elements of ``doc`` by their ``<loc>``."""
    found = doc.xpath("sm:url | sm:sitemap", namespaces=NS)
    return {item.findtext("sm:loc", namespaces=NS): item for item in found}


def locations(client: Any, path: str) -> list[str]:
    return list(entries(fetch(client, path)))


def lastmod(item: etree._Element) -> datetime | None:
    text = item.findtext("sm:lastmod", namespaces=NS)
    return parse_datetime(text) if text else None


def absolute(path: str) -> str:
    return f"{SITE}{path}"


def seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


# The index ---------------------------------------------------------------------------------


def test_index_points_to_every_section_with_its_newest_date(client, newsroom):
    newest = seconds(newsroom["stories"][0].published_at)
    index = entries(fetch(client, "/sitemap.xml"))
    assert list(index) == [
        absolute(f"/sitemap-{name}.xml")
        for name in ("front", "articles", "categories", "tags", "authors")
    ]
    assert {lastmod(item) for item in index.values()} == {newest}


def test_index_leaves_out_a_section_with_nothing_visible(client, newsroom):
    """No tag carries a visible story, so there is no tag sitemap to point to."""
    for story in newsroom["stories"]:
        story.tags.clear()
    assert absolute("/sitemap-tags.xml") not in locations(client, "/sitemap.xml")
    assert client.get("/sitemap-tags.xml").status_code == 404


def test_index_of_an_empty_site_still_lists_the_front_page(client, db):
    assert locations(client, "/sitemap.xml") == [absolute("/sitemap-front.xml")]
    assert locations(client, "/sitemap-front.xml") == [absolute("/")]


# Stories -----------------------------------------------------------------------------------


def test_story_sitemap_lists_every_visible_story_by_its_absolute_url(client, newsroom):
    expected = {absolute(story.get_absolute_url()) for story in newsroom["stories"]}
    assert set(locations(client, "/sitemap-articles.xml")) == expected


@pytest.mark.parametrize("kind", ["draft", "scheduled", "trashed"])
def test_story_sitemap_leaves_out_hidden_stories(client, newsroom, kind):
    hidden = hidden_story(kind)
    assert absolute(hidden.get_absolute_url()) not in locations(client, "/sitemap-articles.xml")
    index = entries(fetch(client, "/sitemap.xml"))
    assert lastmod(index[absolute("/sitemap-articles.xml")]) < seconds(ago(minutes=30))


def hidden_story(kind: str) -> Article:
    """A draft, a scheduled or a trashed story, newer than anything visible."""
    if kind == "draft":
        return factories.article(
            title="Draft", status=Article.Status.DRAFT, published_at=ago(minutes=5)
        )
    if kind == "scheduled":
        return factories.article(title="Scheduled", published_at=clock.now() + timedelta(hours=2))
    return services.trash_article(
        article=factories.article(title="Trashed", published_at=ago(minutes=5))
    )


def test_scheduled_story_is_listed_once_its_time_comes(client, newsroom, monkeypatch):
    story = factories.article(title="At noon", published_at=clock.now() + timedelta(hours=2))
    later = clock.now() + timedelta(hours=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert absolute(story.get_absolute_url()) in locations(client, "/sitemap-articles.xml")


def test_story_lastmod_is_its_last_update_else_its_publication(client, newsroom):
    plain, edited = newsroom["stories"][1], newsroom["stories"][2]
    edited.body = "New words."
    services.save_article(article=edited)
    urls = entries(fetch(client, "/sitemap-articles.xml"))
    assert lastmod(urls[absolute(plain.get_absolute_url())]) == seconds(plain.published_at)
    edited.refresh_from_db()
    assert edited.content_updated_at > edited.published_at
    assert lastmod(urls[absolute(edited.get_absolute_url())]) == seconds(edited.content_updated_at)


def test_story_entry_carries_its_featured_picture_as_an_absolute_url(client, newsroom):
    picture = factories.image()
    story = factories.article(title="Pictured", featured_image=picture)
    urls = entries(fetch(client, "/sitemap-articles.xml"))
    images = urls[absolute(story.get_absolute_url())].xpath(
        "image:image/image:loc/text()", namespaces=NS
    )
    assert images == [absolute(picture.url_for(1200))]
    bare = urls[absolute(newsroom["stories"][0].get_absolute_url())]
    assert bare.xpath("image:image", namespaces=NS) == []


# Archives ----------------------------------------------------------------------------------


def test_category_sitemap_lists_sections_and_subsections_dated_by_their_newest_story(
    client, newsroom
):
    stories = newsroom["stories"]  # story i is in [AI, Policy, Chips][i % 3], newest first
    urls = entries(fetch(client, "/sitemap-categories.xml"))
    assert set(urls) == {absolute(f"/category/{slug}/") for slug in ("ai", "ai-policy", "chips")}
    assert lastmod(urls[absolute("/category/ai-policy/")]) == seconds(stories[1].published_at)
    assert lastmod(urls[absolute("/category/chips/")]) == seconds(stories[2].published_at)
    assert lastmod(urls[absolute("/category/ai/")]) == seconds(stories[0].published_at)


def test_section_whose_stories_are_all_in_a_subsection_is_listed(client, newsroom):
    """A section's page shows its subsections' stories, so it counts as having some."""
    desk = factories.CategoryFactory(name="Desk", slug="desk")
    sub = factories.CategoryFactory(name="Desk sub", slug="desk-sub", parent=desk)
    story = factories.article(title="Deep", category=sub, published_at=ago(minutes=10))
    urls = entries(fetch(client, "/sitemap-categories.xml"))
    assert lastmod(urls[absolute("/category/desk/")]) == seconds(story.published_at)
    assert absolute("/category/desk-sub/") in urls


def test_archives_with_only_hidden_stories_are_left_out(client, newsroom):
    lonely_tag = factories.TagFactory(name="lonely", slug="lonely")
    ghost = factories.AuthorFactory(name="Ghost Writer", slug="ghost")
    empty = factories.CategoryFactory(name="Empty", slug="empty")
    factories.article(
        title="Draft",
        status=Article.Status.DRAFT,
        category=empty,
        authors=[ghost],
        tags=[lonely_tag],
    )
    assert absolute("/tag/lonely/") not in locations(client, "/sitemap-tags.xml")
    assert absolute("/author/ghost/") not in locations(client, "/sitemap-authors.xml")
    assert absolute("/category/empty/") not in locations(client, "/sitemap-categories.xml")


def test_tag_and_author_lastmod_is_their_newest_visible_story(client, newsroom):
    stories = newsroom["stories"]  # stories 0, 4, 8 carry both authors and are tagged "models"
    hidden_story("draft")  # tagged nothing and by a stranger: changes no date
    factories.article(
        title="Unpublished",
        status=Article.Status.DRAFT,
        tags=newsroom["tags"],
        authors=[newsroom["bob"]],
    )
    tags = entries(fetch(client, "/sitemap-tags.xml"))
    authors = entries(fetch(client, "/sitemap-authors.xml"))
    assert lastmod(tags[absolute("/tag/models/")]) == seconds(stories[0].published_at)
    assert lastmod(tags[absolute("/tag/europe/")]) == seconds(stories[2].published_at)
    assert lastmod(authors[absolute("/author/bob/")]) == seconds(stories[0].published_at)
    assert lastmod(authors[absolute("/author/alice/")]) == seconds(stories[0].published_at)
    assert set(tags) == {absolute(f"/tag/{t}/") for t in ("models", "gpus", "europe")}


# Pages -------------------------------------------------------------------------------------


@pytest.fixture
def pages_of_three(monkeypatch: Any) -> None:
    """Make every section page hold three URLs."""
    monkeypatch.setattr(Section, "limit", 3)


def test_a_section_larger_than_a_page_is_split_and_every_page_is_indexed(
    client, newsroom, pages_of_three
):
    index = entries(fetch(client, "/sitemap.xml"))
    pages = [absolute("/sitemap-articles.xml")] + [
        absolute(f"/sitemap-articles.xml?p={n}") for n in (2, 3, 4)
    ]
    assert [loc for loc in index if "articles" in loc] == pages
    seen = [locations(client, page.removeprefix(SITE)) for page in pages]
    assert [len(urls) for urls in seen] == [3, 3, 3, 1]
    oldest_first = [absolute(s.get_absolute_url()) for s in reversed(newsroom["stories"])]
    assert [url for page in seen for url in page] == oldest_first


def test_each_page_is_dated_by_its_own_newest_story(client, newsroom, pages_of_three):
    """Oldest first: a new story changes the last page's date, not the earlier pages'."""
    oldest_first = list(reversed(newsroom["stories"]))
    index = entries(fetch(client, "/sitemap.xml"))
    assert lastmod(index[absolute("/sitemap-articles.xml")]) == seconds(
        oldest_first[2].published_at
    )
    assert lastmod(index[absolute("/sitemap-articles.xml?p=2")]) == seconds(
        oldest_first[5].published_at
    )
    assert lastmod(index[absolute("/sitemap-articles.xml?p=4")]) == seconds(
        oldest_first[9].published_at
    )


def test_an_edit_dates_the_page_of_the_story_edited_and_no_other(client, newsroom, pages_of_three):
    """The index's dates are counted in the database: an old story's update moves only its page."""
    oldest_first = list(reversed(newsroom["stories"]))
    before = entries(fetch(client, "/sitemap.xml"))
    edited = oldest_first[4]  # on page 2
    edited.body = "New words."
    services.save_article(article=edited)
    edited.refresh_from_db()
    after = entries(fetch(client, "/sitemap.xml"))
    page_two = absolute("/sitemap-articles.xml?p=2")
    assert lastmod(after[page_two]) == seconds(edited.content_updated_at)
    assert lastmod(before[page_two]) == seconds(oldest_first[5].published_at)
    for page in (absolute("/sitemap-articles.xml"), absolute("/sitemap-articles.xml?p=3")):
        assert lastmod(after[page]) == lastmod(before[page])


@pytest.mark.parametrize("page", ["0", "-1", "5", "99999999999999999999", "two", "", "1.5", "2x"])
def test_a_page_that_does_not_exist_is_not_found(client, newsroom, pages_of_three, page):
    assert client.get(f"/sitemap-articles.xml?p={page}").status_code == 404


def test_an_unknown_section_is_not_found(client, newsroom):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_head_requests_are_answered_without_a_body(client, newsroom):
    for path in ("/sitemap.xml", "/sitemap-articles.xml"):
        response = client.head(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        assert response.content == b""


# Cost --------------------------------------------------------------------------------------

# Cold (no cached site settings): one or two queries a section for the index, a count and
# a page for a section, and two for the site settings every template receives.
INDEX_BUDGET = 8
SECTION_BUDGET = 4
PATHS = [
    "/sitemap.xml",
    "/sitemap-front.xml",
    "/sitemap-articles.xml",
    "/sitemap-categories.xml",
    "/sitemap-tags.xml",
    "/sitemap-authors.xml",
]


def query_counts(client: Any) -> dict[str, int]:
    counts = {}
    for path in PATHS:
        with CaptureQueriesContext(connection) as queries:
            fetch(client, path)
        counts[path] = len(queries)
    return counts


def grow(newsroom: dict[str, Any], *, stories: int) -> None:
    """Add ``stories`` pictured stories, each in a new section, tag and byline."""
    picture = factories.image()
    for i in range(stories):
        section = factories.CategoryFactory(
            name=f"More {i}", slug=f"more-{i}", parent=newsroom["ai"] if i % 2 else None
        )
        factories.article(
            title=f"More {i}", category=section, featured_image=picture,
            tags=[factories.TagFactory(name=f"more {i}", slug=f"more-{i}")],
            authors=[factories.AuthorFactory(name=f"More {i}", slug=f"more-{i}")],
        )  # fmt: skip


def test_query_counts_do_not_grow_with_the_number_of_items(client, newsroom):
    small = query_counts(client)
    grow(newsroom, stories=12)
    assert query_counts(client) == small
    assert small.pop("/sitemap.xml") <= INDEX_BUDGET
    assert max(small.values()) <= SECTION_BUDGET


def test_query_counts_do_not_grow_with_the_number_of_pages(client, newsroom, monkeypatch):
    small = query_counts(client)
    monkeypatch.setattr(Section, "limit", 2)
    assert query_counts(client) == small
