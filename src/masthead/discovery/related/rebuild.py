"""Recompute the whole index and every list: ``masthead related rebuild``.

Three stages, each in batches that commit one at a time:

1. **count**: read every published article and count, for each term, how many use it
   (IDF needs the whole site's counts before any weight is right). The counts are
   written at the end of the stage, in one transaction.
2. **terms**: compute and store each article's vector with those counts.
3. **lists**: load the index into memory (``MemoryIndex``) and compute every list.

A ``RebuildRun`` row remembers the run. Interrupted, a rerun continues it: the counts are
kept once written, and an article whose terms (or list) were stored after the run began
is not done again. Publication carries on meanwhile; an article published during a
rebuild has its terms and list computed by publication, after the run began, so the
rebuild leaves it alone.

    job = Rebuild(engine=Engine())
    for step in job.steps():
        print(step.stage, step.done, step.total)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction

from masthead.articles.models import Article
from masthead.articles.models.article import ArticleQuerySet
from masthead.core import clock
from masthead.discovery.models import ArticleTerm, IndexedArticle, RebuildRun, Term
from masthead.discovery.related import index
from masthead.discovery.related.engine import Engine, Vector
from masthead.discovery.related.memory import MemoryIndex

BATCH_SIZE = 1000
STAGES = ("count", "terms", "lists")


@dataclass(frozen=True)
class Step:
    """Progress: ``done`` of ``total`` articles through ``stage`` (committed)."""

    stage: str
    done: int
    total: int


class Job(Protocol):
    """A rebuild, whichever engine's: what ``masthead related rebuild`` runs and reports."""

    resumed: bool  # an interrupted run was continued
    finished: bool
    done: dict[str, int]  # articles through each stage, by stage name

    def steps(self) -> Generator[Step, None, None]: ...


def current_run(*, restart: bool) -> tuple[RebuildRun, bool]:
    """The unfinished run to continue (``True``), or a new one (``False``)."""
    if restart:
        RebuildRun.objects.all().delete()
    run = RebuildRun.objects.order_by("pk").first()
    if run is not None:
        return run, True
    return RebuildRun.objects.create(started_at=clock.now()), False


class Rebuild:
    """One rebuild, new or continued; ``steps()`` does the work."""

    def __init__(self, *, engine: Engine, batch_size: int = BATCH_SIZE, restart: bool = False):
        self.engine = engine
        self.batch_size = batch_size
        self.run, self.resumed = current_run(restart=restart)
        self.finished = False
        self.done = dict.fromkeys(STAGES, 0)

    def steps(self) -> Generator[Step, None, None]:
        """Run the stages, yielding after every committed batch."""
        if not self.resumed:
            index.delete_unpublished()
        if not self.run.counted:
            yield from self._count()
        yield from self._terms()
        yield from self._lists()
        self._finish()

    # Stages ------------------------------------------------------------------------------

    def _count(self) -> Iterator[Step]:
        pks = list(_published().values_list("pk", flat=True))
        frequencies: Counter[str] = Counter()
        for batch in index.chunks(pks, self.batch_size):
            for counts in self._documents(batch).values():
                frequencies.update(counts.keys())
            self.done["count"] += len(batch)
            yield Step("count", self.done["count"], len(pks))
        with transaction.atomic():
            Term.objects.update(articles=0)
            index.set_counts({**frequencies, index.DOCUMENTS: len(pks)})
            self.run.counted = True
            self.run.save(update_fields=["counted"])

    def _terms(self) -> Iterator[Step]:
        fresh = IndexedArticle.objects.filter(indexed_at__gte=self.run.started_at)
        todo = list(
            _published().exclude(pk__in=fresh.values("article_id")).values_list("pk", flat=True)
        )
        known = {
            text: (pk, n) for text, pk, n in Term.objects.values_list("text", "pk", "articles")
        }
        for batch in index.chunks(todo, self.batch_size):
            documents = self._documents(batch)
            unknown = {token for counts in documents.values() for token in counts} - known.keys()
            if unknown:  # words of an article edited since the count
                index.ensure_terms(unknown)
                known.update(index.terms(unknown))
            vectors = {pk: self._vector(counts, known) for pk, counts in documents.items()}
            now = clock.now()
            with transaction.atomic():
                index.delete_where(ArticleTerm, "article_id", batch)
                index.insert_vectors(vectors)
                IndexedArticle.objects.bulk_create(
                    [IndexedArticle(article_id=pk, indexed_at=now) for pk in batch],
                    update_conflicts=True, unique_fields=["article"], update_fields=["indexed_at"],
                )  # fmt: skip
            self.done["terms"] += len(batch)
            yield Step("terms", self.done["terms"], len(todo))

    def _lists(self) -> Iterator[Step]:
        todo = index.awaiting_lists(self.run.started_at)
        if not todo:
            return
        memory = MemoryIndex.load(self.engine.postings_per_term)
        for batch in index.chunks(todo, self.batch_size):
            lists: dict[int, list[tuple[int, float]]] = {}
            for pk in batch:
                facts = memory.facts([pk]).get(pk)
                if facts is not None:
                    ranked = self.engine.rank(facts, memory.vector(pk), memory)
                    lists[pk] = ranked[: self.engine.keep]
            index.replace_lists(batch, lists)
            self.done["lists"] += len(batch)
            yield Step("lists", self.done["lists"], len(todo))

    def _finish(self) -> None:
        with transaction.atomic():
            index.delete_unused_terms()
            self.run.delete()
        index.refresh_statistics()
        self.finished = True

    # Helpers -----------------------------------------------------------------------------

    def _documents(self, batch: list[int]) -> dict[int, Counter[str]]:
        """The weighted token counts of the articles ``batch``."""
        return index.documents_of(batch, self.engine.weights)

    def _vector(self, counts: Counter[str], known: dict[str, tuple[int, int]]) -> Vector:
        frequencies = {token: known[token][1] for token in counts}
        documents = known.get(index.DOCUMENTS, (0, 0))[1]
        weights = self.engine.weigh(counts, frequencies, documents)
        return {known[token][0]: weight for token, weight in weights.items()}


def _published() -> ArticleQuerySet:
    return Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")
