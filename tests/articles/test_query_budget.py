"""Reader pages stay within a fixed number of SQL queries, however much content they show.

Budgets: article page 9, home page 8, any archive 10. Every request here is the first
after the cache was emptied, so cached site settings or pages never hide a query. A warm
page, as on every request but the first after a change, asks fewer: the site settings,
the menu, the comment rules and the newest stories (two queries, ``articles/rail.py``)
come from memory. A warm article page asks for the story (with its byline and tags, as
rows of JSON), its translations (only when it has any), its related stories and its
comments.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.articles import rail
from masthead.articles.models import Article, MenuItem
from tests import factories
from tests.conftest import ago, edit_site

pytestmark = pytest.mark.django_db

ARTICLE_BUDGET = 9
HOME_BUDGET = 8
WARM_ARTICLE_BUDGET = 4
WARM_HOME_BUDGET = 4
ARCHIVE_BUDGET = 10


@pytest.fixture(autouse=True)
def json_functions_known(db: None) -> None:
    """Django asks SQLite whether it has JSON functions once per process, not per page."""
    assert connection.features.supports_json_field


def cold_get(client: Any, path: str) -> Any:
    """GET ``path`` with nothing warm: no cached settings, menu, newest stories or page."""
    cache.clear()
    rail.newest.forget()
    response = client.get(path)
    assert response.status_code == 200, path
    return response


@pytest.fixture
def busy_site(newsroom: dict[str, Any]) -> dict[str, Any]:
    """A site with pictures everywhere, a menu, eight tags and six related stories to find."""
    edit_site(related_count=6)
    for i in range(3):
        MenuItem.objects.create(label=f"Menu {i}", url=f"/category/m{i}/", position=i)
    tags = newsroom["tags"] + [
        factories.TagFactory(name=f"extra {i}", slug=f"extra-{i}") for i in range(5)
    ]
    picture = factories.image()
    for story in newsroom["stories"]:
        Article.objects.filter(pk=story.pk).update(featured_image=picture)
    return {**newsroom, "tags": tags, "picture": picture}


def rich_article(site: dict[str, Any], *, comments: int) -> Article:
    """Two authors, eight tags, a translation, a featured image and ``comments`` comments."""
    story = factories.article(
        title="Everything at once",
        body="## Heading\n\n" + "Words and more words. " * 300,
        category=site["policy"],
        authors=[site["alice"], site["bob"]],
        tags=site["tags"],
        featured_image=site["picture"],
        source=site["source"],
        source_url="https://harbour-wire.example/everything",
        language="en",
    )
    factories.article(
        title="Tout à la fois", language="fr", translation_of=story, category=site["policy"],
        featured_image=site["picture"], published_at=ago(minutes=20),
    )  # fmt: skip
    factories.article(
        title="一次全部", language="zh-Hans", translation_of=story, category=site["policy"],
        published_at=ago(minutes=25),
    )  # fmt: skip
    for i in range(comments):
        factories.comment(
            story, author_name=f"Reader {i}",
            author_url="https://reader.example/" if i % 2 else "",
        )  # fmt: skip
    return story


@pytest.mark.parametrize("comments", [0, 1, 50])
def test_article_page_fits_the_budget_whatever_the_comment_count(
    client, busy_site, django_assert_max_num_queries, comments
):
    story = rich_article(busy_site, comments=comments)
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        cold_get(client, story.get_absolute_url())


def test_article_page_fits_the_budget_for_a_translation_and_a_bare_story(
    client, busy_site, django_assert_max_num_queries
):
    story = rich_article(busy_site, comments=5)
    translation = story.translations.get(language="fr")
    bare = factories.article(title="Bare", category=busy_site["chips"])
    for target in (translation, bare):
        with django_assert_max_num_queries(ARTICLE_BUDGET):
            cold_get(client, target.get_absolute_url())


def test_article_page_query_count_does_not_grow_with_comments_tags_or_authors(client, busy_site):
    """A crowded story costs at most one query more than a sparse one (its translations)."""
    few = factories.article(title="Few", category=busy_site["policy"], tags=busy_site["tags"][:1])
    factories.comment(few)
    many = rich_article(busy_site, comments=40)
    counts = []
    for target in (few, many):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            cold_get(client, target.get_absolute_url())
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 1


@pytest.fixture
def many_sections(busy_site: dict[str, Any]) -> dict[str, Any]:
    """Five more top-level sections, each with a subsection and stories in both."""
    for n in range(5):
        top = factories.CategoryFactory(name=f"Desk {n}", slug=f"desk-{n}", position=10 + n)
        sub = factories.CategoryFactory(name=f"Desk {n} sub", slug=f"desk-{n}-sub", parent=top)
        for i in range(3):
            for category in (top, sub):
                factories.article(
                    title=f"{category.name} story {i}", category=category,
                    authors=[busy_site["alice"], busy_site["bob"]], tags=busy_site["tags"][:3],
                    featured_image=busy_site["picture"], published_at=ago(hours=50 + n * 7 + i),
                )  # fmt: skip
    return busy_site


def test_home_page_fits_the_budget(client, many_sections, django_assert_max_num_queries):
    with django_assert_max_num_queries(HOME_BUDGET):
        cold_get(client, "/")


def test_warm_pages_fit_their_budgets(client, many_sections, django_assert_max_num_queries):
    story = rich_article(many_sections, comments=20)
    for path, budget in (("/", WARM_HOME_BUDGET), (story.get_absolute_url(), WARM_ARTICLE_BUDGET)):
        cold_get(client, path)
        with django_assert_max_num_queries(budget):
            assert client.get(path).status_code == 200


def test_warm_article_page_without_translations_asks_three_queries(
    client, busy_site, django_assert_num_queries
):
    story = factories.article(title="Alone", category=busy_site["chips"], tags=busy_site["tags"])
    factories.comment(story)
    cold_get(client, story.get_absolute_url())
    with django_assert_num_queries(WARM_ARTICLE_BUDGET - 1):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_home_page_query_count_does_not_grow_with_sections(client, busy_site):
    """Each section's newest stories come from one query, however many sections."""
    counts = []
    for n in range(2):
        with CaptureQueriesContext(connection) as queries:
            cold_get(client, "/")
        counts.append(len(queries))
        for i in range(4):
            top = factories.CategoryFactory(name=f"More {n} {i}", slug=f"more-{n}-{i}")
            factories.CategoryFactory(name=f"Sub {n} {i}", slug=f"sub-{n}-{i}", parent=top)
            factories.article(title=f"In more {n} {i}", category=top)
    assert counts[0] == counts[1]


def test_empty_home_page_fits_the_budget(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(HOME_BUDGET):
        cold_get(client, "/")


ARCHIVES = [
    "/category/ai/",
    "/category/ai-policy/",
    "/category/desk-0/",
    "/tag/models/",
    "/author/alice/",
    "/author/alice/page/2/",
    "/tag/models/page/2/",
]


@pytest.mark.parametrize("path", ARCHIVES)
def test_archive_fits_the_budget(client, many_sections, django_assert_max_num_queries, path):
    edit_site(per_page=12)
    with django_assert_max_num_queries(ARCHIVE_BUDGET):
        cold_get(client, path)


def test_date_archives_fit_the_budget(client, many_sections, django_assert_max_num_queries):
    day = many_sections["stories"][0].pub_date
    for path in (f"/{day:%Y}/", f"/{day:%Y/%m}/", f"/{day:%Y/%m/%d}/"):
        with django_assert_max_num_queries(ARCHIVE_BUDGET):
            cold_get(client, path)


def test_author_archive_with_an_avatar_fits_the_budget(
    client, many_sections, django_assert_max_num_queries
):
    many_sections["alice"].avatar.save("a.png", ContentFile(factories.png_bytes(96, 96)))
    with django_assert_max_num_queries(ARCHIVE_BUDGET):
        cold_get(client, "/author/alice/")
