"""/news-sitemap.xml: the visible stories of the last 48 hours, as Google News reads them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.dateparse import parse_datetime
from lxml import etree

from masthead.articles.models import Article
from masthead.core import clock
from masthead.feeds.sitemaps import news
from masthead.feeds.sitemaps.news import NewsSitemap, news_language
from tests import factories
from tests.conftest import ago, edit_site
from tests.feeds.test_sitemaps import NS, absolute, entries, fetch, hidden_story

pytestmark = pytest.mark.django_db


def listed(client: Any) -> dict[str, Any]:
    """The news sitemap's ``<url>`` elements by location."""
    return entries(fetch(client, "/news-sitemap.xml"))


def news_field(item: Any, path: str) -> str:
    return str(item.findtext(f"news:news/{path}", namespaces=NS))


def test_lists_the_stories_of_the_last_48_hours_newest_first(client, newsroom):
    """Newsroom story i went out 3 + 5i hours ago: stories 0 to 8 are within 48 hours."""
    expected = [absolute(s.get_absolute_url()) for s in newsroom["stories"][:9]]
    assert list(listed(client)) == expected


def test_a_story_drops_out_once_it_is_48_hours_old(client, newsroom, monkeypatch):
    story = newsroom["stories"][0]
    later = story.published_at + timedelta(hours=48, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert absolute(story.get_absolute_url()) not in listed(client)
    monkeypatch.setattr(clock, "now", lambda: later - timedelta(seconds=2))
    assert absolute(story.get_absolute_url()) in listed(client)


@pytest.mark.parametrize("kind", ["draft", "scheduled", "trashed"])
def test_hidden_stories_are_left_out(client, newsroom, kind):
    hidden = hidden_story(kind)
    assert absolute(hidden.get_absolute_url()) not in listed(client)


def test_at_most_the_newest_thousand_are_listed(client, newsroom, monkeypatch):
    monkeypatch.setattr(NewsSitemap, "limit", 4)
    assert list(listed(client)) == [absolute(s.get_absolute_url()) for s in newsroom["stories"][:4]]
    assert news.MAX_STORIES == 1000


def test_each_story_names_the_publication_its_language_date_and_title(client, newsroom):
    story = factories.article(title='Chips & "models" <today>', published_at=ago(minutes=7))
    item = listed(client)[absolute(story.get_absolute_url())]
    assert news_field(item, "news:publication/news:name") == "The Test Gazette"
    assert news_field(item, "news:publication/news:language") == "en"
    assert news_field(item, "news:title") == 'Chips & "models" <today>'
    published = parse_datetime(news_field(item, "news:publication_date"))
    assert published == story.published_at.replace(microsecond=0)
    assert published.tzinfo is not None


def test_characters_xml_cannot_carry_are_dropped_from_titles(client, newsroom):
    """An imported headline may hold a control character; the sitemap must still parse."""
    story = factories.article(title="Wire\x0bcopy\x1f", published_at=ago(minutes=5))
    item = listed(client)[absolute(story.get_absolute_url())]
    assert news_field(item, "news:title") == "Wirecopy"


def test_language_is_the_story_s_else_the_site_s_in_google_s_codes(client, newsroom):
    edit_site(language="pt-BR")
    chinese = factories.article(title="一次全部", language="zh-Hans", published_at=ago(minutes=3))
    urls = listed(client)
    language = "news:publication/news:language"
    assert news_field(urls[absolute(chinese.get_absolute_url())], language) == "zh-cn"
    assert news_field(urls[absolute(newsroom["stories"][0].get_absolute_url())], language) == "pt"


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("fr_CA", "fr"),
        ("zh", "zh-cn"),
        ("zh-Hans", "zh-cn"),
        ("zh-CN", "zh-cn"),
        ("zh-Hant", "zh-tw"),
        ("zh-TW", "zh-tw"),
        ("zh-Hant-HK", "zh-tw"),
        ("yue", "yue"),
        ("", ""),
        ("x-private", ""),
        ("english", ""),
    ],
)
def test_bcp47_tags_become_the_codes_google_news_accepts(tag, code):
    assert news_language(tag) == code


def test_a_story_carries_its_featured_picture(client, newsroom):
    picture = factories.image()
    story = factories.article(title="Pictured", featured_image=picture, published_at=ago(minutes=2))
    item = listed(client)[absolute(story.get_absolute_url())]
    assert item.xpath("image:image/image:loc/text()", namespaces=NS) == [
        absolute(picture.url_for(1200))
    ]


def test_two_quiet_days_leave_an_empty_file(client, newsroom, monkeypatch):
    later = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert listed(client) == {}


@pytest.mark.parametrize("page", ["2", "0", "x"])
def test_there_is_no_second_page(client, newsroom, page):
    assert client.get(f"/news-sitemap.xml?p={page}").status_code == 404


def test_query_count_does_not_grow_with_the_stories(client, newsroom):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            fetch(client, "/news-sitemap.xml")
        return len(queries)

    before = count()
    picture = factories.image()
    for i in range(10):
        factories.article(
            title=f"Fresh {i}", featured_image=picture, language="de", published_at=ago(minutes=i)
        )
    assert count() == before <= 4


# Through the page cache --------------------------------------------------------------------


def cached_listing(client: Any) -> list[str]:
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    return list(entries(etree.fromstring(response.content)))


def test_a_scheduled_story_appears_at_its_time_through_the_page_cache(client, newsroom, travel):
    story = factories.article(title="On the hour", published_at=clock.now() + timedelta(seconds=60))
    assert absolute(story.get_absolute_url()) not in cached_listing(client)  # now cached
    travel(90)
    assert absolute(story.get_absolute_url()) in cached_listing(client)


def test_no_copy_ever_lists_a_story_older_than_48_hours(client, db, travel):
    """A cached copy lives up to PAGE_CACHE_SECONDS; the window is cut short to allow for it."""
    factories.newsroom()
    story = Article.objects.get(title="Story number 0")
    Article.objects.filter(pk=story.pk).update(
        published_at=clock.now() - timedelta(hours=48) + timedelta(seconds=200)
    )
    story.refresh_from_db()
    for second in range(0, 601, 50):
        travel(second)
        shown = absolute(story.get_absolute_url()) in cached_listing(client)
        assert not (shown and clock.now() - story.published_at > timedelta(hours=48)), second
