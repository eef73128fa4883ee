"""The search page, /search/: the form, results, filters, pages, bad input, and /?s=."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache

from masthead.articles.models import Article
from tests import factories
from tests.conftest import ago, edit_site, soup, text

pytestmark = pytest.mark.django_db


def search(client: Any, query: str = "", **params: Any) -> Any:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response: Any) -> list[str]:
    return [text(h) for h in soup(response).select(".search-results .teaser__title")]


@pytest.fixture
def site(newsroom: dict[str, Any]) -> dict[str, Any]:
    """The test newsroom plus stories about robots, one in Chinese, one with HTML-like text."""
    robots = [
        factories.article(
            title=f"Robot story {i}",
            body=f"Robots, part {i}.",
            category=newsroom["chips"],
            authors=[newsroom["alice"]],
            published_at=ago(days=i + 1),
        )
        for i in range(5)
    ]
    zh = factories.article(
        title="杭州成为人工智能创新中心", body="杭州的机器人公司越来越多。", language="zh-Hans",
        category=newsroom["ai"], authors=[newsroom["bob"]],
    )  # fmt: skip
    html = factories.article(
        title="Tags in text", body="Write `<b>bold</b>` and a robot `<script>` tag.",
        category=newsroom["ai"],
    )  # fmt: skip
    return {**newsroom, "robots": robots, "zh": zh, "html": html}


# The page -------------------------------------------------------------------------------------


def test_the_empty_page_offers_the_form_and_sections(client: Any, site: dict[str, Any]):
    page = soup(search(client))
    box = page.select_one("form.search-form input[type=search][name=q]")
    assert box is not None
    assert page.select_one(f"label[for={box['id']}]") is not None
    assert page.select_one('meta[name=robots][content="noindex"]') is not None
    assert "What are you looking for?" in text(page.select_one("main"))
    assert "/category/ai/" in [a["href"] for a in page.select(".search-empty a")]


def test_results_show_count_titles_and_highlighted_snippets(client: Any, site: dict[str, Any]):
    response = search(client, "robots")
    page = soup(response)
    assert text(page.select_one(".search-count")).startswith("6 stories")
    assert len(result_titles(response)) == 6
    assert page.select_one("form.search-form input[name=q]")["value"] == "robots"
    marks = [text(m) for m in page.select(".search-results .teaser__dek mark")]
    assert marks
    assert all(m.lower().startswith("robot") for m in marks)


def test_a_chinese_word_finds_the_chinese_story(client: Any, site: dict[str, Any]):
    response = search(client, "杭州")
    assert result_titles(response) == ["杭州成为人工智能创新中心"]
    assert "<mark>杭州</mark>的机器人公司" in response.content.decode()


def test_article_text_that_looks_like_html_is_escaped(client: Any, site: dict[str, Any]):
    response = search(client, "bold")
    html = response.content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in html or "<mark>bold</mark>" in html
    assert not soup(response).select(".search-results .teaser__dek b, .teaser__dek script")


def test_the_query_is_escaped_wherever_it_is_shown(client: Any, site: dict[str, Any]):
    html = search(client, '<script>alert("robot")</script>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_no_results_says_so_and_offers_a_way_out(client: Any, site: dict[str, Any]):
    page = soup(search(client, "xylophone", category="chips"))
    assert "No stories match “xylophone”" in text(page.select_one("main"))
    (without,) = [a for a in page.select(".search-empty a") if "without the filters" in text(a)]
    assert without["href"] == "?q=xylophone"


# Filters and order ----------------------------------------------------------------------------


def test_filters_narrow_the_results_and_stay_chosen(client: Any, site: dict[str, Any]):
    response = search(client, "robot", category="ai", author="bob")
    assert result_titles(response) == ["杭州成为人工智能创新中心"] or result_titles(response) == []
    response = search(client, "robots", category="chips")
    assert len(result_titles(response)) == 5
    page = soup(response)
    assert page.select_one("#search-category option[selected]")["value"] == "chips"


def test_date_filters(client: Any, site: dict[str, Any]):
    day = site["robots"][2].pub_date.isoformat()
    response = search(client, "robots", **{"from": day, "to": day})
    assert result_titles(response) == ["Robot story 2"]
    assert soup(response).select_one("#search-from")["value"] == day


def test_sort_by_newest(client: Any, site: dict[str, Any]):
    titles = result_titles(search(client, "robot story", sort="newest"))
    assert titles == [f"Robot story {i}" for i in range(5)]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-section"}, {"author": "nobody"}, {"from": "2026-02-30"},
        {"to": "yesterday"}, {"sort": "random"}, {"from": "99999-01-01"},
        {"category": ["ai", "chips"]}, {"from": "2030-01-01", "to": "2020-01-01"},
    ],
)  # fmt: skip
def test_bad_filters_are_left_out_and_said(client: Any, site: dict[str, Any], params: dict):
    response = search(client, "robots", **params)
    assert result_titles(response)  # the search still runs
    page = soup(response)
    assert not page.select("#search-from[value], #search-to[value]") or params.get("from") == (
        "2030-01-01"
    )


# Pages ---------------------------------------------------------------------------------------


@pytest.fixture
def two_per_page(site: dict[str, Any]) -> dict[str, Any]:
    edit_site(per_page=2)
    return site


def test_results_are_paginated_with_query_kept(client: Any, two_per_page: dict[str, Any]):
    first = soup(search(client, "robot story", sort="newest"))
    assert result_titles_from(first) == ["Robot story 0", "Robot story 1"]
    more = first.select_one(".pagination a[rel=next]")["href"]
    assert more == "?q=robot+story&sort=newest&page=2"
    second = soup(search(client, "robot story", sort="newest", page=2))
    assert result_titles_from(second) == ["Robot story 2", "Robot story 3"]
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?q=robot+story&sort=newest"


def result_titles_from(page: Any) -> list[str]:
    return [text(h) for h in page.select(".search-results .teaser__title")]


@pytest.mark.parametrize(
    ("page", "shown"),
    [("0", 1), ("-1", 1), ("abc", 1), ("2.5", 1), ("²", 1), ("", 1), ("3", 3), ("4", 3),
     ("99999999999999999999999", 3), ("1e3", 1)],
)  # fmt: skip
def test_a_bad_page_number_shows_a_sensible_page(
    client: Any, two_per_page: dict[str, Any], page: str, shown: int
):
    """Not a whole number above zero: page 1. Past the end: the last page."""
    response = search(client, "robot story", sort="newest", page=page)
    assert f"page {shown} of 3" in text(soup(response).select_one(".search-count"))


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["", " ", '" * : ( ) NEAR OR AND -', "'; DROP TABLE articles_article; --", "1 OR 1=1",
     "robot" * 200, "中" * 1000, "\x00", "%", "\\", "NEAR(robot story, 2)", "robot:*"],
)  # fmt: skip
def test_any_query_gets_a_page(client: Any, site: dict[str, Any], query: str):
    page = soup(search(client, query))
    assert page.select_one("form.search-form") is not None


def test_a_long_query_is_cut_and_the_reader_told(client: Any, site: dict[str, Any]):
    page = soup(search(client, "robots " + "x" * 1000))
    assert "only its first 200 characters" in text(page.select_one("main"))


def test_the_whole_query_string_may_be_nonsense(client: Any, site: dict[str, Any]):
    response = client.get("/search/?q=%FF%FE&page=%00&category=%&&&=&sort[]=1")
    assert response.status_code == 200


def test_only_get_is_allowed(client: Any, site: dict[str, Any]):
    assert client.post("/search/", {"q": "robot"}).status_code == 405


# The header box and WordPress's /?s= ---------------------------------------------------------


def test_every_page_has_a_search_box_in_the_header(client: Any, site: dict[str, Any]):
    form = soup(client.get("/")).select_one("header form[role=search]")
    assert form["action"] == "/search/"
    box = form.select_one("input[type=search][name=q]")
    assert form.select_one(f"label[for={box['id']}]") is not None


def test_wordpress_search_urls_redirect_to_the_search_page(client: Any, site: dict[str, Any]):
    response = client.get("/", {"s": "杭州 & co"})
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=" + quote("杭州 & co", safe="").replace("%20", "+")
    assert client.get("/?s=").status_code == 301


# Cost ------------------------------------------------------------------------------------


# Nine on SQLite; on PostgreSQL the search also runs in a transaction of its own that
# steers the planner to the GIN index (three more statements inside a test's transaction).
SEARCH_BUDGET = 12


@pytest.mark.parametrize("per_page", [2, 10])
def test_the_page_costs_a_fixed_number_of_queries(
    client: Any, site: dict[str, Any], per_page: int, django_assert_max_num_queries: Any
):
    """However many results are shown, with every filter in use."""
    edit_site(per_page=per_page)
    for story in site["robots"]:
        Article.objects.filter(pk=story.pk).update(featured_image=factories.image())
    cache.clear()
    params = {"q": "robot", "category": "chips", "author": "alice", "from": "2000-01-01"}
    with django_assert_max_num_queries(SEARCH_BUDGET):
        response = client.get("/search/", params)
    assert len(result_titles(response)) == min(per_page, 5)


# Many authors ---------------------------------------------------------------------------------


@pytest.fixture
def crowded(site: dict[str, Any]) -> dict[str, Any]:
    """1,400 more authors with a published story, as an imported archive brings."""
    from masthead.articles.models import ArticleAuthor, Author

    authors = Author.objects.bulk_create(
        Author(name=f"Contributor {i:04}", slug=f"contributor-{i:04}") for i in range(1400)
    )
    roll = factories.article(title="Our contributors", body="Thanks to all of them.")
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=roll, author=a, position=i) for i, a in enumerate(authors)
    )
    return {**site, "contributors": authors, "roll": roll}


def author_options(response: Any) -> list[str]:
    return [o["value"] for o in soup(response).select("select[name=author] option")]


def test_the_author_filter_stays_small_with_many_authors(
    client: Any, crowded: dict[str, Any], django_assert_max_num_queries: Any
):
    """About 200 KB with every author listed; a bounded list keeps the page small."""
    cache.clear()
    with django_assert_max_num_queries(12):
        response = search(client, "robot")
    assert len(response.content) < 40_000, len(response.content)
    options = author_options(response)
    assert 1 < len(options) <= 41  # "All authors" and the most prolific
    assert "alice" in options  # five stories: among the most prolific


def test_any_author_is_still_a_filter_by_address_and_shown_as_chosen(
    client: Any, crowded: dict[str, Any], django_assert_max_num_queries: Any
):
    last = crowded["contributors"][-1]
    assert last.slug not in author_options(search(client, "robot"))
    with django_assert_max_num_queries(13):
        response = search(client, "contributors", author=last.slug)
    chosen = soup(response).select_one("select[name=author] option[selected]")
    assert chosen is not None
    assert chosen["value"] == last.slug
    assert text(chosen) == last.name
    assert not soup(response).select(".field__error")
    assert result_titles(response) == ["Our contributors"]
    assert result_titles(search(client, "robot", author=last.slug)) == []


def author_counts(queries: Any) -> list[str]:
    """The queries that count the authors' published stories."""
    return [q["sql"] for q in queries.captured_queries if 'FROM "articles_author"' in q["sql"]
            and "COUNT(" in q["sql"]]  # fmt: skip


def test_the_authors_are_counted_once_for_many_searches(client: Any, site: dict[str, Any]):
    """Counting every byline reads the whole archive: the next searches reuse the list."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as first:
        search(client, "robot")
    with CaptureQueriesContext(connection) as second:
        options = author_options(search(client, "story"))
    assert len(author_counts(first)) == 1
    assert author_counts(second) == []
    assert "alice" in options


def test_a_new_authors_first_story_puts_them_in_the_list(
    client: Any, site: dict[str, Any], django_capture_on_commit_callbacks: Any
):
    cache.clear()
    assert "newcomer" not in author_options(search(client, "robot"))
    newcomer = factories.AuthorFactory(name="New Comer", slug="newcomer")
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(title="A first robot", authors=[newcomer])
    assert "newcomer" in author_options(search(client, "robot"))
