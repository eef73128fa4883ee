"""Site-wide settings an editor changes in the back office, not in templates."""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import connection, models

from masthead.articles.models.media import PictureField, validate_upload_size
from masthead.articles.renditions import image_size
from masthead.core import generation
from masthead.core.fields import LanguageTagField, PrintableCharField

# Bumped whenever the snapshot gains an attribute: a shared cache may hold older ones.
# v3: menus are filtered through ``is_safe_link``; a v2 snapshot may hold an unsafe one.
CACHE_NAME = "site-settings:v3"


class SiteSettings(models.Model):
    """The one row of site-wide settings; read it with ``SiteSettings.current()``."""

    name = PrintableCharField(max_length=120, default="Masthead")
    tagline = PrintableCharField(max_length=200, blank=True)
    # Judged like every picture (media.PictureField): the logo is on every page.
    logo = PictureField(upload_to="site/", blank=True, validators=[validate_upload_size])
    footer_text = PrintableCharField(max_length=300, blank=True)
    language = LanguageTagField(
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
        menu = [
            (item.label, item.url)
            for item in MenuItem.objects.order_by("position", "pk")
            if is_safe_link(item.url)  # a row stored before the validator, or by update()
        ]
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


LINK_MESSAGE = (
    "Enter a path on this site starting with a single / (e.g. /category/ai/) "
    "or an address starting with https:// or http://."
)
_web_address = URLValidator(schemes=["http", "https"], message=LINK_MESSAGE)


def validate_link(url: str) -> None:
    """Refuse a link that is not a site path or an http(s) address (``javascript:``, ``//``)."""
    # Browsers drop tabs and newlines inside a URL, so "/\t/evil" would become "//evil".
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ValidationError(LINK_MESSAGE, code="unsafe_link")
    if url.startswith("/"):
        # "//host" and "/\host" are addresses on another site to a browser, not paths.
        if url[1:2] in ("/", "\\"):
            raise ValidationError(LINK_MESSAGE, code="unsafe_link")
        return
    _web_address(url)


def is_safe_link(url: str) -> bool:
    """Whether ``url`` may be printed as a link on a public page."""
    try:
        validate_link(url)
    except ValidationError:
        return False
    return True


class MenuItem(models.Model):
    """One entry of the navigation menu in the site header."""

    label = PrintableCharField(max_length=60)
    url = models.CharField(
        max_length=300,
        validators=[validate_link],
        help_text="A path on this site, e.g. /category/ai/, or an https:// address.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


@checks.register(checks.Tags.database)
def unsafe_menu_links(**kwargs: object) -> list[checks.CheckMessage]:
    """masthead.W004: menu items stored with a link the form would refuse (hidden from readers)."""
    # migrate runs the checks before it creates the table.
    if MenuItem._meta.db_table not in connection.introspection.table_names():
        return []
    return [
        checks.Warning(
            f"The menu item {item.label!r} links to {item.url!r}, which is neither a path on "
            "this site nor an http(s) address; public pages leave it out.",
            hint="Correct or delete it under Newsroom › Menu items in the back office.",
            obj=item,
            id="masthead.W004",
        )
        for item in MenuItem.objects.order_by("pk")
        if not is_safe_link(item.url)
    ]
