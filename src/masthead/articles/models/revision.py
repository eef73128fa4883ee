"""The revisions of a story: a full snapshot at every save, for compare and restore."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from masthead.core.fields import PrintableCharField, PrintableTextField


class Revision(models.Model):
    """What an article was after one save: its words as columns, the rest in ``data``.

    ``data`` holds what the words do not: slug, section, tags, byline, source, picture,
    times and flags, by id and by name (so a revision still reads after a tag is deleted).
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The article's version this save made (Article.version).
    version = models.PositiveIntegerField(default=0)
    title = PrintableCharField(max_length=300)
    dek = PrintableTextField(blank=True)
    body = PrintableTextField(blank=True)
    status = models.CharField(max_length=12)
    # Whether readers could see the story as saved here: such revisions are always kept.
    published = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"], name="revision_history_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M}"
