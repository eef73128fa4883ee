"""The small facts every page's metadata is built from: the site, pictures, words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from masthead.articles.renditions import LARGE
from masthead.core import markdown

# Search engines show about 160 characters; the rest is kept for social cards, which
# show more, and cut at a word like the article excerpts are.
DESCRIPTION_LIMIT = 220
DEFAULT_LOGO_SIZE = (256, 256)
# A script subtag implies the usual territory for OpenGraph's language_TERRITORY form.
SCRIPT_TERRITORIES = {"hans": "CN", "hant": "TW"}


@dataclass(frozen=True)
class Site:
    """The site being described, and how its paths become absolute URLs."""

    name: str
    tagline: str
    language: str
    logo_url: str  # absolute
    logo_size: tuple[int, int] | None  # known for the default logo only
    search_path: str
    absolute: Callable[[str], str]

    @property
    def home(self) -> str:
        """The absolute URL of the front page."""
        return self.absolute("/")


@dataclass(frozen=True)
class Picture:
    """One stored copy of an image, by absolute URL, with its real size."""

    url: str
    width: int
    height: int
    alt: str


def describe(text: str, fallback: str = "") -> str:
    """``text`` on one line and cut to DESCRIPTION_LIMIT, else ``fallback``."""
    folded = " ".join(text.split())
    return markdown.excerpt(folded, limit=DESCRIPTION_LIMIT) if folded else fallback


def og_locale(language: str) -> str:
    """A BCP 47 tag in OpenGraph's form: ``en-GB`` → ``en_GB``, ``zh-Hans`` → ``zh_CN``.

    A tag without a region or a known script stays the bare language (``en``): guessing
    a territory would claim more than the editor said.
    """
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return f"{base}_{part.upper()}"
        if part.lower() in SCRIPT_TERRITORIES:
            return f"{base}_{SCRIPT_TERRITORIES[part.lower()]}"
    return base


def iso(moment: Any) -> str:
    """An aware datetime as ISO 8601 to the second."""
    return str(moment.isoformat(timespec="seconds"))


def picture_at_least(image: Any, width: int, site: Site) -> Picture | None:
    """The smallest copy of ``image`` at least ``width`` wide, or None if it is narrower.

    Renditions are only made narrower than the original, so when none is wide enough
    the original itself is the copy, if it is wide enough.
    """
    if not image or image.width < width:
        return None
    _name, chosen = image.rendition(width)
    return Picture(
        site.absolute(image.url_for(width)), chosen, image.height_at(chosen), image.alt_text
    )


def social_picture(image: Any, site: Site) -> Picture | None:
    """The copy of ``image`` for link previews: a 1200-wide one, else the original."""
    if not image:
        return None
    return picture_at_least(image, LARGE, site) or Picture(
        site.absolute(image.file.url), image.width, image.height, image.alt_text
    )
