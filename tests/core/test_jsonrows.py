"""``JSONRows``: a related set read in its owner's query, in the related set's order."""

from __future__ import annotations

import pytest
from django.db.models import F, OuterRef

from masthead.articles.models import Article, ArticleAuthor, Tag
from masthead.core.jsonrows import JSONRows, rows
from tests import factories

pytestmark = pytest.mark.django_db


def tag_rows(story: Article, **order: str) -> list[dict]:
    tags = Tag.objects.filter(articles=OuterRef("pk")).order_by(*order.values())
    found = Article.objects.annotate(found=JSONRows(tags, id=F("id"), name=F("name")))
    return rows(found.get(pk=story.pk).found)


def test_rows_come_in_the_querysets_order_with_their_types():
    names = ["water", "Energy", "ärzte", "Zoning", "apples"]
    tags = [factories.TagFactory(name=name, slug=f"t-{i}") for i, name in enumerate(names)]
    story = factories.article(tags=tags)
    expected = list(story.tags.order_by("name").values("id", "name"))
    assert tag_rows(story) == expected
    assert tag_rows(story, by="-name") == expected[::-1]
    assert all(isinstance(row["id"], int) for row in expected)


def test_a_story_without_tags_has_no_rows():
    assert tag_rows(factories.article()) == []


def test_columns_follow_foreign_keys_and_keep_nulls():
    alice = factories.AuthorFactory(name="Alice", slug="alice")
    bob = factories.AuthorFactory(name="Bob", slug="bob", role="")
    story = factories.article(authors=[bob, alice])
    links = ArticleAuthor.objects.filter(article=OuterRef("pk"))
    names = JSONRows(links, name=F("author__name"), user=F("author__user_id"))
    found = Article.objects.annotate(names=names).get(pk=story.pk)
    assert rows(found.names) == [{"name": "Bob", "user": None}, {"name": "Alice", "user": None}]
