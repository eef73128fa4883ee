"""Related posts (``discovery.backends``): the SharedTagsRule ranking and backend lookup.

The stored-lists engine that is the default has its own module, test_related_engine.py.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from masthead.articles import services
from masthead.articles.models import Article, Category, Tag
from masthead.core import clock
from masthead.discovery.backends import RelatedBackend, SharedTagsRule, get_backend
from masthead.discovery.related.backend import StoredLists
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


class Desk:
    """Sections Tech (with the subsection Gadgets) and Sport, and tags a, b, c, d."""

    def __init__(self) -> None:
        self.tech = factories.CategoryFactory(name="Tech", slug="tech")
        self.gadgets = factories.CategoryFactory(name="Gadgets", slug="gadgets", parent=self.tech)
        self.sport = factories.CategoryFactory(name="Sport", slug="sport")
        self.tags = {n: factories.TagFactory(name=n, slug=n) for n in "abcd"}

    def story(
        self, title: str, *, category: Category | None = None, tags: str = "", age: float = 1,
        **fields: Any,
    ) -> Article:  # fmt: skip
        """A story ``age`` hours old in ``category`` (Tech) tagged with the letters in ``tags``."""
        return factories.article(
            title=title, category=category or self.tech, published_at=ago(hours=age),
            tags=[self.tags[t] for t in tags], **fields,
        )  # fmt: skip


@pytest.fixture
def desk(db: Any) -> Desk:
    return Desk()


def related(article: Article, limit: int = 6) -> list[str]:
    return [a.title for a in SharedTagsRule().related(article, limit)]


# Ranking -----------------------------------------------------------------------------------


def test_most_shared_tags_come_first(desk):
    subject = desk.story("Subject", tags="abc")
    desk.story("Shares three", category=desk.sport, tags="abc", age=50)
    desk.story("Shares two", category=desk.sport, tags="ab", age=40)
    desk.story("Shares one", category=desk.sport, tags="a", age=2)
    assert related(subject, 3) == ["Shares three", "Shares two", "Shares one"]


def test_equal_tags_rank_the_same_section_first(desk):
    subject = desk.story("Subject", tags="a")
    desk.story("Other section, newer", category=desk.sport, tags="a", age=2)
    desk.story("Same section, older", tags="a", age=30)
    assert related(subject, 2) == ["Same section, older", "Other section, newer"]


def test_a_subsection_counts_as_the_same_section(desk):
    subject = desk.story("Subject", tags="a")
    desk.story("Other section, newer", category=desk.sport, tags="a", age=2)
    desk.story("In a subsection, older", category=desk.gadgets, tags="a", age=30)
    assert related(subject, 2) == ["In a subsection, older", "Other section, newer"]


def test_the_parent_section_counts_as_the_same_section_for_a_subsection_story(desk):
    subject = desk.story("Subject", category=desk.gadgets, tags="a")
    desk.story("Other section, newer", category=desk.sport, tags="a", age=2)
    desk.story("Parent section, older", category=desk.tech, tags="a", age=30)
    assert related(subject, 2) == ["Parent section, older", "Other section, newer"]


def test_equal_tags_and_section_rank_the_newer_first(desk):
    subject = desk.story("Subject", tags="ab")
    desk.story("Older", tags="ab", age=30)
    desk.story("Newer", tags="ab", age=3)
    assert related(subject, 2) == ["Newer", "Older"]


def test_shared_tags_outrank_the_same_section(desk):
    subject = desk.story("Subject", tags="a")
    desk.story("Same section, no tags", age=2)
    desk.story("Other section, shared tag", category=desk.sport, tags="a", age=60)
    assert related(subject, 2) == ["Other section, shared tag", "Same section, no tags"]


def test_without_shared_tags_the_same_section_fills_first_newest_first(desk):
    subject = desk.story("Subject")
    desk.story("Sport, newest", category=desk.sport, age=2)
    desk.story("Tech, older", age=20)
    desk.story("Gadgets, newer", category=desk.gadgets, age=10)
    assert related(subject, 3) == ["Gadgets, newer", "Tech, older", "Sport, newest"]


def test_recency_fills_the_remaining_places_from_anywhere(desk):
    subject = desk.story("Subject", tags="a")
    desk.story("Tagged", category=desk.sport, tags="a", age=90)
    desk.story("Same section", age=80)
    desk.story("Anywhere, newer", category=desk.sport, age=5)
    desk.story("Anywhere, older", category=desk.sport, age=6)
    assert related(subject, 4) == ["Tagged", "Same section", "Anywhere, newer", "Anywhere, older"]


# What is never related ----------------------------------------------------------------------


def test_the_article_itself_is_never_related(desk):
    subject = desk.story("Subject", tags="abcd")
    for i in range(3):
        desk.story(f"Other {i}", tags="a", age=5 + i)
    assert "Subject" not in related(subject, 6)


def test_drafts_scheduled_and_trashed_articles_are_never_related(desk):
    subject = desk.story("Subject", tags="abcd")
    desk.story("Draft", tags="abcd", status=Article.Status.DRAFT)
    factories.article(
        title="Scheduled", category=desk.tech, tags=list(desk.tags.values()),
        published_at=clock.now() + timedelta(hours=2),
    )  # fmt: skip
    services.trash_article(article=desk.story("Trashed", tags="abcd"))
    desk.story("Visible", category=desk.sport, age=100)
    assert related(subject, 6) == ["Visible"]


def test_related_articles_are_never_repeated(desk):
    subject = desk.story("Subject", tags="abc")
    for i in range(4):
        desk.story(f"Tagged in section {i}", tags="abc"[: 1 + i % 3], age=2 + i)
    for i in range(4):
        desk.story(f"Untagged {i}", category=desk.sport, age=10 + i)
    titles = related(subject, 6)
    assert len(titles) == len(set(titles)) == 6


# How many --------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [3, 4, 5, 6])
def test_exactly_limit_articles_when_enough_exist(desk, limit):
    subject = desk.story("Subject", tags="a")
    for i in range(10):
        desk.story(
            f"Story {i}", category=[desk.tech, desk.sport][i % 2], tags="ab"[: i % 3], age=2 + i
        )
    assert len(related(subject, limit)) == limit


def test_every_other_visible_article_when_fewer_than_limit_exist(desk):
    subject = desk.story("Subject", tags="a")
    desk.story("One", tags="a", age=2)
    desk.story("Two", category=desk.sport, age=3)
    assert related(subject, 6) == ["One", "Two"]


def test_nothing_when_the_site_has_one_article(desk):
    assert related(desk.story("Alone", tags="a"), 6) == []


def test_related_articles_come_with_their_featured_image(desk, django_assert_num_queries):
    """Thumbnails need no query per related article."""
    subject = desk.story("Subject", tags="a")
    picture = factories.image()
    for i in range(4):
        desk.story(f"Pictured {i}", tags="a", age=2 + i, featured_image=picture)
    found = SharedTagsRule().related(subject, 4)
    with django_assert_num_queries(0):
        assert [a.featured_image.alt_text for a in found] == ["A test picture"] * 4


# Choosing the backend ----------------------------------------------------------------------------


class FixedBackend(RelatedBackend):
    """Always answers with the newest articles, however many ``pad`` says."""

    def related(self, article: Article, limit: int) -> list[Article]:
        return list(Article.objects.published().exclude(pk=article.pk)[: self.options["pad"]])


def test_default_backend_is_the_stored_lists_engine_and_the_rule_stays_available():
    assert isinstance(get_backend(), StoredLists)
    assert isinstance(get_backend("rule"), SharedTagsRule)


def test_backend_and_its_options_come_from_settings(settings, desk):
    settings.MASTHEAD_RELATED = {
        "default": {
            "BACKEND": "tests.discovery.test_related.FixedBackend",
            "OPTIONS": {"pad": 1},
        }
    }
    backend = get_backend()
    assert isinstance(backend, FixedBackend)
    subject = desk.story("Subject")
    desk.story("Newest other", age=2)
    desk.story("Older other", age=3)
    assert [a.title for a in backend.related(subject, 6)] == ["Newest other"]


def test_tags_are_compared_by_identity_not_name(desk):
    """Two tags that merely look alike are different tags."""
    subject = desk.story("Subject", tags="a")
    lookalike = Tag.objects.create(name="a", slug="a-2")
    factories.article(
        title="Look-alike tag", category=desk.sport, tags=[lookalike], published_at=ago(hours=2)
    )
    desk.story("Same section", age=50)
    assert related(subject, 2) == ["Same section", "Look-alike tag"]
