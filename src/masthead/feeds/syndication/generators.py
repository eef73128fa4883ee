"""RSS 2.0 and Atom 1.0 writers that say more than Django's own about each story.

Both take the extra item keys ``ArticleFeed.item_extra_kwargs`` adds: ``authors`` (a
list of ``(name, absolute URL)`` in byline order), ``content_html`` (the full text, or
``None`` when the site sends excerpts only), ``summary_text`` and ``picture``.
"""

from __future__ import annotations

from typing import Any

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

from masthead.feeds.syndication.entries import Picture

# django-stubs types startElement's attributes as SAX AttributesImpl; Django itself (and
# so do we) passes plain dicts, hence the ignores below.
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every byline name, the full text and Media RSS for the picture."""

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DUBLIN_CORE_NS,
            "xmlns:media": MEDIA_RSS_NS,
        }

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        # The title is plain text, escaped once for XML, as WordPress writes it: readers
        # (feedparser among them) read an RSS <title> as text, and a title escaped twice,
        # Django's default, reaches them as "AI&#x27;s".
        super().add_item_elements(handler, item)
        # <author> must hold an email address, which we never publish; WordPress names
        # each writer in a Dublin Core <dc:creator> instead, and readers expect that.
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        if item["picture"]:
            self._add_media(handler, item["picture"])

    @staticmethod
    def _add_media(handler: SimplerXMLGenerator, picture: Picture) -> None:
        attrs = {
            "url": picture.url,
            "medium": "image",
            "type": picture.mime_type,
            "width": str(picture.width),
            "height": str(picture.height),
        }
        if picture.length:
            attrs["fileSize"] = str(picture.length)
        handler.startElement("media:content", attrs)  # type: ignore[arg-type]
        if picture.alt:
            handler.addQuickElement("media:description", picture.alt, {"type": "plain"})
        handler.endElement("media:content")


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with one ``<author>`` per byline name and the full text as ``<content>``."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        # Django's Atom writer knows one author per entry; a byline may have several.
        for name, url in item["authors"]:
            handler.startElement("author", {})  # type: ignore[arg-type]
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content_html"]:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
