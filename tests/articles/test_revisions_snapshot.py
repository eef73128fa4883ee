"""Every save keeps a full revision: words, relations and flags, by id and by name."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.articles import revisions, services
from masthead.articles.models import Article, Revision
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_save_stores_everything_the_story_is(newsroom: dict[str, Any], django_user_model: Any):
    editor = factories.person("Editor")
    story = Article.objects.get(pk=newsroom["stories"][3].pk)
    picture = factories.image(alt="A chip fab at night")
    original = newsroom["stories"][0]
    story.featured_image, story.translation_of = picture, original
    story.credit_line, story.language, story.is_lead, story.comments_open = "AP", "de", True, False
    services.save_article(
        article=story, by=editor, authors=[newsroom["bob"], newsroom["alice"]],
        tags=[newsroom["tags"][1]],
    )  # fmt: skip
    newest = Revision.objects.filter(article=story).first()
    assert newest is not None
    assert newest.by == editor
    assert newest.version == story.version
    assert newest.published
    assert newest.status == "published"
    assert newest.data == {
        "slug": story.slug,
        "published_at": story.published_at.isoformat(),
        "category": [newsroom["ai"].pk, "AI"],
        "source": [newsroom["source"].pk, "Harbour Wire"],
        "featured_image": [picture.pk, "A chip fab at night"],
        "translation_of": [original.pk, "Story number 0"],
        "tags": [[newsroom["tags"][1].pk, "gpus"]],
        "authors": [[newsroom["bob"].pk, "Bob Writer"], [newsroom["alice"].pk, "Alice Reporter"]],
        "source_url": "https://harbour-wire.example/2026/story-3",
        "credit_line": "AP",
        "language": "de",
        "is_lead": True,
        "comments_open": False,
    }


def test_a_snapshot_of_a_freshly_read_story_costs_four_queries(
    newsroom: dict[str, Any], django_assert_num_queries: Any
):
    """The names of section, source, picture and original come in one query, not four.

    Before the snapshot named the source, picture and original it cost four queries too
    (section, tags, byline, insert).
    """
    story = Article.objects.get(pk=newsroom["stories"][3].pk)
    story.featured_image = factories.image()
    services.save_article(article=story)
    fresh = Article.objects.get(pk=story.pk)
    with django_assert_num_queries(4):  # names, tags, byline, insert
        revisions.snapshot(article=fresh)


def test_names_already_loaded_cost_no_query(
    newsroom: dict[str, Any], django_assert_num_queries: Any
):
    story = Article.objects.select_related("category", "source").get(pk=newsroom["stories"][3].pk)
    with django_assert_num_queries(3):  # tags, byline, insert
        revisions.snapshot(article=story)


def test_a_scheduled_save_is_not_a_published_revision(newsroom: dict[str, Any]):
    from datetime import timedelta

    from masthead.core import clock

    story = factories.article(published_at=clock.now() + timedelta(days=1))
    newest = Revision.objects.filter(article=story).get()
    assert newest.status == "published"
    assert not newest.published
    assert revisions.state_label(newest) == "Scheduled"


def test_a_snapshot_given_the_tags_and_byline_just_written_stores_what_it_would_read(
    newsroom: dict[str, Any], django_assert_num_queries: Any
):
    story = Article.objects.get(pk=newsroom["stories"][3].pk)
    tags = [newsroom["tags"][2], newsroom["tags"][0], newsroom["tags"][2]]
    authors = [newsroom["bob"], newsroom["alice"], newsroom["bob"]]
    services.save_article(article=story, authors=authors, tags=tags, revision=False)
    story = Article.objects.select_related("category", "source").get(pk=story.pk)
    read = revisions.snapshot(article=story, save=False)
    with django_assert_num_queries(0):
        given = revisions.snapshot(article=story, save=False, tags=tags, authors=authors)
    assert given.data == read.data
