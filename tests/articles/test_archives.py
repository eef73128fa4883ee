"""Archives: section, tag, author, year, month and day listings, and their pagination."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from masthead.articles.models import Article, SiteSettings
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


def get(client: Any, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return soup(response)


def listed(doc: BeautifulSoup) -> list[str]:
    """The story URLs in the listing, in page order."""
    return [a["href"] for a in doc.select("main .teaser__title a")]


def urls(articles: list[Article]) -> list[str]:
    return [a.get_absolute_url() for a in articles]


def heading(doc: BeautifulSoup) -> str:
    return text(doc.select_one("h1"))


# Sections ------------------------------------------------------------------------


def test_section_archive_lists_its_stories_and_its_subsections_stories(client, newsroom):
    in_ai = [s for s in newsroom["stories"] if s.category in (newsroom["ai"], newsroom["policy"])]
    assert listed(get(client, "/category/ai/")) == urls(in_ai)


def test_section_archive_is_headed_by_the_section_name(client, newsroom):
    assert heading(get(client, "/category/ai/")) == "AI"


def test_section_archive_links_to_its_subsections(client, newsroom):
    nav = get(client, "/category/ai/").select('nav[aria-label="Subsections"] a')
    assert [(text(a), a["href"]) for a in nav] == [("Policy", "/category/ai-policy/")]


def test_section_archive_shows_the_section_description(client, newsroom):
    newsroom["ai"].description = "Models, labs and the rules around them."
    newsroom["ai"].save()
    assert "Models, labs and the rules around them." in text(
        get(client, "/category/ai/").select_one("main")
    )


def test_subsection_archive_lists_only_its_own_stories(client, newsroom):
    in_policy = [s for s in newsroom["stories"] if s.category == newsroom["policy"]]
    assert listed(get(client, "/category/ai-policy/")) == urls(in_policy)


def test_section_archive_leaves_out_other_sections(client, newsroom):
    chips = [s for s in newsroom["stories"] if s.category == newsroom["chips"]]
    assert listed(get(client, "/category/chips/")) == urls(chips)


# Tags ------------------------------------------------------------------------------


def test_tag_archive_lists_the_stories_with_the_tag(client, newsroom):
    europe = newsroom["tags"][2]
    tagged = [s for s in newsroom["stories"] if europe in s.tags.all()]
    doc = get(client, "/tag/europe/")
    assert heading(doc) == "europe"
    assert listed(doc) == urls(tagged)


def test_tag_without_stories_shows_an_empty_listing(client, newsroom):
    factories.TagFactory(name="robots", slug="robots")
    doc = get(client, "/tag/robots/")
    assert listed(doc) == []
    assert "No stories here yet" in text(doc.select_one("main"))


# Authors ---------------------------------------------------------------------------


def test_author_archive_lists_every_story_they_wrote_or_cowrote(client, newsroom):
    alice = newsroom["alice"]
    theirs = [s for s in newsroom["stories"] if alice in s.byline]
    assert listed(get(client, "/author/alice/")) == urls(theirs)


def test_author_archive_shows_name_role_and_bio(client, newsroom):
    doc = get(client, "/author/alice/")
    assert heading(doc) == "Alice Reporter"
    assert text(doc.select_one(".author-card__role")) == "Staff reporter"
    assert text(doc.select_one(".author-card__bio")) == "Covers the industry."


def test_author_archive_shows_the_avatar_when_there_is_one(client, newsroom):
    alice = newsroom["alice"]
    alice.avatar.save("alice.png", ContentFile(factories.png_bytes(200, 200)), save=True)
    avatar = get(client, "/author/alice/").select_one(".author-card img")
    assert avatar["src"] == alice.avatar.url


def test_author_archive_shows_initials_without_an_avatar(client, newsroom):
    card = get(client, "/author/alice/").select_one(".author-card")
    assert card.select("img") == []
    assert text(card.select_one(".avatar")) == "AR"


# Dates -------------------------------------------------------------------------------


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


@pytest.fixture
def dated(db: Any) -> dict[str, Article]:
    """Stories on known days: two in March 2024, one in July 2024, one in December 2023."""
    SiteSettings.objects.create(name="The Test Gazette")
    return {
        "ides": factories.article(title="Ides of March", published_at=at(2024, 3, 15)),
        "early": factories.article(title="Early March", published_at=at(2024, 3, 2)),
        "july": factories.article(title="Fourth of July", published_at=at(2024, 7, 4)),
        "eve": factories.article(title="New Year's Eve", published_at=at(2023, 12, 31)),
    }


def test_year_archive_lists_that_years_stories_newest_first(client, dated):
    doc = get(client, "/2024/")
    assert heading(doc) == "2024"
    assert listed(doc) == urls([dated["july"], dated["ides"], dated["early"]])


def test_month_archive_lists_that_months_stories(client, dated):
    doc = get(client, "/2024/03/")
    assert heading(doc) == "March 2024"
    assert listed(doc) == urls([dated["ides"], dated["early"]])


def test_day_archive_lists_that_days_stories(client, dated):
    doc = get(client, "/2024/03/15/")
    assert heading(doc) == "March 15, 2024"
    assert listed(doc) == urls([dated["ides"]])


def test_story_url_lives_under_its_day_archive(dated):
    assert dated["ides"].get_absolute_url() == "/2024/03/15/ides-of-march/"


def test_month_without_stories_shows_an_empty_listing(client, dated):
    assert listed(get(client, "/2024/05/")) == []


# Pagination ----------------------------------------------------------------------------


@pytest.fixture
def four_per_page(newsroom: dict[str, Any]) -> None:
    """Four stories a page, so the ten "models" stories take three pages (4, 4, 2)."""
    row = SiteSettings.objects.get()
    row.per_page = 4
    row.save()


def pages_of(client: Any, base: str) -> list[BeautifulSoup]:
    return [get(client, base), get(client, f"{base}page/2/"), get(client, f"{base}page/3/")]


def test_archive_pages_hold_per_page_stories_each_newest_first(client, newsroom, four_per_page):
    first, second, third = pages_of(client, "/tag/models/")
    assert listed(first) == urls(newsroom["stories"][0:4])
    assert listed(second) == urls(newsroom["stories"][4:8])
    assert listed(third) == urls(newsroom["stories"][8:10])


def test_first_page_links_only_to_older_stories(client, newsroom, four_per_page):
    first = get(client, "/tag/models/")
    assert [a["href"] for a in first.select(".pagination a")] == ["/tag/models/page/2/"]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "/tag/models/page/2/"


def test_middle_page_links_to_newer_and_older_pages(client, newsroom, four_per_page):
    second = get(client, "/tag/models/page/2/")
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "/tag/models/"
    assert second.select_one('.pagination a[rel="next"]')["href"] == "/tag/models/page/3/"


def test_last_page_links_only_to_newer_stories(client, newsroom, four_per_page):
    third = get(client, "/tag/models/page/3/")
    assert [a["href"] for a in third.select(".pagination a")] == ["/tag/models/page/2/"]
    assert third.select(".pagination a[rel='next']") == []


def test_archive_that_fits_one_page_has_no_pagination(client, newsroom):
    assert get(client, "/tag/europe/").select(".pagination") == []


@pytest.mark.parametrize(
    "base",
    ["/category/ai/", "/category/ai-policy/", "/tag/models/", "/author/alice/", "/2024/",
     "/2024/03/", "/2024/03/15/"],
)  # fmt: skip
def test_page_one_redirects_permanently_to_the_archive_itself(client, newsroom, base):
    response = client.get(f"{base}page/1/")
    assert response.status_code == 301
    assert response["Location"] == base


def test_home_page_one_redirects_permanently_to_the_home_page(client, newsroom):
    response = client.get("/page/1/")
    assert response.status_code == 301
    assert response["Location"] == "/"


@pytest.mark.parametrize("base", ["/category/ai/", "/author/alice/"])
def test_every_archive_kind_paginates_the_same_way(client, newsroom, four_per_page, base):
    first, second = get(client, base), get(client, f"{base}page/2/")
    assert len(listed(first)) == 4
    assert listed(second)
    assert set(listed(first)).isdisjoint(listed(second))
    assert second.select_one('.pagination a[rel="prev"]')["href"] == base
