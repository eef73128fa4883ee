"""What the comments app does when things happen: forget stale rules, email, tidy up, and
say which pages a comment changed (``pagetags.stale``; the page cache purges them)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from masthead.articles import pagetags
from masthead.comments import notifications, services
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.moderation import Moderator
from masthead.comments.signals import comment_submitted


@receiver([post_save, post_delete], sender=CommentSettings)
def forget_comment_rules(sender: Any, **kwargs: Any) -> None:
    Moderator.forget()
    transaction.on_commit(Moderator.forget)


# A new comment also tells the authors (if it is held) and, once a day, empties old spam
# and trash: sites without a cron job still keep the promise of the settings.
comment_submitted.connect(
    notifications.on_comment_submitted, dispatch_uid="masthead.comments.notify_authors"
)


@receiver(comment_submitted, dispatch_uid="masthead.comments.empty_trash")
def empty_trash_daily(sender: Any, **kwargs: Any) -> None:
    services.empty_trash_if_due()


@receiver(pre_save, sender=Comment, dispatch_uid="masthead.comments.was_public")
def remember_if_public(sender: Any, instance: Comment, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    status = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._was_public = status == Comment.Status.APPROVED  # type: ignore[attr-defined]


@receiver([post_save, post_delete], sender=Comment, dispatch_uid="masthead.comments.stale")
def pages_with_the_comment(
    sender: Any, instance: Comment, raw: bool = False, **kwargs: Any
) -> None:
    """A comment readers see, saw or no longer see: its story's thread, the comment feeds.

    A pending, spam or trashed one nobody saw changes no page; purging for each would let
    a flood of comments keep the cache empty.
    """
    was_public = getattr(instance, "_was_public", False)
    if raw or not (was_public or instance.is_public):
        return
    stale = (pagetags.comments_of(instance.article_id), pagetags.COMMENTS)
    transaction.on_commit(lambda: pagetags.stale(*stale))
