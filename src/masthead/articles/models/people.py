"""Who writes the stories and where syndicated stories come from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from masthead.articles.models.media import PictureField, validate_upload_size
from masthead.core.fields import PrintableCharField, PrintableTextField, PrintableURLField
from masthead.core.links import reverse


class Author(models.Model):
    """A public byline, usually tied to a newsroom user account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    name = PrintableCharField("display name", max_length=120)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    role = PrintableCharField(max_length=120, blank=True, help_text="e.g. Senior AI reporter")
    bio = PrintableTextField(blank=True)
    avatar = PictureField(upload_to="avatars/", blank=True, validators=[validate_upload_size])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", slug=self.slug)

    @property
    def initials(self) -> str:
        """Up to two initials, for the drawn placeholder avatar."""
        parts = [p for p in self.name.split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


def person_name(user: Any) -> str:
    """How the back office names an account: its full name, else its username."""
    return str(user.get_full_name() or user.get_username())


class Source(models.Model):
    """A publisher whose stories we run with attribution."""

    name = PrintableCharField("publisher", max_length=120)
    home_url = PrintableURLField("home page", blank=True)
    credit = PrintableCharField(
        "default credit line",
        max_length=200,
        blank=True,
        help_text='Shown after the source link, e.g. "Courtesy of the original publisher".',
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
