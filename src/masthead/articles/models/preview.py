"""Links that show a story not yet public to someone without an account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from masthead.core.fields import PrintableCharField


class PreviewLink(models.Model):
    """A signed, expiring preview link an editor gave out; revoking it ends it at once."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="preview_links"
    )
    note = PrintableCharField(max_length=200, blank=True, help_text="Who it is for.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Preview of {self.article_id} until {self.expires_at:%Y-%m-%d %H:%M}"
