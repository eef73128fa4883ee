"""Drafts, scheduled and trashed articles are invisible to readers everywhere.

Each hidden story below is newer than every visible one, shares every tag and byline with
the newsroom's stories and sits in its busiest section, so wherever a reader could meet it
(lead story, latest, section blocks, archives, related posts, You missed) it would show.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.articles import services
from masthead.articles.models import Article, SiteSettings
from masthead.core import clock
from tests import factories
from tests.conftest import ago, soup

pytestmark = pytest.mark.django_db

HIDDEN_KINDS = ["draft", "scheduled", "trashed"]


def make_hidden(kind: str, newsroom: dict[str, Any], **fields: Any) -> Article:
    """A story that would be the newest on the site, were it visible."""
    common = {
        "category": newsroom["policy"], "authors": [newsroom["alice"], newsroom["bob"]],
        "tags": newsroom["tags"], "featured_image": None, **fields,
    }  # fmt: skip
    if kind == "draft":
        return factories.article(
            title="Hidden draft", status=Article.Status.DRAFT, published_at=ago(minutes=5), **common
        )
    if kind == "scheduled":
        return factories.article(
            title="Hidden scheduled", published_at=clock.now() + timedelta(days=1), **common
        )
    story = factories.article(title="Hidden trashed", published_at=ago(minutes=5), **common)
    return services.trash_article(article=story)


@pytest.fixture(params=HIDDEN_KINDS)
def kind(request: Any) -> str:
    return str(request.param)


@pytest.fixture
def hidden(kind: str, newsroom: dict[str, Any]) -> Article:
    return make_hidden(kind, newsroom)


@pytest.fixture
def all_hidden(newsroom: dict[str, Any]) -> list[Article]:
    return [make_hidden(kind, newsroom) for kind in HIDDEN_KINDS]


def get(client: Any, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return soup(response)


def story_links(doc: BeautifulSoup, scope: str = "") -> list[str]:
    return [a["href"] for a in doc.select(f"{scope} .teaser__title a".strip())]


def page_text(doc: BeautifulSoup) -> str:
    return " ".join(doc.get_text(" ").split())


def archive_paths(story: Article) -> list[str]:
    day = timezone.localdate(story.published_at)
    return [
        "/category/ai/", "/category/ai-policy/", "/tag/models/", "/tag/europe/",
        "/author/alice/", "/author/bob/", f"/{day:%Y}/", f"/{day:%Y/%m}/", f"/{day:%Y/%m/%d}/",
    ]  # fmt: skip


# The article's own page ----------------------------------------------------------------


def test_hidden_article_url_is_not_found(client, hidden):
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_hidden_article_is_not_found_even_by_its_day_and_slug(client, hidden):
    day = timezone.localdate(hidden.published_at)
    assert client.get(f"/{day:%Y/%m/%d}/{hidden.slug}/").status_code == 404


# Listings ------------------------------------------------------------------------------


def test_hidden_article_is_not_on_the_home_page(client, hidden):
    doc = get(client, "/")
    assert hidden.get_absolute_url() not in story_links(doc)
    assert hidden.title not in page_text(doc)


def test_hidden_article_is_never_the_lead_even_when_marked_lead(client, newsroom, hidden):
    hidden.is_lead = True
    services.save_article(article=hidden)
    lead = story_links(get(client, "/"), ".front__lead")
    assert lead == [newsroom["stories"][0].get_absolute_url()]


def test_hidden_article_is_in_no_archive(client, hidden):
    for path in archive_paths(hidden):
        doc = get(client, path)
        assert hidden.get_absolute_url() not in story_links(doc), path
        assert hidden.title not in page_text(doc), path


def test_hidden_articles_do_not_count_towards_archive_pages(client, newsroom, all_hidden):
    """Ten visible "models" stories at four a page make three pages, however many are hidden."""
    row = SiteSettings.objects.get()
    row.per_page = 4
    row.save()
    assert "Page 1 of 3" in page_text(get(client, "/tag/models/"))
    assert client.get("/tag/models/page/4/").status_code == 404
    assert story_links(get(client, "/tag/models/page/3/")) == [
        s.get_absolute_url() for s in newsroom["stories"][8:10]
    ]


def test_hidden_articles_take_no_place_in_a_section_block(client, newsroom, all_hidden):
    doc = get(client, "/")
    ai_block = doc.select_one('.section-block__title a[href="/category/ai/"]').find_parent(
        "section"
    )
    shown = story_links(ai_block)
    assert shown
    visible_ai = {
        s.get_absolute_url() for s in newsroom["stories"] if s.category.top == newsroom["ai"]
    }
    assert set(shown) <= visible_ai


def test_section_with_only_hidden_stories_has_no_block_and_is_not_listed_as_a_subsection(
    client, newsroom, kind
):
    """A section whose only story is hidden looks empty: no home block, no subsection link."""
    lonely_top = factories.CategoryFactory(name="Lonely", slug="lonely")
    lonely_sub = factories.CategoryFactory(
        name="Lonely sub", slug="lonely-sub", parent=newsroom["chips"]
    )
    make_hidden(kind, newsroom, category=lonely_top)
    make_hidden(kind, newsroom, category=lonely_sub)
    home = get(client, "/")
    assert home.select('.section-block__title a[href="/category/lonely/"]') == []
    subsections = get(client, "/category/chips/").select('nav[aria-label="Subsections"] a')
    assert "/category/lonely-sub/" not in [a["href"] for a in subsections]


# Article-page rails ------------------------------------------------------------------------


def test_hidden_article_is_never_a_related_post(client, newsroom, all_hidden):
    row = SiteSettings.objects.get()
    row.related_count = 6
    row.save()
    doc = get(client, newsroom["stories"][2].get_absolute_url())  # shares all three tags
    related = story_links(doc, ".related")
    assert len(related) == 6
    assert not {h.get_absolute_url() for h in all_hidden} & set(related)


def test_hidden_article_is_never_in_you_missed(client, newsroom, all_hidden):
    doc = get(client, newsroom["stories"][5].get_absolute_url())
    missed = story_links(doc, ".you-missed")
    assert missed == [s.get_absolute_url() for s in newsroom["stories"][:4]]


def test_hidden_translation_is_not_offered(client, newsroom, hidden):
    original = newsroom["stories"][0]
    hidden.translation_of = original
    hidden.language = "fr"
    services.save_article(article=hidden)
    doc = get(client, original.get_absolute_url())
    assert doc.select(".translations") == []
    assert doc.select('link[rel="alternate"][hreflang="fr"]') == []


# Scheduled stories go live by themselves ---------------------------------------------------


@pytest.fixture
def scheduled(newsroom: dict[str, Any]) -> Article:
    return make_hidden("scheduled", newsroom)


@pytest.fixture
def two_days_later(monkeypatch: Any) -> None:
    """Move the clock two days forward: the scheduled story's time has passed."""
    later = clock.now() + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)


def test_scheduled_article_page_opens_once_its_time_passes(client, scheduled, two_days_later):
    doc = get(client, scheduled.get_absolute_url())
    assert " ".join(doc.select_one("h1").get_text().split()) == "Hidden scheduled"


def test_scheduled_article_leads_the_home_page_once_its_time_passes(
    client, scheduled, two_days_later
):
    assert story_links(get(client, "/"), ".front__lead") == [scheduled.get_absolute_url()]


def test_scheduled_article_joins_its_archives_once_its_time_passes(
    client, scheduled, two_days_later
):
    for path in archive_paths(scheduled):
        assert scheduled.get_absolute_url() in story_links(get(client, path)), path


def test_scheduled_article_joins_related_posts_and_you_missed_once_its_time_passes(
    client, newsroom, scheduled, monkeypatch
):
    # A story on the same subject: its list, computed now, holds the still hidden one.
    story = factories.article(title="Before the hidden scheduled story", tags=newsroom["tags"])
    later = clock.now() + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    doc = get(client, story.get_absolute_url())
    assert scheduled.get_absolute_url() in story_links(doc, ".related")
    assert scheduled.get_absolute_url() in story_links(doc, ".you-missed")


def test_scheduled_article_stays_hidden_a_minute_before_its_time(client, scheduled, monkeypatch):
    almost = scheduled.published_at - timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: almost)
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert scheduled.get_absolute_url() not in story_links(get(client, "/"))


# ... and with the page cache on -------------------------------------------------------------


def lead_title(client: Any) -> str:
    doc = get(client, "/")
    return " ".join(doc.select_one(".front__lead .teaser__title").get_text().split())


def test_scheduled_article_appears_at_its_time_through_the_page_cache(client, newsroom, travel):
    factories.article(title="On the hour", published_at=clock.now() + timedelta(seconds=60))
    assert lead_title(client) == "Story number 0"  # now cached
    travel(90)
    assert lead_title(client) == "On the hour"


def test_each_of_two_scheduled_articles_appears_at_its_own_time_through_the_page_cache(
    client, newsroom, travel
):
    """The second scheduled story is not held back by a page cached after the first went live."""
    factories.article(title="First out", published_at=clock.now() + timedelta(seconds=60))
    factories.article(title="Second out", published_at=clock.now() + timedelta(seconds=180))
    assert lead_title(client) == "Story number 0"
    travel(90)
    assert lead_title(client) == "First out"
    travel(200)
    assert lead_title(client) == "Second out"
