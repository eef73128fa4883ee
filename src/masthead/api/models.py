"""The API's models: personal tokens (here) and webhooks with their deliveries (webhooks/)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from masthead.api.webhooks.models import Delivery, Webhook

__all__ = ["ApiToken", "ApiTokenQuerySet", "Delivery", "Webhook"]


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Tokens that still authenticate: not revoked, their user still active."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A secret that lets a program act as its user, with that user's permissions.

    The secret itself is shown once, when the token is issued; only its SHA-256 digest is
    kept, so a copy of the database does not hand out working tokens.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “wire bot”.")
    # The first characters of the secret, so a person can tell their tokens apart.
    prefix = models.CharField(max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user", "name", "pk"]
        verbose_name = "API token"
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
