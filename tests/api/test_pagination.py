"""Cursor pages: every article once, in order, stable while stories arrive, constant cost."""

from __future__ import annotations

from datetime import timedelta
from itertools import chain
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.api import pagination
from masthead.core import clock
from tests import factories
from tests.api.conftest import problem

URL = "/api/v1/articles/"


def walk(client: Any, url: str, **params: Any) -> list[list[int]]:
    """The ids on each page, following ``next`` to the end."""
    pages = []
    response = client.get(url, params)
    while True:
        body = response.json()
        pages.append([item["id"] for item in body["results"]])
        if body["next"] is None:
            return pages
        response = client.get(body["next"])


def test_following_next_shows_every_article_once_newest_first(reader, newsroom):
    pages = walk(reader, URL, page_size=3)
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    assert list(chain.from_iterable(pages)) == [s.pk for s in newsroom["stories"]]


def test_a_full_last_page_has_no_next(reader, newsroom):
    assert [len(p) for p in walk(reader, URL, page_size=5)] == [5, 5]


def test_articles_published_meanwhile_do_not_shift_the_pages(reader, newsroom):
    first = reader.get(URL, {"page_size": 4}).json()
    factories.article(title="Breaking", category=newsroom["ai"], published_at=clock.now())
    second = reader.get(first["next"]).json()
    assert [item["id"] for item in second["results"]] == [s.pk for s in newsroom["stories"][4:8]]


def test_ties_in_publication_time_are_ordered_by_id(reader, db):
    moment = clock.now() - timedelta(hours=1)
    section = factories.CategoryFactory()
    same = [factories.article(title=f"Same {i}", category=section, published_at=moment)
            for i in range(5)]  # fmt: skip
    pages = walk(reader, URL, page_size=2)
    assert list(chain.from_iterable(pages)) == [a.pk for a in reversed(same)]


def test_sections_tags_and_authors_page_by_name(reader, db):
    tags = {name: factories.TagFactory(name=name, slug=name).pk
            for name in ["delta", "alpha", "charlie", "bravo", "echo"]}  # fmt: skip
    pages = walk(reader, "/api/v1/tags/", page_size=2)
    assert pages == [[tags["alpha"], tags["bravo"]], [tags["charlie"], tags["delta"]],
                     [tags["echo"]]]  # fmt: skip


def queries_for(client: Any, url: str, params: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "filters",
    [{}, {"category": "ai"}, {"tag": "gpus", "author": "alice"}, {"q": "story"}],
)
def test_a_page_costs_the_same_queries_whatever_its_size_or_depth(reader, newsroom, filters):
    images = [factories.image() for _ in range(2)]
    for story, image in zip(newsroom["stories"], images, strict=False):
        story.featured_image = image
        story.save()
    small = queries_for(reader, URL, {**filters, "page_size": 1})
    large = queries_for(reader, URL, {**filters, "page_size": 100})
    first = reader.get(URL, {**filters, "page_size": 2}).json()
    deeper = queries_for(reader, first["next"], {})
    assert small == large == deeper


def test_the_article_listing_costs_three_queries(reader, newsroom, django_assert_num_queries):
    """The page, its bylines and its tags."""
    with django_assert_num_queries(3):
        reader.get(URL)


def test_a_cursor_from_elsewhere_is_a_400_naming_it(reader, newsroom):
    foreign = pagination.encode("alpha", 3)  # a tag listing's cursor
    body = problem(reader.get(URL, {"cursor": foreign}), 400)
    assert list(body["errors"]) == ["cursor"]


@pytest.mark.parametrize("size", ["0", "101", "-1", "ten", " 5"])
def test_page_size_must_be_1_to_100(reader, newsroom, size):
    body = problem(reader.get(URL, {"page_size": size}), 400)
    assert list(body["errors"]) == ["page_size"]


@pytest.mark.parametrize(
    "url", ["/api/v1/categories/", "/api/v1/tags/", "/api/v1/authors/", "/api/v1/comments/"]
)
def test_other_listings_cost_one_query(reader, newsroom, url, django_assert_num_queries):
    for story in newsroom["stories"][:3]:
        factories.comment(story)
    with django_assert_num_queries(1):
        assert reader.get(url, {"page_size": 1}).json()["next"]
