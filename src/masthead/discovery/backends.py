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
from django.db.models import Count, Q
from django.utils.module_loading import import_string

from masthead.articles.models import Article
from masthead.core import clock


class RelatedBackend:
    """Base class: find up to ``limit`` published articles related to ``article``.

    A backend that needs optional packages names the ``extra`` that installs them and
    says which are ``missing_packages()``; the system check ``masthead.E002`` asks.
    """

    extra = ""  # the pip extra that installs what the backend needs ("semantic")

    def __init__(self, **options: Any) -> None:
        self.options = options

    @classmethod
    def missing_packages(cls) -> list[str]:
        """The packages this backend needs that are not installed."""
        return []

    def related(self, article: Article, limit: int) -> list[Article]:
        raise NotImplementedError


class SharedTagsRule(RelatedBackend):
    """Rank by tags shared, then same top-level section, then recency.

    The tag counting reads only the article-tag table through its tag index; the
    best-scoring ``pool`` candidates are then fetched and ranked, and the list is topped
    up with the newest of the same section, then the newest anywhere. The discovery
    engine replaces this rule with lists computed at publication.
    """

    def __init__(self, pool: int = 100, **options: Any) -> None:
        super().__init__(**options)
        self.pool = pool

    def related(self, article: Article, limit: int) -> list[Article]:
        visible = (
            Article.objects.published()
            .exclude(pk=article.pk)
            .select_related("featured_image", "category")
            .defer("body", "body_html")
        )
        section_id = article.category.parent_id or article.category_id
        found = self._by_shared_tags(article, section_id, limit)
        in_section = Q(category_id=section_id) | Q(category__parent_id=section_id)
        for fallback in (visible.filter(in_section), visible):
            if len(found) >= limit:
                break
            found += list(
                fallback.exclude(pk__in=[a.pk for a in found]).newest_first()[: limit - len(found)]
            )
        return found

    def _by_shared_tags(self, article: Article, section_id: int, limit: int) -> list[Article]:
        links = Article.tags.through.objects.filter(
            tag_id__in=Article.tags.through.objects.filter(article_id=article.pk).values("tag_id")
        ).exclude(article_id=article.pk)
        # Counted in SQL, so only the pool crosses into Python. Newer articles have larger
        # ids, so ties in the pool favour recent stories. (mypy's Django plugin cannot see
        # the annotation.)
        counted = (
            links.values("article_id")  # type: ignore[misc]
            .annotate(n=Count("tag_id"))
            .order_by("-n", "-article_id")
            .values_list("article_id", "n")[: self.pool]
        )
        shared = dict(counted)
        # Candidates are fetched by primary key, unordered, and checked for visibility in
        # Python: with a date filter or ORDER BY, SQLite walks the date index instead.
        rows = (
            Article.objects.filter(pk__in=list(shared))
            .order_by()
            .values_list("pk", "status", "published_at", "category_id", "category__parent_id")
        )
        now = clock.now()

        def rank(row: tuple[int, str, Any, int, int | None]) -> tuple[int, bool, Any, int]:
            pk, _, published_at, category_id, parent_id = row
            return (shared[pk], section_id in (category_id, parent_id), published_at, pk)

        visible = [
            row for row in rows
            if row[1] == Article.Status.PUBLISHED and row[2] is not None and row[2] <= now
        ]  # fmt: skip
        best = [row[0] for row in sorted(visible, key=rank, reverse=True)[:limit]]
        chosen = Article.objects.teasers().order_by().in_bulk(best)
        return [chosen[pk] for pk in best]


def get_backend(alias: str = "default") -> RelatedBackend:
    """The configured backend called ``alias``."""
    config: dict[str, Any] = settings.MASTHEAD_RELATED[alias]
    backend_class: type[RelatedBackend] = import_string(config["BACKEND"])
    options: dict[str, Any] = config.get("OPTIONS", {})
    return backend_class(**options)
