"""The back office's own records: the audit log.

An ``AuditEntry`` says who did what, to what, when and from which address. Entries are
written by ``masthead.backoffice.audit.record`` (never edited afterwards) and removed only
by ``masthead audit prune`` once older than ``AUDIT_KEEP_DAYS``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """One thing that happened in the newsroom, as it stood when it happened."""

    class Action(models.TextChoices):
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Sign-in failed"
        LOGOUT = "logout", "Signed out"
        ROLE_CHANGED = "role_changed", "Role changed"
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED_TO_DRAFT = "returned_to_draft", "Returned to draft"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"
        TRASHED = "trashed", "Trashed"
        RESTORED = "restored", "Restored from the trash"
        SETTINGS_CHANGED = "settings_changed", "Settings changed"
        COMMENT_MODERATED = "comment_moderated", "Comment moderated by email link"

    at = models.DateTimeField("when", default=timezone.now)
    # The account may be deleted later; ``actor_name`` keeps the entry readable.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="who",
    )
    actor_name = models.CharField("who (as named then)", max_length=150, blank=True)
    action = models.CharField("what", max_length=20, choices=Action.choices)
    object_type = models.CharField("kind of object", max_length=100, blank=True)
    object_id = models.CharField("object id", max_length=64, blank=True)
    object_label = models.CharField("object", max_length=300, blank=True)
    object_url = models.CharField("object's page", max_length=300, blank=True)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        ordering = ["-at", "-id"]
        indexes = [
            # The log's pages (newest first) and prune's "older than" both walk this one.
            models.Index(fields=["-at", "-id"], name="backoffice_audit_at"),
            models.Index(fields=["action", "-at"], name="backoffice_audit_action_at"),
        ]

    def __str__(self) -> str:
        who = self.actor_name or "the system"
        what = self.get_action_display().lower()
        return f"{who}: {what} {self.object_label}".rstrip()
