"""The site's story feeds: the whole site, a section, a tag, an author; RSS, Atom, JSON.

``ArticleFeed`` is Django's syndication ``Feed`` with everything a story carries; each
subject is a small subclass naming how it finds its subject and which stories belong
to it. The format is the generator class handed to the constructor, so one subclass
serves all three formats::

    class TagFeed(ArticleFeed):
        url_name = "tag"

        def get_object(self, request, slug):
            return get_object_or_404(Tag, slug=slug)

        def stories(self, obj):
            return Article.objects.published().filter(tags=obj)

    TagFeed(JsonFeed)  # a view, as in urls.py

Only visible stories appear (``published()``); the newest ``ITEMS`` of them, read in
three queries however many there are.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Enclosure, SyndicationFeed
from django.utils.html import escape

from masthead.articles import pagetags
from masthead.articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Image,
    SiteSettings,
    Tag,
)
from masthead.articles.renditions import LARGE
from masthead.core.sanitize import printable_feed
from masthead.feeds.syndication import entries
from masthead.feeds.syndication.generators import NewsRssFeed

ITEMS = 20


class ArticleFeed(Feed):
    """The newest visible stories of a subject (here: the whole site)."""

    feed_type: type[SyndicationFeed] = NewsRssFeed
    url_name = "site"  # the feeds' URL names are "feeds:<url_name>-rss|atom|json"
    request: HttpRequest
    _pictures: dict[int, entries.Picture | None]  # by article id, for one request

    def __init__(self, feed_type: type[SyndicationFeed] | None = None):
        if feed_type is not None:
            self.feed_type = feed_type

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # One instance serves every request (it is the view); each request gets a copy
        # that knows it, so items can make absolute URLs for the host asked for.
        bound = copy.copy(self)
        bound.request = request
        bound._pictures = {}
        return Feed.__call__(bound, request, *args, **kwargs)

    def get_feed(self, obj: Any, request: HttpRequest) -> SyndicationFeed:
        # The guard for every format: a row written around the fields' cleaning, or HTML
        # whose "&#12;" the sanitizer decoded, must not make the feed a 500 or bad XML.
        return printable_feed(super().get_feed(obj, request))

    def stories(self, obj: Any) -> Any:
        """The visible articles that belong to ``obj``."""
        return Article.objects.published()

    def heading(self, obj: Any) -> str:
        """The subject's name, as its archive page's heading gives it."""
        return str(obj)

    # The channel.

    @property
    def language(self) -> str:  # type: ignore[override]
        return SiteSettings.current().language

    def title(self, obj: Any = None) -> str:
        site = SiteSettings.current().name
        return titled(self.heading(obj), site) if obj is not None else site

    def link(self, obj: Any = None) -> str:
        return obj.get_absolute_url() if obj is not None else "/"

    def description(self, obj: Any = None) -> str:
        site = SiteSettings.current()
        if obj is None:
            return site.tagline or f"The latest stories from {site.name}."
        return f"The latest stories from {site.name}: {self.heading(obj)}."

    def author_name(self, obj: Any = None) -> str:
        # Atom wants an author for the feed unless every entry has one; a story without
        # a byline is then credited to the publication.
        return SiteSettings.current().name

    def author_link(self, obj: Any = None) -> str:
        return self._absolute("/")

    # The items.

    def items(self, obj: Any = None) -> list[Article]:
        byline = ArticleAuthor.objects.select_related("author").order_by("position")
        found = list(
            self.stories(obj)
            .select_related("category__parent", "featured_image")
            .prefetch_related(Prefetch("authorships", queryset=byline), "tags")
            .defer("body")
            .newest_first()[:ITEMS]
        )
        self._tag(obj, found)
        return found

    def _tag(self, obj: Any, found: list[Article]) -> None:
        """Name what the feed shows: its list, its subject, each story and its tags."""
        lists = [pagetags.list_of(obj)] if obj is not None else [pagetags.LATEST]
        named = {pagetags.tag(t.pk) for item in found for t in item.tags.all()}
        pagetags.show(self.request, *lists, *named, *pagetags.teasers(found))

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The summary, always; the description of RSS and Atom's summary are HTML.
        return escape(item.excerpt)

    def item_guid(self, item: Article) -> str:
        return entries.guid(item)

    def item_guid_is_permalink(self, item: Article) -> bool:
        return False

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.content_updated_at or item.published_at

    def item_categories(self, item: Article) -> list[str]:
        section = item.category
        names = [section.parent.name] if section.parent else []
        return [*names, section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        picture = self._picture(item)
        if picture is None:
            return []
        return [Enclosure(picture.url, str(picture.length), picture.mime_type)]

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        return {
            "authors": [(a.name, self._absolute(a.get_absolute_url())) for a in item.byline],
            "content_html": self._full_text(item),
            "summary_text": item.excerpt,
            "picture": self._picture(item),
        }

    def _full_text(self, item: Article) -> str | None:
        if not SiteSettings.current().feed_full_text:
            return None
        return entries.absolute_html(item.body_html, self._absolute(item.get_absolute_url()))

    def _picture(self, item: Article) -> entries.Picture | None:
        # Asked for twice per item (enclosure, Media RSS); the file size is read once.
        if item.pk not in self._pictures:
            self._pictures[item.pk] = self._describe(item.featured_image)
        return self._pictures[item.pk]

    def _describe(self, image: Image | None) -> entries.Picture | None:
        if image is None:
            return None
        url = self._absolute(image.url_for(LARGE))
        return entries.featured_picture(image, url)

    def _absolute(self, path: str) -> str:
        """``path`` as an absolute URI (non-ASCII slugs percent-encoded) on the host asked."""
        return iri_to_uri(self.request.build_absolute_uri(path))


class SiteFeed(ArticleFeed):
    """``/feed/``: the newest stories on the whole site."""


class CategoryFeed(ArticleFeed):
    """``/category/<slug>/feed/``: a section's stories, its subsections' included."""

    url_name = "category"

    def get_object(self, request: HttpRequest, slug: str) -> Category:
        return get_object_or_404(Category.objects.select_related("parent"), slug=slug)

    def stories(self, obj: Category) -> Any:
        return Article.objects.published().in_category(obj)

    def heading(self, obj: Category) -> str:
        return obj.name


class TagFeed(ArticleFeed):
    """``/tag/<slug>/feed/``: the stories with a tag."""

    url_name = "tag"

    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def stories(self, obj: Tag) -> Any:
        return Article.objects.published().filter(tags=obj)


class AuthorFeed(ArticleFeed):
    """``/author/<slug>/feed/``: the stories an author's name is on."""

    url_name = "author"

    def get_object(self, request: HttpRequest, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def stories(self, obj: Author) -> Any:
        return Article.objects.published().filter(authorships__author=obj)


def titled(heading: str, site_name: str) -> str:
    """A subject's feed title, the way its archive page's <title> reads."""
    return f"{heading} – {site_name}" if site_name else heading


# Which feeds an archive page's subject has, for the <link rel="alternate"> tags.
SUBJECT_FEEDS: dict[type[Any], type[ArticleFeed]] = {
    Category: CategoryFeed,
    Tag: TagFeed,
    Author: AuthorFeed,
}
