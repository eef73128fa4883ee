"""The interface every search backend offers, and the index upkeep they share.

A backend answers ``search(query)`` with a ``SearchPage``: the ids of the visible
articles in the wanted window, best first, each with a highlighted snippet, and how many
there are in all. ``index``, ``remove`` and ``rebuild`` keep its index right; the rows
live in ``SearchEntry`` for every backend, and each backend adds what its database needs
to search them (an FTS5 table, a tsvector).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.safestring import SafeString

from masthead.articles.models import Article
from masthead.core import clock
from masthead.discovery.models import SearchEntry, SearchRebuild
from masthead.discovery.search.documents import entries_for, indexable
from masthead.discovery.search.query import SearchQuery

UPDATED_FIELDS = [
    "stamp", "published_at", "pub_date", "category",
    "title", "dek", "tags", "authors", "body", "grams",
]  # fmt: skip


@dataclass(frozen=True)
class Hit:
    """One result: the article's id and a snippet of its text with the matches marked."""

    article_id: int
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage:
    """The results in the window a query asked for, and how many there are in all."""

    hits: list[Hit]
    total: int


@dataclass
class Rebuilt:
    """What a ``rebuild`` did: articles looked at, rows written, where it began, if it ended."""

    seen: int = 0
    indexed: int = 0
    resumed_after: int = 0
    finished: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class SearchBackend:
    """Base class: keep the index of published articles and search it."""

    batch_size = 500

    def __init__(self, **options: Any) -> None:
        self.options = options

    # Searching -------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        """The visible articles matching every term of ``query``, in its order and window."""
        raise NotImplementedError

    # Keeping the index -----------------------------------------------------------------------

    def index(self, article: Article | int) -> None:
        """Index ``article`` as it is in the database now, or drop it if it is not published."""
        article_id = article if isinstance(article, int) else article.pk
        found = list(indexable().filter(pk=article_id))
        if found:
            self.store(entries_for(found))
        else:
            self.remove(article_id)

    def reindex(self, article_ids: Iterable[int]) -> int:
        """Index the published articles among ``article_ids`` again, a batch at a time."""
        ids = list(article_ids)
        done = 0
        for start in range(0, len(ids), self.batch_size):
            articles = list(indexable().filter(pk__in=ids[start : start + self.batch_size]))
            self.store(entries_for(articles))
            done += len(articles)
        return done

    def remove(self, article_id: int) -> None:
        """Take the article with id ``article_id`` out of the index."""
        SearchEntry.objects.filter(article_id=article_id).delete()

    def store(self, entries: list[SearchEntry]) -> None:
        """Write ``entries``, replacing the rows of the same articles."""
        SearchEntry.objects.bulk_create(
            entries, update_conflicts=True, unique_fields=["article"], update_fields=UPDATED_FIELDS
        )

    def optimize(self) -> None:
        """Tidy the index after a rebuild (merge segments, refresh statistics)."""

    def rebuild(
        self,
        *,
        progress: Callable[[int], None] | None = None,
        stop: Callable[[], bool] | None = None,
        restart: bool = False,
    ) -> Rebuilt:
        """Index every article again, in id order, one transaction per batch.

        Where it got to is kept in ``SearchRebuild`` after every batch, so an interrupted
        rebuild carries on from there when run again (``restart`` starts from the first
        article). The index stays usable throughout: rows are replaced, never emptied
        first. ``progress`` hears how many articles each batch covered; ``stop`` is asked
        before each batch whether to stop.
        """
        state = _rebuild_state(restart)
        report = Rebuilt(resumed_after=state.last_article_id)
        while not (stop and stop()):
            ids = list(
                Article.objects.filter(pk__gt=state.last_article_id)
                .order_by("pk")
                .values_list("pk", flat=True)[: self.batch_size]
            )
            if not ids:
                self._finish(state)
                report.finished = True
                break
            report.indexed += self._rebuild_batch(state, ids)
            report.seen += len(ids)
            if progress:
                progress(len(ids))
        return report

    def pending(self, *, restart: bool = False) -> int:
        """How many articles a rebuild (resumed, unless ``restart``) has still to look at."""
        state = None if restart else SearchRebuild.objects.order_by("pk").first()
        return Article.objects.filter(pk__gt=state.last_article_id if state else 0).count()

    @transaction.atomic
    def _rebuild_batch(self, state: SearchRebuild, ids: list[int]) -> int:
        articles = list(indexable().filter(pk__in=ids))
        in_batch = SearchEntry.objects.filter(
            article_id__gt=state.last_article_id, article_id__lte=ids[-1]
        )
        in_batch.exclude(article_id__in=[a.pk for a in articles]).delete()
        self.store(entries_for(articles))
        state.last_article_id = ids[-1]
        state.done += len(ids)
        state.save(update_fields=["last_article_id", "done"])
        return len(articles)

    def _finish(self, state: SearchRebuild) -> None:
        with transaction.atomic():
            SearchEntry.objects.filter(article_id__gt=state.last_article_id).delete()
            SearchRebuild.objects.all().delete()
        self.optimize()


def _rebuild_state(restart: bool) -> SearchRebuild:
    """The interrupted rebuild to carry on, or a new one."""
    state = SearchRebuild.objects.order_by("pk").first()
    if state is None or restart:
        SearchRebuild.objects.all().delete()
        state = SearchRebuild.objects.create(started_at=clock.now())
    return state
