"""The admin site's menu: "Comments" shows how many comments await moderation."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masthead.comments import services
from masthead.comments.models import Comment
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Any:
    return newsroom["stories"][0]


def comments_entries(response: Any) -> list[str]:
    """The text of every "Comments" entry on the page (the index list and the sidebar)."""
    return [text(th) for th in soup(response).select("tr.model-comment th")]


def test_index_shows_the_number_of_pending_comments(admin_client, story):
    for _ in range(3):
        factories.comment(story, status=Comment.Status.PENDING)
    factories.comment(story, status=Comment.Status.APPROVED)
    assert comments_entries(admin_client.get(INDEX)) == ["Comments (3 pending)"]


def test_sidebar_of_every_page_shows_it_too(admin_client, story):
    factories.comment(story, status=Comment.Status.PENDING)
    doc = soup(admin_client.get(reverse("admin:articles_article_changelist")))
    assert text(doc.select_one("#nav-sidebar tr.model-comment th")) == "Comments (1 pending)"


def test_count_follows_moderation_and_disappears_at_zero(admin_client, story):
    waiting = [factories.comment(story, status=Comment.Status.PENDING) for _ in range(2)]
    assert comments_entries(admin_client.get(INDEX)) == ["Comments (2 pending)"]
    services.moderate_comments(comments=waiting[:1], status=Comment.Status.APPROVED)
    assert comments_entries(admin_client.get(INDEX)) == ["Comments (1 pending)"]
    services.moderate_comments(comments=waiting[1:], status=Comment.Status.SPAM)
    assert comments_entries(admin_client.get(INDEX)) == ["Comments"]


def test_badge_is_markup_and_the_name_around_it_is_escaped(admin_client, story):
    factories.comment(story, status=Comment.Status.PENDING)
    link = soup(admin_client.get(INDEX)).select_one("#content-main tr.model-comment th a")
    assert link["href"] == QUEUE
    assert text(link.select_one("span.pending-count")) == "(1 pending)"
    assert "&lt;span" not in admin_client.get(INDEX).content.decode()


def test_index_counts_pending_comments_once(admin_client, story):
    factories.comment(story, status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(INDEX)
    counts = [q["sql"] for q in queries if "COUNT" in q["sql"] and "comments_comment" in q["sql"]]
    assert len(counts) == 1
    assert "'pending'" in counts[0]


def test_staff_who_may_not_see_comments_get_no_count(client, story):
    user = get_user_model().objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_article"))
    client.force_login(user)
    factories.comment(story, status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)
    assert comments_entries(response) == []
    assert not [q for q in queries if "comments_comment" in q["sql"]]
