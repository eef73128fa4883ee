"""The wire desk: the feeds we poll, what each poll found, and every story taken in."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from masthead.core import clock
from masthead.core.fields import PrintableCharField, PrintableTextField


class WireFeed(models.Model):
    """A publisher's RSS or Atom feed that ``masthead ingest`` polls.

    The first block of fields is the newsroom's to set in the back office; the second is
    the poller's record of how the feed is doing, shown beside it.
    """

    class Mode(models.TextChoices):
        PUBLISH = "publish", "Publish at once"
        DRAFT = "draft", "Draft for review"

    name = PrintableCharField(max_length=120, unique=True)
    url = models.URLField(
        "feed URL", max_length=500, unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )  # fmt: skip
    publisher = models.ForeignKey(
        "articles.Source",
        on_delete=models.PROTECT,
        related_name="wire_feeds",
        help_text="Named on every story, after “Source:”.",
    )
    credit_line = PrintableCharField(
        max_length=200, blank=True, help_text="Leave blank to use the publisher's default credit."
    )
    category = models.ForeignKey(
        "articles.Category",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="section",
        help_text="Where its stories are filed.",
    )
    mode = models.CharField("new stories", max_length=8, choices=Mode.choices, default=Mode.DRAFT)
    interval = models.PositiveIntegerField(
        "poll every (minutes)",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    active = models.BooleanField(default=True, help_text="Untick to stop polling this feed.")

    # The poller's record (read-only in the back office).
    next_check_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_at = models.DateTimeField("last checked", null=True, editable=False)
    succeeded_at = models.DateTimeField("last success", null=True, editable=False)
    failures = models.PositiveIntegerField("failures in a row", default=0, editable=False)
    last_status = models.PositiveSmallIntegerField("last HTTP status", null=True, editable=False)
    last_error = PrintableTextField(blank=True, editable=False)
    # Validators for the next conditional GET, exactly as the server sent them.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    moved_to = models.URLField(
        max_length=500, blank=True, editable=False,
        help_text="The feed answered with a permanent redirect here; consider updating the URL.",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = "wire feed"
        indexes = [models.Index(fields=["active", "next_check_at"], name="wirefeed_due_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def healthy(self) -> bool | None:
        """True when the last poll worked, False when it failed, None before the first."""
        if self.checked_at is None:
            return None
        return self.failures == 0


class WireFetch(models.Model):
    """One poll of a feed: what came back and what was done with it (a short log per feed)."""

    class Outcome(models.TextChoices):
        READ = "read", "Read"
        NOT_MODIFIED = "not-modified", "Not modified"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(WireFeed, on_delete=models.CASCADE, related_name="fetches")
    at = models.DateTimeField(default=clock.now)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    status = models.PositiveSmallIntegerField("HTTP status", null=True)
    error = PrintableTextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    bytes = models.PositiveIntegerField(default=0)
    milliseconds = models.PositiveIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    grouped = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    notes = PrintableTextField(blank=True, help_text="Entries left out, and why.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "poll"
        indexes = [models.Index(fields=["feed", "at"], name="wirefetch_feed_idx")]

    def __str__(self) -> str:
        return f"{self.feed} at {self.at:%Y-%m-%d %H:%M}: {self.get_outcome_display()}"


class WireItem(models.Model):
    """A story a feed carried, keyed on its guid, and what became of it.

    A story either made an article (published or drafted), or was grouped with an earlier
    story from any feed that tells the same news (``same_as``, pointing at the story that
    made the article), or was skipped (too old, for instance).
    """

    class Outcome(models.TextChoices):
        PUBLISHED = "published", "Published"
        DRAFTED = "drafted", "Drafted for review"
        GROUPED = "grouped", "Grouped with an earlier story"
        SKIPPED = "skipped", "Skipped"

    feed = models.ForeignKey(WireFeed, on_delete=models.CASCADE, related_name="items")
    key = PrintableCharField(max_length=500, help_text="The feed's guid (or link) for the story.")
    link = models.URLField(max_length=500, blank=True)
    title = PrintableCharField(max_length=300)
    body = PrintableTextField(blank=True, help_text="Sanitized HTML, as taken in.")
    summary = PrintableTextField(blank=True)
    authors = PrintableCharField(max_length=300, blank=True)
    dated = models.DateTimeField("feed's date", null=True, blank=True)
    seen_at = models.DateTimeField("taken in", default=clock.now)
    changed_at = models.DateTimeField("changed upstream", null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = PrintableCharField(max_length=300, blank=True)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies",
        verbose_name="grouped with",
    )  # fmt: skip
    similarity = models.FloatField(null=True, blank=True)
    # A fingerprint of the feed's entry: an unchanged entry is not written again.
    digest = models.CharField(max_length=64)
    # A fingerprint of the headline and text written to the article: if the article
    # still carries them, nobody has edited it and an upstream correction may replace it.
    written = models.CharField(max_length=64, blank=True)
    signature = models.BinaryField(help_text="MinHash signature of the story's text.")
    figures = models.CharField(max_length=1200, blank=True, help_text="The numbers it cites.")

    class Meta:
        ordering = ["-seen_at", "-pk"]
        verbose_name = "wire story"
        verbose_name_plural = "wire stories"
        constraints = [
            models.UniqueConstraint(fields=["feed", "key"], name="wireitem_once_per_feed")
        ]
        indexes = [models.Index(fields=["seen_at"], name="wireitem_seen_idx")]

    def __str__(self) -> str:
        return self.title


class WireBand(models.Model):
    """One locality-sensitive hash bucket of a story: stories sharing a bucket are compared.

    A new story looks up its buckets among recent stories (one indexed query) and measures
    only those candidates, so the cost does not grow with the size of the desk. A bucket
    carries its story's time so that lookup needs no join, and so buckets older than the
    comparison window can be dropped (``grouping.forget_before``): the desk's stories
    stay, their buckets do not pile up.
    """

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = "similarity bucket"
        indexes = [
            models.Index(fields=["key", "seen_at"], name="wireband_lookup_idx"),
            models.Index(fields=["seen_at"], name="wireband_age_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ← {self.item_id}"
