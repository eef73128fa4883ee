"""The Google News sitemap: the stories of the last two days, newest first.

Google News reads only stories published in the last 48 hours and at most 1,000 URLs a
file. A copy of this file may be served from the page cache for up to
``PAGE_CACHE_SECONDS``, so the window is cut short by that much: no copy, however late
it is served, lists a story older than 48 hours. A scheduled story appears as soon as
its time comes, because the page cache never keeps a page past the next scheduled
publication.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from masthead.articles.models import Article, SiteSettings
from masthead.articles.renditions import LARGE
from masthead.core import clock
from masthead.core.sanitize import printable
from masthead.feeds.sitemaps.base import Section, whole_seconds

WINDOW = timedelta(hours=48)
MAX_STORIES = 1000
# Google wants ISO 639 codes, except for Chinese: zh-cn (Simplified), zh-tw (Traditional).
ISO_639 = re.compile(r"[a-z]{2,3}")
TRADITIONAL_CHINESE = {"hant", "tw", "hk", "mo"}
FALLBACK_LANGUAGE = "en"


def news_language(tag: str) -> str:
    """The Google News language code for a BCP 47 ``tag`` ("" when it has none).

    >>> news_language("zh-Hans"), news_language("zh-Hant-TW"), news_language("en-GB")
    ('zh-cn', 'zh-tw', 'en')
    """
    parts = tag.strip().lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        return "zh-tw" if TRADITIONAL_CHINESE & set(parts[1:]) else "zh-cn"
    return parts[0] if ISO_639.fullmatch(parts[0]) else ""


class NewsSitemap(Section):
    """Visible stories published in the last ``window``, at most ``limit`` of them."""

    window = WINDOW
    limit = MAX_STORIES
    # A quiet two days leave an empty file rather than a 404: the file is listed in
    # robots.txt, and crawlers report a missing one as an error.
    allow_empty_first_page = True

    def oldest_allowed(self) -> datetime:
        """The earliest publication time listed: the window, less the page cache's time."""
        return clock.now() - self.window + timedelta(seconds=settings.PAGE_CACHE_SECONDS)

    def items(self) -> QuerySet[Article]:
        recent = Article.objects.published().filter(published_at__gt=self.oldest_allowed())
        fields = ("title", "slug", "pub_date", "published_at", "language")
        images = ("featured_image", "featured_image__file", "featured_image__renditions")
        return (
            recent.select_related("featured_image")
            .only(*fields, *images)
            .order_by("-published_at", "-pk")[: self.limit]
        )

    def images(self, article: Article) -> list[str]:
        picture = article.featured_image
        return [picture.url_for(LARGE)] if picture else []

    def get_urls(self, page: Any = 1, site: Any = None, protocol: Any = None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        publication = SiteSettings.current()
        site_language = news_language(publication.language) or FALLBACK_LANGUAGE
        for url in urls:
            article = url["item"]
            url["news"] = {
                "name": printable(publication.name),
                "language": news_language(article.language) or site_language,
                "publication_date": whole_seconds(article.published_at),
                "title": printable(article.title),
            }
        return urls
