"""Who has a story's form open, since when, and what they typed that is not saved yet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class EditSession(models.Model):
    """One person's open form on one story (or on a new one): presence and autosave slot.

    The form pings every 30 seconds: ``seen_at`` says the person is still there (others
    opening the story see "X is editing since ``opened_at``"), and ``typed`` holds the
    form's fields when they differ from what was saved, to be offered back after a crash
    or a closed tab. ``typed`` is not a revision: saving the story empties it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # None: a story not saved yet (one slot per person).
    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.CASCADE, related_name="edit_sessions"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    # The story's version the form was opened at; what ``typed`` was written against.
    base_version = models.PositiveIntegerField(default=0)
    typed = models.JSONField(default=dict, blank=True)
    typed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="edit_session_once"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="edit_session_new_once"
            ),
        ]
        indexes = [models.Index(fields=["article", "seen_at"], name="edit_session_seen_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id or 'a new story'}"
