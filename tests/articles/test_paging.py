"""Archive pages far from the first: the same stories as Django's paging, for the same cost.

A far page is read as its ids first (from an index alone) and then its stories by id
(``masthead.articles.views.paging``); these tests hold that to the page's content, its
number of queries and the shape of the query that skips the stories before the page.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.articles.models import Article
from tests import factories
from tests.conftest import ago, edit_site, soup

pytestmark = pytest.mark.django_db

PER_PAGE = 4
STORIES = 30  # eight pages, the last one half full


@pytest.fixture
def long_archive(newsroom: dict[str, Any]) -> dict[str, Any]:
    """Thirty stories in one section, tag, author and day, published in pairs (ties)."""
    section = factories.CategoryFactory(name="Long", slug="long")
    sub = factories.CategoryFactory(name="Long sub", slug="long-sub", parent=section)
    tag = factories.TagFactory(name="deep", slug="deep")
    author = factories.AuthorFactory(name="Dee Page", slug="dee-page")
    start = timezone.localtime(ago(days=400)).replace(hour=12, minute=0, second=0, microsecond=0)
    for n in range(STORIES):
        factories.article(
            title=f"Story {n}", category=sub if n % 2 else section, tags=[tag],
            authors=[author], published_at=start + timedelta(minutes=n // 2),
        )  # fmt: skip
    edit_site(per_page=PER_PAGE)
    day = start.date()
    return {
        "section": "/category/long/",
        "subsection": "/category/long/long-sub/",
        "tag": "/tag/deep/",
        "author": "/author/dee-page/",
        "day": f"/{day:%Y/%m/%d}/",
    }


def listed(response: Any) -> list[str]:
    return [a["href"] for a in soup(response).select("main .teaser__title a")]


def expected(number: int) -> list[str]:
    """Page ``number`` as Django's own paging of the thirty, newest first, would show it."""
    stories = Article.objects.published().filter(tags__slug="deep").order_by("-published_at", "-pk")
    bottom = (number - 1) * PER_PAGE
    return [a.get_absolute_url() for a in stories[bottom : bottom + PER_PAGE]]


@pytest.mark.parametrize("kind", ["section", "tag", "author", "day"])
def test_every_page_lists_what_offset_paging_would(client, long_archive, kind):
    base = long_archive[kind]
    for number in range(1, 9):
        path = base if number == 1 else f"{base}page/{number}/"
        response = client.get(path)
        assert response.status_code == 200, path
        assert listed(response) == expected(number), path


@pytest.mark.parametrize("kind", ["section", "tag", "author", "day"])
def test_a_far_page_costs_the_queries_of_the_second(client, long_archive, kind):
    base = long_archive[kind]
    counts = []
    for number in (2, 8):
        client.get(f"{base}page/{number}/")  # warm the cached settings and menus
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{base}page/{number}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def offset_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if re.search(r"\bOFFSET\b", q["sql"])]


@pytest.mark.parametrize("kind", ["section", "tag", "author", "day"])
def test_the_stories_before_a_far_page_are_skipped_by_id_only(client, long_archive, kind):
    """The query that skips rows reads one column; the stories are then read by id."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{long_archive[kind]}page/7/").status_code == 200
    skipping = offset_queries(queries)
    assert len(skipping) == 1
    selected = skipping[0].split(" FROM ", 1)[0]
    assert re.fullmatch(r'SELECT "articles_article"\."id"( AS "pk")?', selected), selected


@pytest.mark.parametrize("kind", ["section", "tag", "author", "day"])
def test_a_page_past_the_middle_skips_from_the_oldest_story(client, long_archive, kind):
    """Page 7 of 8 skips the two oldest stories, not the 24 newest; page 8 skips none."""
    base = long_archive[kind]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{base}page/7/").status_code == 200
    assert [re.search(r"OFFSET (\d+)", q).group(1) for q in offset_queries(queries)] == ["2"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{base}page/8/").status_code == 200
    assert offset_queries(queries) == []
    ids_first = [q["sql"] for q in queries.captured_queries if re.search(r"\bLIMIT 2\b", q["sql"])]
    assert len(ids_first) == 1
    assert " ASC" in ids_first[0]


def test_page_one_is_read_in_one_query_without_offset(client, long_archive):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(long_archive["section"]).status_code == 200
    assert offset_queries(queries) == []


@pytest.mark.parametrize("page", ["9", "10000", "99999999999999999999999"])
def test_a_page_past_the_last_is_not_found(client, long_archive, page):
    assert client.get(f"{long_archive['section']}page/{page}/").status_code == 404


def test_a_story_moved_out_between_the_two_steps_leaves_no_gap_error(client, long_archive):
    """A page read while a story is unpublished shows the rest, not an error."""
    from masthead.articles.views.paging import ArchivePaginator

    stories = Article.objects.published().filter(tags__slug="deep").order_by("-published_at", "-pk")
    gone = stories[PER_PAGE]
    paginator = ArchivePaginator(stories, PER_PAGE, rows=lambda q: q.exclude(pk=gone.pk))
    page = paginator.page(2)
    assert gone not in page.object_list
    assert len(page.object_list) == PER_PAGE - 1


# The index holds what the skipping query needs -------------------------------------------


def far_page_ids_sql(client: Any, path: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return offset_queries(queries)[0]


def plan(sql: str) -> str:
    """The database's plan for ``sql``.

    On PostgreSQL every scan but an index-only one is made unattractive, so the plan shows
    whether an index holds all the query needs (which scan the planner prefers on a table
    of thirty rows is not the point).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for scan in ("seqscan", "bitmapscan", "indexscan"):
                cursor.execute(f"SET LOCAL enable_{scan} = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            return json.dumps(cursor.fetchone()[0])
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("kind", "index"), [("subsection", "article_section_idx"), ("day", "article_day_idx")]
)
def test_a_far_pages_ids_come_from_the_index_alone(client, long_archive, kind, index):
    """Skipping stories reads index entries, never the table's rows."""
    found = plan(far_page_ids_sql(client, f"{long_archive[kind]}page/3/"))
    if connection.vendor == "postgresql":
        assert '"Index Only Scan"' in found, found
        assert index in found, found
    else:
        assert f"COVERING INDEX {index}" in found, found
