"""Feed URLs, WordPress's for RSS: ``…/feed/``, ``…/feed/atom/`` and ``…/feed.json``.

URL names are ``feeds:<subject>-<format>``, e.g. ``feeds:tag-atom`` (``slug`` argument).
"""

from django.urls import URLPattern, re_path

from masthead.articles.urls import SEGMENT, SLUG
from masthead.feeds.syndication.feeds import (
    ArticleFeed,
    AuthorFeed,
    CategoryFeed,
    SiteFeed,
    TagFeed,
)
from masthead.feeds.syndication.generators import NewsAtomFeed, NewsRssFeed
from masthead.feeds.syndication.jsonfeed import JsonFeed


def feeds_of(prefix: str, feed: type[ArticleFeed]) -> list[URLPattern]:
    """The RSS, Atom and JSON Feed URLs of the listing at ``prefix``."""
    return [
        re_path(rf"^{prefix}feed/$", feed(NewsRssFeed), name=f"{feed.url_name}-rss"),
        re_path(rf"^{prefix}feed/atom/$", feed(NewsAtomFeed), name=f"{feed.url_name}-atom"),
        re_path(rf"^{prefix}feed\.json$", feed(JsonFeed), name=f"{feed.url_name}-json"),
    ]


urlpatterns = [
    *feeds_of("", SiteFeed),
    # A subsection's URL may name its parent first, as the archive's does.
    *feeds_of(rf"category/(?:{SEGMENT}/)?{SLUG}/", CategoryFeed),
    *feeds_of(rf"tag/{SLUG}/", TagFeed),
    *feeds_of(rf"author/{SLUG}/", AuthorFeed),
]
