"""The WordPress import's bookkeeping: where things came from, and old addresses kept alive."""

from __future__ import annotations

from django.db import models


class ImportedItem(models.Model):
    """One thing an import made, keyed on the source site and the source's own id.

    A second run finds the row and updates (or skips) instead of duplicating, and an
    interrupted run carries on: an item and its row are written in one transaction.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"

    site = models.CharField(max_length=300, help_text="The export's base site URL.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The WordPress post, comment or term id; an author's login; a category's slug.
    key = models.CharField(max_length=300)
    guid = models.CharField(max_length=500, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A hash of the source record: an unchanged record is skipped on the next run.
    digest = models.CharField(max_length=64, blank=True)
    # For posts: the attachment id of a featured image not imported yet.
    waiting_for = models.PositiveBigIntegerField(null=True, blank=True)
    # For attachments: the original URL, kept when the file was not in --uploads.
    original_url = models.URLField(max_length=500, blank=True)
    # For attachments: the file's path under wp-content/uploads, e.g. 2019/03/cat.jpg.
    upload_path = models.CharField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "key"], name="imported_item_once")
        ]
        indexes = [
            models.Index(fields=["kind", "waiting_for"], name="imported_waiting_idx"),
            models.Index(fields=["kind", "upload_path"], name="imported_upload_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} from {self.site}"


class LegacyURL(models.Model):
    """An address of the old site that answers 301 to the new home of what it showed.

    ``path`` is the decoded path (``/2019/03/05/hello/``), or for WordPress's query
    links the path and its one parameter (``/?p=42``, ``/?page_id=7``, ``/?cat=3``).
    """

    path = models.CharField(max_length=500, unique=True)
    kind = models.CharField(max_length=12, choices=ImportedItem.Kind.choices)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "legacy URL"

    def __str__(self) -> str:
        return self.path
