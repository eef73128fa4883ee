"""Keep the cached comment rules true to the database."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.comments.models import CommentSettings
from masthead.comments.moderation import Moderator


@receiver([post_save, post_delete], sender=CommentSettings)
def forget_comment_rules(sender: Any, **kwargs: Any) -> None:
    Moderator.forget()
    transaction.on_commit(Moderator.forget)
