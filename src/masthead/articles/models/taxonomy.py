"""Sections (categories with one level of subsections) and tags."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from masthead.core.fields import PrintableCharField, PrintableTextField
from masthead.core.links import reverse


class Category(models.Model):
    """A section of the site; a category with a parent is a subsection (one level only)."""

    name = PrintableCharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level section.",
    )
    description = PrintableTextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the home page.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", slug=self.slug)

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": "A category cannot be its own parent."})
        if self.parent and self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": "Subsections go one level deep: pick a top-level parent."}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "This category has subsections, so it must stay top-level."}
            )

    @property
    def top(self) -> Category:
        """The top-level section this category belongs to (itself when top-level)."""
        return self.parent if self.parent_id and self.parent else self


class Tag(models.Model):
    """A keyword that links stories across sections."""

    name = PrintableCharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", slug=self.slug)
