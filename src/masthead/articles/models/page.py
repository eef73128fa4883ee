"""Static pages (About, Contact, Corrections policy) at ``/<slug>/``."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from masthead.core.fields import PrintableCharField, PrintableTextField
from masthead.core.links import reverse


class PageQuerySet(models.QuerySet["Page"]):
    def published(self) -> PageQuerySet:
        """Pages readers may see."""
        return self.filter(status=Page.Status.PUBLISHED)


class Page(models.Model):
    """A page outside the news flow: no date in its URL, no section, no comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = PrintableCharField(max_length=300)
    slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=True, blank=True,
        help_text="Its address: “about” puts the page at /about/. Leave empty to make it from "
        "the title.",
    )  # fmt: skip
    body = PrintableTextField("body (Markdown)", blank=True)
    body_html = PrintableTextField(editable=False, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:page", slug=self.slug)
