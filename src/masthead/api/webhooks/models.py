"""Registered webhooks, and one row per event to send to one of them (its delivery log)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models


class Event(models.TextChoices):
    """What a webhook may subscribe to."""

    ARTICLE_PUBLISHED = "article.published", "Article published"
    ARTICLE_UPDATED = "article.updated", "Published article updated"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article unpublished"
    COMMENT_APPROVED = "comment.approved", "Comment approved"


class WebhookQuerySet(models.QuerySet["Webhook"]):
    def active(self) -> WebhookQuerySet:
        return self.filter(is_active=True)

    def listening_to(self, event: str) -> list[Webhook]:
        """The active webhooks subscribed to ``event`` (read in Python: there are few)."""
        return [hook for hook in self.active() if event in hook.events]


class Webhook(models.Model):
    """A URL that is sent a signed POST for each event it subscribes to.

    The secret signs deliveries, so unlike an API token's it must be kept in clear; it is
    shown once, when it is made, and never displayed by the back office again.
    """

    name = models.CharField(max_length=100, help_text="Who receives it, e.g. “app push”.")
    url = models.URLField(
        "URL", max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    events = models.JSONField(default=list, help_text="The events sent to this URL.")
    secret = models.CharField(max_length=80, editable=False)
    is_active = models.BooleanField("active", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WebhookQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def due(self, now: datetime) -> DeliveryQuerySet:
        """Deliveries to attempt now: pending ones whose time has come, and those whose
        sender's lease ran out (it died mid-attempt)."""
        return self.filter(
            state__in=[Delivery.State.PENDING, Delivery.State.SENDING], next_attempt_at__lte=now
        )

    def waiting_for(self, article_id: int) -> DeliveryQuerySet:
        """Never-attempted article deliveries (held until a scheduled story goes live)."""
        return self.filter(
            state=Delivery.State.PENDING, attempts=0, payload__article__id=article_id
        )


class Delivery(models.Model):
    """One event for one webhook: its payload, its attempts and the last answer."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event.choices)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook} (#{self.pk})"
