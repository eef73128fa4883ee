"""The story list asks the database a fixed number of questions, however many rows it shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.articles.models import Article, ArticleAuthor, Revision
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")
# Session, user, the user's and their groups' permissions; the filters' choices (authors
# with accounts, sections, sources, languages), the paginator's COUNT, the page, its
# bylines, its last revisions, the views' counts; the sidebar's pending comments.
MAX_QUERIES = 14


@pytest.fixture
def editor(client: Any) -> Any:
    user = factories.person("Editor", "ed", byline=True)
    client.force_login(user)
    return user


def add_stories(count: int, *, by: Any) -> None:
    """``count`` more stories, each with a two-name byline, a tag and a revision by ``by``."""
    template = factories.article(title="Template", tags=[factories.TagFactory()])
    authors = [factories.AuthorFactory(), by.author_profile]
    stories = Article.objects.bulk_create(
        Article(title=f"Copy {i}", slug=f"copy-{i}", category_id=template.category_id,
                status=Article.Status.DRAFT, created_by=by)
        for i in range(count - 1)
    )  # fmt: skip
    stories.append(template)
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=story, author=author, position=n)
        for story in stories[:-1]
        for n, author in enumerate(authors)
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=story.pk, tag_id=template.tags.get().pk)
        for story in stories[:-1]
    )
    Revision.objects.bulk_create(
        Revision(article=story, by=by, title=story.title) for story in stories
    )


VIEWS = {
    "default": {},
    "in review": {"state": "review"},
    "scheduled": {"state": "scheduled"},
    "drafts": {"state": "draft"},
    "everything": {"state": "all"},
    "mine": {"mine": "1"},
    "author": {},  # the editor's own byline, set in the test
    "section": {},  # the stories' section, set in the test
    "language": {"language": "en"},
    "search": {"q": "copy"},
    "search text too": {"q": "copy", "body": "1"},
}


def queries_for(client: Any, query: dict[str, str]) -> int:
    """The queries of one request for the list, after one that filled the process's caches."""
    client.get(LIST, query)  # the site's settings and menu are read once, then cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("view", VIEWS)
def test_a_page_of_100_stories_costs_what_a_page_of_two_does(client: Any, editor: Any, view: str):
    query = dict(VIEWS[view])
    add_stories(2, by=editor)
    if view == "author":
        query["author"] = str(editor.author_profile.pk)
    if view == "section":
        query["category__id__exact"] = str(Article.objects.first().category_id)
    few = queries_for(client, query)
    add_stories(150, by=editor)
    many = queries_for(client, query)
    assert many == few
    assert many <= MAX_QUERIES


def test_the_page_holds_100_rows_with_their_bylines(client: Any, editor: Any):
    add_stories(150, by=editor)
    response = client.get(LIST, {"mine": "1"})
    rows = response.context["cl"].result_list
    assert len(rows) == 100
    assert all(len(story.byline) == 2 for story in rows if story.title.startswith("Copy"))


@pytest.mark.parametrize("query", [{"q": "harbour"}, {"q": "harbour ferry", "state": "draft"}])
def test_a_search_tests_its_words_before_the_stories_state(client: Any, editor: Any, query):
    # SQLite tests the conditions in the order written; the state is stored after the text.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, query).status_code == 200
    (ids,) = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(
        'SELECT "articles_article"."id" AS "pk" FROM "articles_article" WHERE')]  # fmt: skip
    where = ids.partition(" WHERE ")[2]
    assert where.index("LIKE") < where.index('"articles_article"."status"'), where
