"""A back-office search reads its first ten words, each cut to 100 characters.

Django's admin matches every word of the search box against every search field: a pasted
page of text made a query of thousands of terms (about 2 s for 6,000 characters).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.articles.models import Tag
from masthead.backoffice.site import SEARCH_WORDS
from tests import factories
from tests.conftest import soup

pytestmark = pytest.mark.django_db

STORIES = reverse("admin:articles_article_changelist")
TAGS_AUTOCOMPLETE = reverse("admin:autocomplete")


def searched_sql(client: Any, url: str, **query: str) -> tuple[Any, list[str]]:
    """The answer, and the SQL of each query that mentions the story or tag tables."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    return response, [q["sql"] for q in queries if "LIKE" in q["sql"].upper()]


def test_a_pasted_page_of_text_searches_its_first_ten_words(admin_client):
    factories.article(title="alpha beta gamma")
    words = [f"word{n}" for n in range(600)]
    _, short = searched_sql(admin_client, STORIES, q=" ".join(words[:SEARCH_WORDS]))
    response, long = searched_sql(admin_client, STORIES, q=" ".join(words))
    assert response.status_code == 200
    assert long == short  # the same query, not one of 600 terms
    assert soup(response).select_one("#searchbar")["value"] == " ".join(words[:SEARCH_WORDS])


def test_a_very_long_word_is_searched_for_its_first_hundred_characters(admin_client):
    factories.article(title="x" * 100 + " harbour")
    response = admin_client.get(STORIES, {"q": "x" * 5000})
    assert response.status_code == 200
    assert len(soup(response).select("#result_list tbody tr")) == 1


def test_a_quoted_phrase_counts_as_one_word_and_short_searches_are_untouched(admin_client):
    story = factories.article(title="The harbour cranes at dawn")
    response = admin_client.get(STORIES, {"q": '"harbour cranes"  dawn'})
    assert soup(response).select_one("#searchbar")["value"] == '"harbour cranes"  dawn'
    assert [a.get_text() for a in soup(response).select("#result_list tbody th a")] == [story.title]


def test_an_autocompletes_term_is_bounded_too(admin_client):
    Tag.objects.create(name="harbour", slug="harbour")
    term = " ".join(["harbour"] + [f"w{n}" for n in range(400)])
    query = {"term": term, "app_label": "articles", "model_name": "article",
             "field_name": "tags"}  # fmt: skip
    _, long = searched_sql(admin_client, TAGS_AUTOCOMPLETE, **query)
    query["term"] = " ".join(term.split()[:SEARCH_WORDS])
    response, short = searched_sql(admin_client, TAGS_AUTOCOMPLETE, **query)
    assert response.status_code == 200
    assert long == short
