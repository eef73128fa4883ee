"""The story list's pages: a search or a person's stories counted up to a cap, bad pages turned."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.articles.admin.paging import StoryPaginator
from masthead.articles.models import Article
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def desk(client: Any, monkeypatch: Any) -> dict[str, Any]:
    """An editor signed in; seven harbour stories on Hana's byline and three others.

    The cap is 5 and a page holds 2, so seven matches are "5 or more" over three pages.
    """
    monkeypatch.setattr(StoryPaginator, "CAP", 5)
    monkeypatch.setattr(admin_of_stories(), "list_per_page", 2)
    editor = factories.person("Editor", "ed", byline=True)
    client.force_login(editor)
    hana = factories.person("Author", "hana", byline=True)
    for i in range(7):
        factories.article(title=f"Harbour story {i}", authors=[hana.author_profile])
    for i in range(3):
        factories.article(title=f"Ferry story {i}")
    return {"client": client, "hana": hana}


def admin_of_stories() -> Any:
    from django.contrib import admin

    return admin.site._registry[Article]


def paginator_line(response: Any) -> str:
    return text(soup(response).select_one("p.paginator"))


def page_links(response: Any) -> list[str]:
    return [text(a) for a in soup(response).select("p.paginator a, p.paginator span.this-page")]


def test_a_search_with_more_matches_than_the_cap_says_so_and_pages_through_them(desk):
    response = desk["client"].get(LIST, {"q": "harbour"})

    assert response.status_code == 200
    assert "5 or more articles: add a word to the search" in paginator_line(response)
    assert "5 or more results" in text(soup(response).select_one("#changelist-search"))
    assert page_links(response) == ["1", "2", "3"]
    assert len(soup(response).select("#result_list tbody tr")) == 2


def test_a_search_under_the_cap_is_counted_exactly_and_read_by_id(desk):
    client = desk["client"]
    client.get(LIST, {"q": "ferry"})  # the site's settings, cached after the first request

    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"q": "ferry"})

    assert "3 articles" in paginator_line(response)
    assert "3 results" in text(soup(response).select_one("#changelist-search"))
    rows = [text(th) for th in soup(response).select("#result_list th.field-title")]
    assert rows == ["Ferry story 2", "Ferry story 1"]
    rows_read = 'SELECT "articles_article"."id", "articles_article"."title"'
    (page,) = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(rows_read)]
    # The ids were found by the count; the page is read by them.
    assert '"articles_article"."id" IN (' in page, page


def test_a_search_with_no_match_reads_the_archive_once(desk):
    client = desk["client"]
    client.get(LIST, {"q": "xylophone"})

    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"q": "xylophone"})

    assert "0 articles" in paginator_line(response)
    assert len([q for q in captured.captured_queries if "LIKE" in q["sql"].upper()]) == 1


@pytest.mark.parametrize("view", [{"mine": "1"}, "author"])
def test_one_persons_stories_are_counted_up_to_the_cap(client: Any, desk, view: Any):
    hana = desk["hana"]
    client.force_login(hana)
    query = {"author": str(hana.author_profile.pk)} if view == "author" else view

    response = client.get(LIST, query)

    assert "5 or more articles" in paginator_line(response)


def test_the_plain_list_and_the_state_views_are_counted_exactly(desk):
    client = desk["client"]

    assert "10 articles" in paginator_line(client.get(LIST))
    assert "10 articles" in paginator_line(client.get(LIST, {"state": "published"}))


@pytest.mark.parametrize(("page", "shown"), [("99", "5"), ("0", "1"), ("-3", "1"), ("x", "1")])
def test_a_page_out_of_range_shows_the_nearest_page(desk, page: str, shown: str):
    response = desk["client"].get(LIST, {"p": page})

    assert response.status_code == 200
    assert text(soup(response).select_one("p.paginator span.this-page")) == shown
    assert len(soup(response).select("#result_list tbody tr")) == 2
