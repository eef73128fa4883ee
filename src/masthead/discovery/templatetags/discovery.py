"""``{% related_articles article as related %}`` for the article page."""

from __future__ import annotations

from typing import Any

from django import template

from masthead.articles.models import SiteSettings
from masthead.discovery.backends import get_backend

register = template.Library()


@register.simple_tag
def related_articles(article: Any) -> list[Any]:
    """The related articles for ``article``, as many as site settings ask for."""
    return get_backend().related(article, SiteSettings.current().related_count)
