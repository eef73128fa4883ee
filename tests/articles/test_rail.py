"""The newest stories every page's You-missed rail draws from: read once, never stale.

Each worker keeps them until the site changes (``generation.changes()``, moved on by every
purge) or the next scheduled story comes out. A second ``Newest`` stands for another
worker: it hears of a change only through the shared version, as a real one does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup

from masthead.articles import rail, services
from masthead.articles.models import Article, Category
from masthead.core import clock, generation
from tests import factories
from tests.conftest import ago, soup

pytestmark = [pytest.mark.django_db, pytest.mark.own_rail]


def rail_titles(client: Any, story: Article) -> list[str]:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    doc: BeautifulSoup = soup(response)
    return [a.get_text(strip=True) for a in doc.select(".you-missed .teaser__title a")]


def test_the_rail_is_read_once_while_nothing_changes(newsroom, django_assert_num_queries):
    rail.newest()
    with django_assert_num_queries(0):
        assert [a.title for a in rail.newest()][:2] == ["Story number 0", "Story number 1"]


def test_a_story_published_shows_on_the_next_page_in_every_worker(
    client, newsroom, django_capture_on_commit_callbacks
):
    other_worker = rail.Newest()
    other_worker()
    story = newsroom["stories"][5]
    assert "Fresh news" not in rail_titles(client, story)
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs after the commit
        factories.article(title="Fresh news", published_at=ago(minutes=1))
    assert rail_titles(client, story)[0] == "Fresh news"
    assert other_worker()[0].title == "Fresh news"


@pytest.mark.django_db(transaction=True)  # each save commits, and its purge runs
def test_a_renamed_section_shows_in_the_rail_of_every_worker(newsroom):
    other_worker = rail.Newest()
    renamed = Category.objects.get(pk=other_worker()[0].category_id)
    renamed.name = "Renamed desk"
    renamed.save()
    assert other_worker()[0].category.name == "Renamed desk"


def test_a_withdrawn_story_leaves_the_rail(client, newsroom, django_capture_on_commit_callbacks):
    stories = newsroom["stories"]
    assert rail_titles(client, stories[5])[0] == "Story number 0"
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_article(article=stories[0])
    assert "Story number 0" not in rail_titles(client, stories[5])


def test_a_scheduled_story_joins_the_rail_when_its_time_comes(client, newsroom, monkeypatch):
    start = clock.now()
    factories.article(title="Scheduled news", published_at=start + timedelta(minutes=5))
    story = newsroom["stories"][5]
    assert "Scheduled news" not in rail_titles(client, story)
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=6))
    assert rail_titles(client, story)[0] == "Scheduled news"


def test_a_move_of_the_whole_version_reads_the_rail_again(newsroom, django_assert_num_queries):
    rail.newest()
    generation.bump()
    with django_assert_num_queries(2):  # the stories, and the next scheduled one
        rail.newest()


def test_a_page_showing_most_newest_stories_still_fills_its_rail(newsroom):
    """The home page shows the newest few itself; the rail then comes from the database."""
    from masthead.articles.views.pages import YOU_MISSED, you_missed

    for i in range(rail.KEEP):
        factories.article(title=f"Filler {i}", published_at=ago(minutes=10 + i))
    newest = [a.pk for a in rail.newest()]
    assert len(newest) == rail.KEEP
    found = you_missed(exclude=newest[:-2])
    assert len(found) == YOU_MISSED
    assert [a.pk for a in found[:2]] == newest[-2:]
    assert not set(newest[:-2]) & {a.pk for a in found}
