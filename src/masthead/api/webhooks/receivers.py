"""Queue webhook deliveries when the articles' and comments' signals say something happened.

The articles' signals are sent inside the saving transaction, so the queueing waits for
the commit (a rolled-back change queues nothing); ``comments_moderated`` is already sent
after the commit. Queueing is one SELECT of the webhooks and one INSERT; nothing is sent
here. If queueing fails, the error is logged on ``masthead.api.webhooks`` and the story
or comment stays as saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.dispatch import receiver

from masthead.api.webhooks import services
from masthead.api.webhooks.models import Event
from masthead.articles.models import Article
from masthead.articles.signals import article_changed, article_published, article_unpublished
from masthead.comments.models import Comment
from masthead.comments.signals import comment_submitted, comments_moderated
from masthead.core.batchjobs import upkeep_later, upkeep_note

logger = logging.getLogger("masthead.api.webhooks")

ARTICLE_EVENTS = {
    article_published: Event.ARTICLE_PUBLISHED,
    article_changed: Event.ARTICLE_UPDATED,
    article_unpublished: Event.ARTICLE_UNPUBLISHED,
}


def _safely(what: str, queue: Callable[[], Any]) -> None:
    try:
        queue()
    except Exception:
        logger.exception("Could not queue webhook deliveries for %s", what)


@receiver(article_published, dispatch_uid="webhooks-article-published")
@receiver(article_changed, dispatch_uid="webhooks-article-changed")
@receiver(article_unpublished, dispatch_uid="webhooks-article-unpublished")
def on_article_event(sender: Any, signal: Any, article: Article, **kwargs: Any) -> None:
    """After the commit, queue the article's event for the webhooks listening to it.

    Within a batch job's ``batched_upkeep``, with the batch's other articles' (``queue_held``).
    """
    event = ARTICLE_EVENTS[signal]
    if upkeep_later(queue_held, article.pk, note=[]):
        upkeep_note(queue_held, article.pk).append((event, article))
        return
    transaction.on_commit(
        lambda: _safely(
            f"article {article.pk}",
            lambda: services.queue_article_event(event=event, article=article),
        )
    )


def queue_held(noted: dict[int, list[tuple[str, Article]]]) -> None:
    """A batch's article events (each article's in their order), at its end: queued
    after its commit, with the webhooks read once."""
    events = [pair for pairs in noted.values() for pair in pairs]
    transaction.on_commit(
        lambda: _safely(
            f"{len(noted)} articles", lambda: services.queue_article_events(events=events)
        )
    )


@receiver(comments_moderated, dispatch_uid="webhooks-comments-moderated")
def on_comments_moderated(sender: Any, comments: list[Comment], status: str, **kwargs: Any) -> None:
    """Queue ``comment.approved`` for comments a moderator approved (already committed)."""
    if status == Comment.Status.APPROVED:
        _safely("approved comments", lambda: services.queue_comments_approved(comments=comments))


@receiver(comment_submitted, dispatch_uid="webhooks-comment-submitted")
def on_comment_submitted(sender: Any, comment: Comment, **kwargs: Any) -> None:
    """Queue ``comment.approved`` for a comment approved as it was posted (already committed)."""
    if comment.status == Comment.Status.APPROVED:
        _safely(
            f"comment {comment.pk}", lambda: services.queue_comments_approved(comments=[comment])
        )
