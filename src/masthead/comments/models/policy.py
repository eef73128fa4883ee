"""The comment rules an editor sets in the back office (read through ``Moderator``)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class CommentSettings(models.Model):
    """The one row of comment rules; ``masthead.comments.moderation.Moderator`` applies them."""

    thread_depth = models.PositiveSmallIntegerField(
        "reply levels",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How deep replies may nest; 1 means no replies.",
    )
    hold_all = models.BooleanField(
        "hold every comment", default=False, help_text="An editor approves each one by hand."
    )
    hold_first_time = models.BooleanField(
        "hold first-time commenters",
        default=True,
        help_text="Once an editor approves a comment from an email address, "
        "later comments from it appear at once.",
    )
    max_links = models.PositiveSmallIntegerField(
        "links allowed", default=2, help_text="Comments with more links than this are held."
    )
    moderation_words = models.TextField(
        "hold words",
        blank=True,
        help_text="One word or phrase per line. Comments containing one (in any field) are held.",
    )
    block_words = models.TextField(
        "spam words",
        blank=True,
        help_text="One word or phrase per line. Comments containing one go straight to spam.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        help_text="Leave empty to keep comments open until closed by hand.",
    )
    spam_score = models.PositiveSmallIntegerField(
        "spam above (%)",
        default=90,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text="A comment the classifier scores above this goes to spam.",
    )
    hold_score = models.PositiveSmallIntegerField(
        "hold above (%)",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="A comment the classifier scores above this is held.",
    )
    rate_limit = models.PositiveSmallIntegerField(
        "comments a minute",
        default=5,
        validators=[MinValueValidator(1)],
        help_text="Per IP address and per email address.",
    )
    empty_after_days = models.PositiveSmallIntegerField(
        "empty spam and trash after (days)", default=30, validators=[MinValueValidator(1)]
    )
    notify_authors = models.BooleanField(
        "email the authors",
        default=True,
        help_text="Email an article's authors about each comment awaiting moderation.",
    )

    class Meta:
        verbose_name = "comment settings"
        verbose_name_plural = "comment settings"

    def __str__(self) -> str:
        return "Comment settings"
