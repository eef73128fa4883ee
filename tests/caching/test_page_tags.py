"""Every public page names what it shows, and tells caches in front of the site so.

The tags are the contract between the pages and the purges (``masthead.caching.changes``):
a page that shows a story must carry its ``a:`` tag, a listing its list's tag, and so on.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.articles.models import Article, Page
from masthead.caching import tags
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300


def tags_of(url: str) -> frozenset[str]:
    response = Client().get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return tags.collected(response.wsgi_request)


def teaser_tags(article: Article) -> set[str]:
    return {f"a:{article.pk}", f"s:{article.category_id}"}


def test_the_article_page_names_the_story_its_filing_and_the_lists_it_shows(
    newsroom: dict[str, Any],
):
    story = newsroom["stories"][4]  # in AI, by Alice and Bob, tagged "models" and "gpus"
    found = tags_of(story.get_absolute_url())
    assert {f"a:{story.pk}", f"s:{newsroom['ai'].pk}", f"c:{story.pk}", f"r:{story.pk}"} <= found
    assert {f"p:{newsroom['alice'].pk}", f"p:{newsroom['bob'].pk}"} <= found
    assert {f"t:{t.pk}" for t in newsroom["tags"][:2]} <= found
    assert f"t:{newsroom['tags'][2].pk}" not in found
    # You missed shows the newest stories: each one, and the list itself.
    assert "latest" in found
    assert all(f"a:{s.pk}" in found for s in newsroom["stories"][:3])
    assert "related" in found


def test_the_front_page_names_its_stories_and_sections(newsroom: dict[str, Any]):
    found = tags_of("/")
    assert {"home", "latest", f"s:{newsroom['ai'].pk}", f"s:{newsroom['chips'].pk}"} <= found
    assert all(teaser_tags(s) <= found for s in newsroom["stories"][:8])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/category/ai/", {"ls:{ai}", "s:{ai}"}),
        ("/category/ai/ai-policy/", {"ls:{policy}", "s:{policy}"}),
        ("/tag/gpus/", {"lt:{gpus}", "t:{gpus}"}),
        ("/author/alice/", {"lp:{alice}", "p:{alice}"}),
    ],
)
def test_an_archive_names_its_list_its_subject_and_its_stories(
    newsroom: dict[str, Any], url: str, expected: set[str]
):
    ids = {k: v.pk for k, v in newsroom.items() if hasattr(v, "pk")} | {
        "gpus": newsroom["tags"][1].pk
    }
    found = tags_of(url)
    assert {e.format(**ids) for e in expected} <= found
    assert any(t.startswith("a:") for t in found)


def test_date_archives_name_their_year_or_month(newsroom: dict[str, Any]):
    day = newsroom["stories"][0].pub_date
    assert f"archive:{day:%Y}" in tags_of(f"/{day:%Y}/")
    assert f"archive:{day:%Y-%m}" in tags_of(f"/{day:%Y/%m}/")
    assert f"archive:{day:%Y-%m}" in tags_of(f"/{day:%Y/%m/%d}/")


def test_feeds_name_their_list_and_every_story(newsroom: dict[str, Any]):
    site = tags_of("/feed/")
    assert "latest" in site
    assert all(f"a:{s.pk}" in site for s in newsroom["stories"])
    assert f"lt:{newsroom['tags'][0].pk}" in tags_of("/tag/models/feed/atom/")
    assert f"lp:{newsroom['bob'].pk}" in tags_of("/author/bob/feed.json")


def test_comment_feeds_name_their_thread(newsroom: dict[str, Any]):
    story = newsroom["stories"][0]
    assert "comments" in tags_of("/comments/feed/")
    assert f"c:{story.pk}" in tags_of(story.get_absolute_url() + "feed/")


def test_sitemaps_search_static_pages_and_404s_are_named(newsroom: dict[str, Any]):
    page = Page.objects.create(title="About", slug="about", body="Us.", status="published")
    assert "sitemaps" in tags_of("/sitemap.xml")
    assert "sitemaps" in tags_of("/sitemap-articles.xml")
    assert "search" in tags_of("/search/?q=story")
    assert f"page:{page.pk}" in tags_of("/about/")
    assert tags_of("/no-such-page/") == {"notfound"}


def test_a_cacheable_page_tells_caches_in_front_how_long_and_its_tags(
    newsroom: dict[str, Any], settings: Any
):
    story = newsroom["stories"][1]
    response = Client().get(story.get_absolute_url())
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300", f"s-maxage={settings.CDN_SECONDS}"} <= control
    assert {"stale-while-revalidate=60", "stale-if-error=86400"} <= control
    keys = response["Surrogate-Key"].split(" ")
    assert f"a:{story.pk}" in keys
    assert response["Cache-Tag"].split(",") == keys
    replay = Client().get(story.get_absolute_url())
    assert replay["X-Page-Cache"] == "hit"
    assert replay["Surrogate-Key"] == response["Surrogate-Key"]
    assert replay["Cache-Control"] == response["Cache-Control"]


def test_the_tag_headers_can_be_turned_off(newsroom: dict[str, Any], settings: Any):
    settings.CDN_TAG_HEADERS = False
    response = Client().get("/")
    assert "Surrogate-Key" not in response
    assert "Cache-Tag" not in response
    # Not purged by tag, so no longer than the page cache keeps it.
    assert "s-maxage=300" in response["Cache-Control"]


def test_a_page_for_one_reader_stays_private(newsroom: dict[str, Any]):
    client = Client()
    client.cookies["masthead_commenter"] = "someone"
    response = client.get(newsroom["stories"][0].get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Surrogate-Key" not in response


def test_no_shared_copy_outlives_the_next_scheduled_publication(newsroom: dict[str, Any]):
    from datetime import timedelta

    from masthead.core import clock

    factories.article(title="Later", published_at=clock.now() + timedelta(seconds=120))
    control = Client().get("/")["Cache-Control"]
    ages = dict(p.strip().split("=") for p in control.split(",") if "=" in p)
    assert 0 < int(ages["max-age"]) <= 120
    assert 0 < int(ages["s-maxage"]) <= 120
