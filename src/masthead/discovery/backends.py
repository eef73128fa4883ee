"""Related-post engines, chosen in settings like Django's ``CACHES``.

``settings.MASTHEAD_RELATED`` names backends; ``"default"`` is the one pages use::

    MASTHEAD_RELATED = {
        "default": {"BACKEND": "masthead.discovery.backends.SharedTagsRule"},
    }

A backend subclasses ``RelatedBackend`` and answers ``related(article, limit)`` with
published articles, best first. ``SharedTagsRule`` is the simple rule: most tags in
common, then the same section, then the newest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Case, Count, Q, When
from django.utils.module_loading import import_string

from masthead.articles.models import Article


class RelatedBackend:
    """Base class: find up to ``limit`` published articles related to ``article``."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def related(self, article: Article, limit: int) -> list[Article]:
        raise NotImplementedError


class SharedTagsRule(RelatedBackend):
    """Rank by tags shared, then same top-level section, then recency.

    Candidates come from the tag index first (articles sharing a tag), then the newest
    of the same section, then the newest anywhere, so no query scans the whole site.
    """

    def related(self, article: Article, limit: int) -> list[Article]:
        visible = (
            Article.objects.published().exclude(pk=article.pk).select_related("featured_image")
        )
        section_id = article.category.parent_id or article.category_id
        in_section = Q(category_id=section_id) | Q(category__parent_id=section_id)
        found: list[Article] = list(
            visible.filter(tags__in=article.tags.all())
            .annotate(
                shared=Count("pk"),
                same_section=Case(When(in_section, then=1), default=0),
            )
            .order_by("-shared", "-same_section", "-published_at", "-pk")[:limit]
        )
        for fallback in (visible.filter(in_section), visible):
            if len(found) >= limit:
                break
            found += list(
                fallback.exclude(pk__in=[a.pk for a in found]).newest_first()[: limit - len(found)]
            )
        return found


def get_backend(alias: str = "default") -> RelatedBackend:
    """The configured backend called ``alias``."""
    config: dict[str, Any] = settings.MASTHEAD_RELATED[alias]
    backend_class: type[RelatedBackend] = import_string(config["BACKEND"])
    options: dict[str, Any] = config.get("OPTIONS", {})
    return backend_class(**options)
