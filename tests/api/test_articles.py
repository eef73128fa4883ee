"""Reading articles: what readers may see, filters, and clear answers to bad filters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from masthead.articles.models import Article
from masthead.core import clock
from tests import factories
from tests.api.conftest import problem

URL = "/api/v1/articles/"


def titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def hidden(newsroom):
    """A draft, a scheduled story and a trashed one, none of which readers see."""
    ai = newsroom["ai"]
    return {
        "draft": factories.article(title="Draft", category=ai, status=Article.Status.DRAFT,
                                   published_at=None),
        "scheduled": factories.article(title="Scheduled", category=ai,
                                       published_at=clock.now() + timedelta(days=1)),
        "trash": factories.article(title="Trashed", category=ai, status=Article.Status.TRASH),
    }  # fmt: skip


def test_readers_see_published_articles_newest_first(reader, newsroom, hidden):
    shown = titles(reader.get(URL))
    assert shown == [f"Story number {i}" for i in range(10)]


def test_an_article_shows_its_text_byline_and_public_link(reader, newsroom):
    story = newsroom["stories"][0]
    body = reader.get(f"{URL}{story.pk}/").json()
    assert body["body_html"] == story.body_html
    assert [a["slug"] for a in body["authors"]] == ["alice", "bob"]
    assert body["link"] == f"http://testserver{story.get_absolute_url()}"
    assert body["category"] == {"slug": "ai", "name": "AI"}


def test_listings_leave_out_the_text(reader, newsroom):
    item = reader.get(URL).json()["results"][0]
    assert "body" not in item
    assert "body_html" not in item


@pytest.mark.parametrize("which", ["draft", "scheduled", "trash"])
def test_readers_get_404_for_what_they_may_not_see(reader, hidden, which):
    problem(reader.get(f"{URL}{hidden[which].pk}/"), 404)


@pytest.mark.parametrize("which", ["draft", "scheduled", "trash"])
def test_editors_see_every_article_by_id(editor_client, hidden, which):
    body = editor_client.get(f"{URL}{hidden[which].pk}/").json()
    assert body["status"] == hidden[which].status
    assert body["link"] is None


@pytest.mark.parametrize(
    ("status", "expected"),
    [("draft", ["Draft"]), ("scheduled", ["Scheduled"]), ("trash", ["Trashed"])],
)
def test_editors_list_by_status(editor_client, hidden, status, expected):
    assert titles(editor_client.get(URL, {"status": status})) == expected


def test_any_status_lists_drafts_by_when_they_were_started(editor_client, hidden):
    shown = titles(editor_client.get(URL, {"status": "any", "page_size": 100}))
    assert len(shown) == 13
    assert shown[0] == "Scheduled"
    assert "Draft" in shown


def test_readers_may_not_list_other_statuses(reader, hidden):
    problem(reader.get(URL, {"status": "draft"}), 401)


def test_category_filter_includes_subsections(reader, newsroom):
    shown = titles(reader.get(URL, {"category": "ai"}))
    in_ai = [f"Story number {i}" for i in range(10) if i % 3 in (0, 1)]
    assert shown == in_ai
    assert titles(reader.get(URL, {"category": "ai-policy"})) == in_ai[1::2]


def test_tag_and_author_filters(reader, newsroom):
    assert titles(reader.get(URL, {"tag": "europe"})) == [
        f"Story number {i}" for i in range(10) if i % 3 == 2
    ]
    assert titles(reader.get(URL, {"author": "alice", "tag": "gpus"})) == [
        f"Story number {i}" for i in range(10) if (i % 4 == 0 or i % 2) and i % 3 >= 1
    ]


def test_date_range_is_published_after_inclusive_and_before_exclusive(reader, newsroom):
    stories = newsroom["stories"]
    after, before = stories[4].published_at, stories[1].published_at
    shown = titles(
        reader.get(
            URL, {"published_after": after.isoformat(), "published_before": before.isoformat()}
        )
    )
    assert shown == ["Story number 2", "Story number 3", "Story number 4"]


def test_a_plain_date_is_midnight(reader, newsroom):
    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    assert titles(reader.get(URL, {"published_after": tomorrow})) == []


def test_search_finds_words_and_combines_with_filters(reader, newsroom):
    factories.article(title="Lighthouse keepers strike", category=newsroom["chips"])
    assert titles(reader.get(URL, {"q": "lighthouse"})) == ["Lighthouse keepers strike"]
    assert titles(reader.get(URL, {"q": "lighthouse", "category": "ai"})) == []
    assert titles(reader.get(URL, {"q": "***"})) == titles(reader.get(URL))  # no words: no filter


@pytest.mark.parametrize("name", ["category", "tag", "author"])
def test_an_unknown_slug_is_a_404_naming_it(reader, newsroom, name):
    body = problem(reader.get(URL, {name: "no-such-thing"}), 404)
    assert name in body["detail"]
    assert "no-such-thing" in body["detail"]


@pytest.mark.parametrize("name", ["published_after", "published_before"])
@pytest.mark.parametrize(
    "value", ["yesterday", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31T23:59:59-23:59"]
)
def test_a_bad_date_is_a_400_naming_the_parameter(reader, newsroom, name, value):
    body = problem(reader.get(URL, {name: value}), 400)
    assert list(body["errors"]) == [name]
    assert name in body["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "x" * 5000},
        {"tag": "\x00"},
        {"author": "ü/../%00"},
        {"q": "\x00 \ud7ff 😀 " * 300},
        {"q": '" OR 1=1 -- NEAR( *'},
        {"status": "everything"},
        {"published_after": "99999-01-01"},
        {"page_size": "0"},
        {"page_size": "1e3"},
        {"page_size": "٣"},
        {"cursor": "%%%"},
        {"cursor": "W1td"},
        {"cursor": "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ"},  # a naive time
        {"cursor": "WyJ4IiwxMDAwMDAwMDAwMDAwMDAwMDAwMDAwMF0"},  # an id past 64 bits
        {"format": "xml"},
    ],
)
def test_weird_values_never_cause_a_server_error(reader, newsroom, params):
    response = reader.get(URL, params)
    assert response.status_code in (200, 400, 404), response.content
    if response.status_code != 200:
        problem(response, response.status_code)


@pytest.mark.parametrize("path", ["0/", "99999999999999999999999/", "abc/", "1.5/"])
def test_unknown_or_impossible_ids_are_404(reader, newsroom, path):
    problem(reader.get(f"{URL}{path}"), 404)


def test_an_article_costs_three_queries(reader, newsroom, django_assert_num_queries):
    """The row with its section, picture and source; its byline; its tags."""
    story = newsroom["stories"][3]
    with django_assert_num_queries(3):
        assert reader.get(f"{URL}{story.pk}/").json()["source"]["name"] == "Harbour Wire"
