"""``{% feed_links %}``: the feeds a page offers, as ``<link rel="alternate">`` tags."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from masthead.core.links import reverse
from masthead.feeds.syndication.feeds import SUBJECT_FEEDS, titled

register = template.Library()

# (format in the URL name, media type, what the title calls it)
FORMATS = [
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
]


@register.simple_tag(takes_context=True)
def feed_links(context: template.Context) -> SafeString:
    """Link the site's three feeds and, on an archive page, its subject's three.

    The subject is the context's ``subject`` (a section, tag or author, as the archive
    views give it). Reads nothing from the database: the titles come from the context's
    ``site`` and the subject at hand.
    """
    site_name = getattr(context.get("site"), "name", "")
    rows = _links(site_name, "site", {})
    subject = context.get("subject")
    feed = SUBJECT_FEEDS.get(type(subject))
    if feed is not None and subject is not None:
        title = titled(feed().heading(subject), site_name)
        rows += _links(title, feed.url_name, {"slug": subject.slug})
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', rows)


def _links(title: str, url_name: str, kwargs: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (media_type, f"{title} ({label})", reverse(f"feeds:{url_name}-{fmt}", **kwargs))
        for fmt, media_type, label in FORMATS
    ]
