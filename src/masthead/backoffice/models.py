"""The back office's own records: the audit log, failed sign-ins and the lockouts they cause.

An ``AuditEntry`` says who did what, to what, when and from which address. Entries are
written by ``masthead.backoffice.audit.record`` (never edited afterwards) and removed only
by ``masthead audit prune`` once older than ``AUDIT_KEEP_DAYS``.

``FailedSignIn`` and ``SignInLockout`` are ``masthead.backoffice.logins``' memory: kept in
the database so every worker sees the same counts, with or without the cache.

``StaffSession`` is the session table of the back office's sign-ins, with its owner as a
column, so that ``masthead.backoffice.sessions.end_sessions`` finds them by index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """One thing that happened in the newsroom, as it stood when it happened."""

    class Action(models.TextChoices):
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Sign-in failed"
        LOGOUT = "logout", "Signed out"
        LOGIN_LOCKED = "login_locked", "Sign-ins locked"
        LOGIN_UNLOCKED = "login_unlocked", "Sign-ins unlocked"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        SESSIONS_ENDED = "sessions_ended", "Sessions ended"
        TWO_FACTOR_ON = "twofactor_on", "Two-factor sign-in turned on"
        TWO_FACTOR_OFF = "twofactor_off", "Two-factor sign-in turned off"
        TWO_FACTOR_RESET = "twofactor_reset", "Two-factor sign-in reset"
        TWO_FACTOR_FAILED = "twofactor_failed", "Two-factor code refused"
        RECOVERY_CODES_NEW = "recovery_codes_new", "Recovery codes regenerated"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
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


class FailedSignIn(models.Model):
    """One failed sign-in: the account name tried (as compared) and the address."""

    at = models.DateTimeField("when", default=timezone.now)
    # Case-folded, so "Ada" and "ada" count against the same account.
    username = models.CharField("account name tried", max_length=150)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        verbose_name = "failed sign-in"
        indexes = [
            models.Index(fields=["username", "at"], name="backoffice_failed_user_at"),
            models.Index(fields=["ip", "at"], name="backoffice_failed_ip_at"),
            models.Index(fields=["at"], name="backoffice_failed_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip or 'an unknown address'}"


class SignInLockout(models.Model):
    """An account name or an address refused sign-ins until ``until``, or until lifted."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "Account"
        ADDRESS = "address", "IP address"

    kind = models.CharField("locked", max_length=10, choices=Kind.choices)
    # The account name (case-folded, as tried: it may name nobody) or the address.
    key = models.CharField("account or address", max_length=150)
    since = models.DateTimeField("locked at", default=timezone.now)
    until = models.DateTimeField("locked until")
    failures = models.PositiveIntegerField("failed sign-ins", default=0)
    refused = models.PositiveIntegerField("sign-ins refused while locked", default=0)
    lifted_at = models.DateTimeField("lifted at", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="lifted by",
    )

    class Meta:
        verbose_name = "sign-in lockout"
        ordering = ["-since", "-id"]
        permissions = [("lift_signinlockout", "Can lift a sign-in lockout")]
        indexes = [
            models.Index(fields=["kind", "key", "until"], name="backoffice_lockout_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"

    def holds(self, at: datetime) -> bool:
        """Whether sign-ins are still refused at ``at``: not lifted and not yet over."""
        return self.lifted_at is None and self.until > at


class StaffSession(AbstractBaseSession):
    """A signed-in session (``SESSION_ENGINE``), with its owner's id in a column of its own.

    Django's session table keeps the user only inside the signed data, so finding one
    person's sessions meant decoding every row, remembered commenters' included
    (``comments.cookies`` keeps theirs in ``django_session``). The id is written from the
    data on every save, so a new key (``cycle_key``) keeps it.
    """

    user_id = models.IntegerField(null=True, db_index=True)

    class Meta:
        verbose_name = "session"
        default_permissions = ()  # no screen edits sessions: they end by the rules above

    @classmethod
    def get_session_store_class(cls) -> type[Any]:
        from masthead.backoffice.sessions import SessionStore

        return SessionStore


class CspReport(models.Model):
    """A browser's report that the Content-Security-Policy refused something on a page.

    Written by ``masthead.backoffice.cspreports.receive`` (rate-limited per address, the
    newest ``CSP_REPORTS_KEEP`` rows kept) and removed by ``masthead cspreports prune``.
    Every text is as the browser sent it, cut to its field's length: it is not trusted.
    """

    received_at = models.DateTimeField("received", default=timezone.now)
    document_uri = models.CharField("page", max_length=500, blank=True)
    directive = models.CharField("directive", max_length=100, blank=True)
    blocked_uri = models.CharField("blocked", max_length=500, blank=True)
    source_file = models.CharField("source file", max_length=500, blank=True)
    line = models.PositiveIntegerField("line", null=True, blank=True)
    sample = models.CharField("sample", max_length=200, blank=True)
    disposition = models.CharField("disposition", max_length=20, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)

    class Meta:
        verbose_name = "CSP report"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["received_at"], name="backoffice_cspreport_at")]

    def __str__(self) -> str:
        return f"{self.directive or 'a policy'} refused {self.blocked_uri or 'something'}"
