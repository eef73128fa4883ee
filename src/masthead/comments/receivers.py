"""What the comments app does when things happen: forget stale rules, email, tidy up."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.comments import notifications, services
from masthead.comments.models import CommentSettings
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
