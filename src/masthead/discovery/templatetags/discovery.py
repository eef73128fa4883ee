"""``{% related_articles article as related %}`` for the article page."""

from __future__ import annotations

from typing import Any

from django import template

from masthead.articles import pagetags
from masthead.articles.models import SiteSettings
from masthead.discovery.backends import get_backend

register = template.Library()


@register.simple_tag(takes_context=True)
def related_articles(context: template.Context, article: Any) -> list[Any]:
    """The related articles for ``article``, as many as site settings ask for.

    The page is tagged with each one's teaser, so editing a related story's headline
    purges the pages that list it.
    """
    site = context.get("site") or SiteSettings.current()  # the page's, read once per request
    found = list(get_backend().related(article, site.related_count))
    pagetags.show(context.get("request"), *pagetags.teasers(found))
    return found
