"""What a delivery says: the event and a summary of the thing, never a reader's data.

An article is described by its id, public address, headline, status and publication
time; a comment by its id, when it was written, and its article. Commenters' names,
email and IP addresses are never sent: a webhook tells that something changed, and the
receiver reads the rest through the API.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings

from masthead.articles.models import Article
from masthead.comments.models import Comment


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def article_summary(article: Article) -> dict[str, Any]:
    """The public facts about ``article``."""
    return {
        "id": article.pk,
        "url": settings.SITE_URL.rstrip("/") + article.get_absolute_url(),
        "title": article.title,
        "status": article.status,
        "published_at": _iso(article.published_at),
    }


def for_article(event: str, article: Article, *, at: datetime) -> dict[str, Any]:
    """The payload of an ``article.*`` event that happened ``at``."""
    return {"event": event, "occurred_at": at.isoformat(), "article": article_summary(article)}


def for_comment(event: str, comment: Comment, *, at: datetime) -> dict[str, Any]:
    """The payload of a ``comment.*`` event that happened ``at``."""
    return {
        "event": event,
        "occurred_at": at.isoformat(),
        "comment": {
            "id": comment.pk,
            "created_at": _iso(comment.created_at),
            "article": article_summary(comment.article),
        },
    }
