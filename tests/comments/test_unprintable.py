"""A comment is stored without the characters XML cannot carry, so feeds can carry it."""

from __future__ import annotations

import importlib

import feedparser
import pytest
from django.apps import apps
from django.db.models import Value

from masthead.comments import services
from masthead.comments.models import Comment
from tests import factories
from tests.comments.posting import post

pytestmark = pytest.mark.django_db

BAD = "Ann\x06\ufffe\x0c Reader\uffff"
CLEAN = "Ann Reader"


def test_a_reader_posting_a_control_character_cannot_break_the_comment_feeds(
    client, action, story, admin_user
):
    """The outsiders' case: "Ann\\x06 Reader" posted, approved, then both feeds read."""
    post(client, action, author_name="Ann\x06 Reader", body="Control\x06 yourself.")
    comment = Comment.objects.get()
    services.moderate_comments(
        comments=Comment.objects.all(), status=Comment.Status.APPROVED, by=admin_user
    )
    assert (comment.author_name, comment.body) == ("Ann Reader", "Control yourself.")
    for url in ["/comments/feed/", f"{story.get_absolute_url()}feed/"]:
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        assert feed.entries[0].author == "Ann Reader"


def test_every_text_a_commenter_sends_is_stored_clean(story):
    """Name, email, website, body and user agent, through ``submit_comment``."""
    comment = services.submit_comment(
        article=story, name=BAD, email="ann\x06@example.org", url="https://ann.example/\x0c",
        body=f"{BAD} says hello.", user_agent=f"Browser{BAD}",
    )  # fmt: skip
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email, comment.author_url) == (
        CLEAN, "ann@example.org", "https://ann.example/",
    )  # fmt: skip
    assert (comment.body, comment.user_agent) == (f"{CLEAN} says hello.", f"Browser{CLEAN}")


def test_the_migration_mends_comments_stored_before(story):
    """Comments already holding the characters are cleaned on upgrade; a second run finds none."""
    factories.comment(story)
    factories.comment(story, body="Another one.")
    Comment.objects.update(author_name=Value(BAD), body=Value(BAD))
    migration = importlib.import_module("masthead.comments.migrations.0003_mend_unprintable")
    migration.mend(apps, None)
    assert set(Comment.objects.values_list("author_name", "body")) == {(CLEAN, CLEAN)}
