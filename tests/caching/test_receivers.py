"""What purges the page cache: every change readers could see, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.comments.models import Comment
from masthead.core import generation
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_published_change_purges_the_cache(
    newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
):
    before = generation.current()
    story = newsroom["stories"][0]
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "A new headline"
        story.save()
    assert generation.current() != before


def test_a_comment_awaiting_moderation_purges_nothing(
    newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        factories.comment(newsroom["stories"][0], status=Comment.Status.PENDING)
    assert generation.current() == before


def test_approving_a_comment_purges_the_cache(
    newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
):
    comment = factories.comment(newsroom["stories"][0], status=Comment.Status.PENDING)
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.APPROVED
        comment.save()
    assert generation.current() != before


def test_the_back_offices_own_rows_purge_nothing(
    newsroom: dict[str, Any], django_capture_on_commit_callbacks: Any
):
    """Revisions and preview links are no page's content: saving them keeps the cache."""
    from datetime import timedelta

    from masthead.articles.models import PreviewLink, Revision
    from masthead.core import clock

    story = newsroom["stories"][0]
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        Revision.objects.create(article=story, title="t", status="draft")
        PreviewLink.objects.create(article=story, expires_at=clock.now() + timedelta(hours=1))
    assert generation.current() == before
