"""``StoredLists``: the related-posts backend that reads the lists computed at publication.

``BaseStoredLists`` is what it shares with the optional semantic mode
(``semantic.SemanticLists``): both store their lists in ``RelatedLink`` and read them
with one query. Only one stored-lists backend is kept fresh at a time, the first in
``MASTHEAD_RELATED`` (``configured_lists``), since they share that table.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction

from masthead.articles.models import Article
from masthead.core import clock
from masthead.core.prepared import Prepared
from masthead.discovery.backends import RelatedBackend, SharedTagsRule, get_backend
from masthead.discovery.models import IndexedArticle
from masthead.discovery.related import upkeep
from masthead.discovery.related.engine import Engine, ListPolicy
from masthead.discovery.related.rebuild import BATCH_SIZE, Job, Rebuild

# Stories read past the ones a page shows, in case some of them are not out yet.
SPARES = 2


class BaseStoredLists(RelatedBackend):
    """Read an article's stored list with one query; subclasses compute and keep the lists.

    Visibility is checked as the list is read, so a scheduled story joins the lists it
    was entered into when its time comes, without any work at that moment. An article
    without a stored list costs one query more: one the engine has indexed gets its list
    computed and stored there and then; one it has never seen (imported or generated in
    bulk before ``masthead related rebuild``) is answered by the ``SharedTagsRule``.
    """

    engine: ListPolicy
    fallback_class = SharedTagsRule

    def refresh(self, article: Article) -> None:
        """Compute the list of a published or edited ``article`` and enter it in others'."""
        raise NotImplementedError

    def refresh_many(self, pks: list[int]) -> None:
        """``refresh`` each of the published articles ``pks`` (a batch of an import)."""
        for article in Article.objects.filter(pk__in=pks, status=Article.Status.PUBLISHED):
            self.refresh(article)

    def withdraw(self, article: Article) -> None:
        """Take a withdrawn ``article`` out of every list."""
        raise NotImplementedError

    def relist(self, pk: int) -> list[tuple[int, float]]:
        """Compute and store the list of the indexed article ``pk``; return it."""
        raise NotImplementedError

    def rebuild(self, *, batch_size: int = BATCH_SIZE, restart: bool = False) -> Job:
        """The job of ``masthead related rebuild``: every list computed again."""
        raise NotImplementedError

    def related(self, article: Article, limit: int) -> list[Article]:
        # A few spares stand in for scheduled stories, which the list holds but a reader
        # may not see yet; only a list crowded with them is read again in full.
        found = stored_list(limit + SPARES).rows(source=article.pk)
        shown = visible(found)
        if len(shown) < limit and len(found) == limit + SPARES:
            shown = visible(stored_list(max(limit, self.engine.keep)).rows(source=article.pk))
        return shown[:limit] if found else self._unlisted(article, limit)

    def _unlisted(self, article: Article, limit: int) -> list[Article]:
        entry = IndexedArticle.objects.filter(article_id=article.pk).first()
        if entry is None:
            return self.fallback_class().related(article, limit)
        if entry.listed_at is not None:
            return []  # listed, and nothing on the site is related
        with transaction.atomic():
            ranked = self.relist(article.pk)
        chosen = Article.objects.teasers().order_by().in_bulk([pk for pk, _ in ranked])
        return visible([chosen[pk] for pk, _ in ranked if pk in chosen])[:limit]


@lru_cache(maxsize=8)
def stored_list(length: int) -> Prepared[Article]:
    """The first ``length`` stories of a stored list, with what their teasers show,
    compiled once per length (a site's related count and the engine's list length)."""
    return Prepared(
        lambda source: (
            Article.objects.teasers()
            .filter(linked_from__source_id=source)
            .order_by("-linked_from__score", "-pk")[:length]
        ),
        source=int,
    )


class StoredLists(BaseStoredLists):
    """The content engine's lists (TF-IDF, ``discovery.related``); ``OPTIONS`` set its knobs."""

    engine_class = Engine
    engine: Engine

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.engine = self.engine_class(**options)

    def refresh(self, article: Article) -> None:
        upkeep.refresh_article(article=article, engine=self.engine)

    def refresh_many(self, pks: list[int]) -> None:
        upkeep.refresh_articles(pks=pks, engine=self.engine)

    def withdraw(self, article: Article) -> None:
        upkeep.withdraw_article(article=article, engine=self.engine)

    def relist(self, pk: int) -> list[tuple[int, float]]:
        return upkeep.relist(pk=pk, engine=self.engine)

    def rebuild(self, *, batch_size: int = BATCH_SIZE, restart: bool = False) -> Job:
        return Rebuild(engine=self.engine, batch_size=batch_size, restart=restart)


def configured_lists() -> BaseStoredLists | None:
    """The stored-lists backend kept fresh: the first in ``MASTHEAD_RELATED``, default first."""
    for alias in sorted(settings.MASTHEAD_RELATED, key=lambda name: name != "default"):
        backend = get_backend(alias)
        if isinstance(backend, BaseStoredLists):
            return backend
    return None


def visible(articles: list[Article]) -> list[Article]:
    """Those of ``articles`` a reader may see now (stored lists include scheduled ones)."""
    now = clock.now()
    return [
        other for other in articles
        if other.status == Article.Status.PUBLISHED
        and other.published_at is not None and other.published_at <= now
    ]  # fmt: skip
