"""A reader's comment on an article; threaded through ``parent``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from masthead.core.fields import (
    PrintableCharField,
    PrintableEmailField,
    PrintableTextField,
    PrintableURLField,
)


class CommentQuerySet(models.QuerySet["Comment"]):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def decided(self) -> CommentQuerySet:
        """Comments an editor or a rule has judged: the classifier's teaching set."""
        return self.filter(status__in=[Comment.Status.APPROVED, Comment.Status.SPAM])


class Comment(models.Model):
    """One comment. Readers see only approved ones; the email and IP are never shown."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    class Lesson(models.TextChoices):
        """What the spam classifier has learned from this comment, so it can unlearn it."""

        NONE = "", "Nothing"
        HAM = "ham", "Not spam"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = PrintableCharField("name", max_length=100)
    author_email = PrintableEmailField("email", max_length=254)
    author_url = PrintableURLField("website", max_length=300, blank=True)
    body = PrintableTextField("comment", max_length=10_000)
    depth = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="0 for a comment on the article, 1 for a reply, …"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when a person (not a rule) last chose the status: those choices teach the classifier.
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    held_because = PrintableCharField(
        max_length=300, blank=True, help_text="Why the rules held this comment or called it spam."
    )
    spam_score = models.FloatField(
        null=True, blank=True, editable=False, help_text="The classifier's score, 0 to 1."
    )
    learned_as = models.CharField(
        max_length=4, choices=Lesson.choices, blank=True, default="", editable=False
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = PrintableCharField(max_length=500, blank=True)
    # A default, not auto_now_add, so imports and bulk loads can keep the original time.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            # The moderation queue and the "approved before?" rule.
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_email_idx"),
        ]

    def __str__(self) -> str:
        # The back office titles a comment's pages and log entries with this: editors know
        # articles by headline. Lists that print many comments select the article with them.
        return f"{self.author_name} on “{self.article.title}”"

    @property
    def is_public(self) -> bool:
        """Whether readers see this comment (only approved ones are shown)."""
        return self.status == self.Status.APPROVED

    @property
    def website(self) -> str:
        """The commenter's website if it is a web address, else "" (never a javascript: link)."""
        url = self.author_url.strip()
        return url if url.lower().startswith(("http://", "https://")) else ""
