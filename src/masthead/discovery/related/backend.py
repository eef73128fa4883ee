"""``StoredLists``: the related-posts backend that reads the lists computed at publication."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from masthead.articles.models import Article
from masthead.core import clock
from masthead.discovery.backends import RelatedBackend, SharedTagsRule
from masthead.discovery.models import IndexedArticle
from masthead.discovery.related import upkeep
from masthead.discovery.related.engine import Engine


class StoredLists(RelatedBackend):
    """Read an article's stored list with one query; ``OPTIONS`` set the ``Engine`` knobs.

    Visibility is checked as the list is read, so a scheduled story joins the lists it
    was entered into when its time comes, without any work at that moment. An article
    without a stored list costs one query more: one the engine has indexed gets its list
    computed and stored there and then; one it has never seen (imported or generated in
    bulk before ``masthead related rebuild``) is answered by the ``SharedTagsRule``.
    """

    engine_class = Engine
    fallback_class = SharedTagsRule

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.engine = self.engine_class(**options)

    def related(self, article: Article, limit: int) -> list[Article]:
        stored = (
            Article.objects.teasers()
            .filter(linked_from__source_id=article.pk)
            .order_by("-linked_from__score", "-pk")
        )
        found = list(stored[: max(limit, self.engine.keep)])
        return visible(found)[:limit] if found else self._unlisted(article, limit)

    def _unlisted(self, article: Article, limit: int) -> list[Article]:
        entry = IndexedArticle.objects.filter(article_id=article.pk).first()
        if entry is None:
            return self.fallback_class().related(article, limit)
        if entry.listed_at is not None:
            return []  # listed, and nothing on the site is related
        with transaction.atomic():
            ranked = upkeep.relist(pk=article.pk, engine=self.engine)
        chosen = Article.objects.teasers().order_by().in_bulk([pk for pk, _ in ranked])
        return visible([chosen[pk] for pk, _ in ranked if pk in chosen])[:limit]


def visible(articles: list[Article]) -> list[Article]:
    """Those of ``articles`` a reader may see now (stored lists include scheduled ones)."""
    now = clock.now()
    return [
        other for other in articles
        if other.status == Article.Status.PUBLISHED
        and other.published_at is not None and other.published_at <= now
    ]  # fmt: skip
