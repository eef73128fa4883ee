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
    """The related articles for ``article``, as many as site settings ask for."""
    related: list[Any] = get_backend().related(article, SiteSettings.current().related_count)
    tags = pagetags.teasers(related)
    pagetags.show(context.get("request"), pagetags.RELATED, *tags)
    return related
