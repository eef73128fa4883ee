"""What one article becomes in a feed: its lasting id, its text and its picture.

Pure helpers with no request in sight; ``feeds.py`` hands them the absolute URLs.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.files.storage import default_storage

from masthead.articles.models import Article, Image
from masthead.articles.renditions import LARGE
from masthead.core import sanitize


def guid(article: Article) -> str:
    """The article's RFC 4151 tag URI, e.g. ``tag:news.example.org,2026-11-29:article/123``.

    Built from the site's host, the day the row was created (in UTC, so a change of
    TIME_ZONE changes nothing) and the primary key: none of them move when an editor
    changes the slug or the publication date, so readers never see a story twice.
    """
    host = _site_host()
    day = article.created_at.astimezone(UTC).date()
    return f"tag:{host},{day:%Y-%m-%d}:article/{article.pk}"


def _site_host() -> str:
    return (urlsplit(settings.SITE_URL).hostname or "localhost").lower()


def absolute_html(html: str, base: str) -> str:
    """Sanitized ``html`` with every relative link and image source resolved against ``base``.

    Runs the site's own allow-list again, so the result is as safe as the page's copy;
    readers show feed items away from our pages, where relative URLs would point nowhere.
    """
    return nh3.clean(
        html,
        tags=sanitize.TAGS,
        attributes=sanitize.ATTRIBUTES,
        url_schemes=sanitize.URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=sanitize.STYLE_PROPERTIES,
        strip_comments=True,
        url_relative=("rewrite_with_base", base),
    )


@dataclass(frozen=True)
class Picture:
    """The featured image as feeds describe it: one file, its size in pixels and bytes."""

    url: str
    mime_type: str
    width: int
    height: int
    length: int
    alt: str


def featured_picture(image: Image, absolute: str) -> Picture:
    """Describe the rendition ``image.url_for(LARGE)`` serves, at URL ``absolute``."""
    name, width = image.rendition(LARGE)
    return Picture(
        url=absolute,
        mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        width=width,
        height=image.height_at(width) if width else image.height,
        length=_stored_size(name),
        alt=image.alt_text,
    )


def _stored_size(name: str) -> int:
    """Bytes in stored file ``name``; 0 (RSS's "unknown") when storage cannot tell."""
    try:
        return int(default_storage.size(name))
    except (OSError, NotImplementedError):
        return 0
