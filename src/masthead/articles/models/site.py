"""Site-wide settings an editor changes in the back office, not in templates."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from masthead.articles.renditions import image_size
from masthead.core import generation

# Bumped whenever the snapshot gains an attribute: a shared cache may hold older ones.
CACHE_NAME = "site-settings:v2"


class SiteSettings(models.Model):
    """The one row of site-wide settings; read it with ``SiteSettings.current()``."""

    name = models.CharField(max_length=120, default="Masthead")
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ImageField(upload_to="site/", blank=True)
    footer_text = models.CharField(max_length=300, blank=True)
    language = models.CharField(
        "default language",
        max_length=35,
        default="en",
        help_text="BCP 47 tag, e.g. en, en-GB, zh-Hans. New articles start in it.",
    )
    related_count = models.PositiveSmallIntegerField(
        "related posts shown",
        default=4,
        validators=[MinValueValidator(3), MaxValueValidator(6)],
    )
    per_page = models.PositiveSmallIntegerField(
        "articles per archive page",
        default=12,
        validators=[MinValueValidator(4), MaxValueValidator(50)],
    )
    feed_full_text = models.BooleanField(
        "full text in feeds",
        default=True,
        help_text="Off: RSS, Atom and JSON feeds carry each story's excerpt only.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> SiteSettingsSnapshot:
        """Return the settings and menu, from the cache when they are there."""
        return generation.cached(CACHE_NAME, cls._snapshot)

    @classmethod
    def _snapshot(cls) -> SiteSettingsSnapshot:
        row = cls.objects.order_by("pk").first() or cls()
        menu = [(item.label, item.url) for item in MenuItem.objects.order_by("position", "pk")]
        return SiteSettingsSnapshot(row, menu)

    @staticmethod
    def forget() -> None:
        """Drop the cached copy; the next ``current()`` reads the database."""
        generation.forget(CACHE_NAME)


class SiteSettingsSnapshot:
    """A picklable, read-only view of the settings and the navigation menu."""

    def __init__(self, row: SiteSettings, menu: list[tuple[str, str]]):
        self.name = row.name
        self.tagline = row.tagline
        self.logo_url = row.logo.url if row.logo else ""
        # Width and height let the header keep the logo's box before the file arrives.
        self.logo_size = _stored_size(row.logo.name) if row.logo.name else None
        self.footer_text = row.footer_text
        self.language = row.language
        self.related_count = row.related_count
        self.per_page = row.per_page
        self.feed_full_text = row.feed_full_text
        self.menu = menu


def _stored_size(name: str) -> tuple[int, int] | None:
    """Width and height of the stored picture ``name``; None when it cannot be read."""
    try:
        return image_size(name)
    except (OSError, ValueError):
        # A logo missing from storage or not a picture must not take the site down.
        return None


class MenuItem(models.Model):
    """One entry of the navigation menu in the site header."""

    label = models.CharField(max_length=60)
    url = models.CharField(max_length=300, help_text="A path on this site, e.g. /category/ai/")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label
