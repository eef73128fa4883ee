"""Every change to comments goes through these functions."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from masthead.articles.models import Article
from masthead.comments.models import Comment


class CommentsClosed(Exception):
    """The article does not take comments (closed, or not visible to readers)."""


@transaction.atomic
def submit_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    url: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    user: Any = None,
) -> Comment:
    """Store a reader's comment as pending, to wait for a moderator."""
    if not (article.is_visible and article.comments_open):
        raise CommentsClosed("Comments are closed on this article.")
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        author_email=email,
        author_url=url,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[:500],
        user=user if getattr(user, "is_authenticated", False) else None,
        status=Comment.Status.PENDING,
    )


def approve_comment(*, comment: Comment) -> Comment:
    """Show ``comment`` to readers."""
    comment.status = Comment.Status.APPROVED
    comment.save(update_fields=["status"])
    return comment
