"""Feeds over HTTP: validators, conditional GETs (also from the page cache), query budget."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from masthead.articles import services
from masthead.core import clock
from tests import factories
from tests.feeds.test_syndication import FORMATS, SUBJECTS, fetch

pytestmark = pytest.mark.django_db

# Settings and menu (cold cache), the stories, their bylines, their tags; and the subject.
SITE_BUDGET = 5
SUBJECT_BUDGET = 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_last_modified_is_the_newest_change_among_the_items(client, newsroom, fmt):
    edited = newsroom["stories"][2]
    edited.body = "A correction, made just now."
    services.save_article(article=edited)
    assert edited.content_updated_at > newsroom["stories"][0].published_at
    response = fetch(client, f"/{FORMATS[fmt]}")
    assert response["Last-Modified"] == http_date(edited.content_updated_at.timestamp())
    assert response["ETag"]


def test_a_new_story_moves_last_modified_and_the_etag_on(client, newsroom):
    before = fetch(client, "/feed/")
    newest = factories.article(title="Fresh", published_at=clock.now() - timedelta(seconds=5))
    after = fetch(client, "/feed/")
    assert after["Last-Modified"] == http_date(newest.published_at.timestamp())
    assert after["ETag"] != before["ETag"]
    assert client.get("/feed/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_conditional_gets_of_an_unchanged_feed_are_answered_304(client, newsroom, fmt):
    url = f"/tag/models/{FORMATS[fmt]}"
    first = fetch(client, url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == by_date.content == b""
    assert by_etag["ETag"] == first["ETag"]


def test_a_feed_changed_since_the_readers_copy_is_sent_whole(client, newsroom):
    first = fetch(client, "/feed/")
    older = http_date(newsroom["stories"][1].published_at.timestamp())
    assert client.get("/feed/", HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    assert client.get("/feed/", HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    assert first.status_code == 200


def test_a_feed_from_the_page_cache_answers_304_without_touching_the_database(
    client, newsroom, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    first = fetch(client, "/feed/atom/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        replayed = fetch(client, "/feed/atom/")
        by_etag = client.get("/feed/atom/", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get("/feed/atom/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert replayed["X-Page-Cache"] == "hit"
    assert (replayed["ETag"], replayed["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert (by_etag.status_code, by_date.status_code) == (304, 304)


def test_html_pages_get_etags_and_304s_too(client, newsroom):
    first = fetch(client, "/category/ai/")
    assert first["ETag"]
    assert client.get("/category/ai/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def queries_per_feed(client: Any) -> dict[str, int]:
    """SQL queries each feed URL runs with nothing cached, by URL."""
    counts = {}
    for base in SUBJECTS.values():
        for path in FORMATS.values():
            cache.clear()
            with CaptureQueriesContext(connection) as run:
                fetch(client, f"{base}{path}")
            counts[f"{base}{path}"] = len(run.captured_queries)
    return counts


@pytest.mark.parametrize("extra", [0, 30])
def test_a_feed_runs_the_same_few_queries_however_many_items(client, newsroom, extra):
    picture = factories.image()
    for i in range(extra):
        factories.article(
            title=f"Busy {i}", category=newsroom["policy"], tags=newsroom["tags"],
            authors=[newsroom["alice"], newsroom["bob"]], featured_image=picture,
        )  # fmt: skip
    expected = {
        f"{base}{path}": SITE_BUDGET if base == "/" else SUBJECT_BUDGET
        for base in SUBJECTS.values()
        for path in FORMATS.values()
    }
    assert queries_per_feed(client) == expected
