"""Embed what changed and compute every list: ``masthead related rebuild`` in semantic mode.

Two stages, each in batches that commit one at a time:

1. **embed**: read every published article's passage and embed those whose digest
   differs from the stored one (new, edited since, or embedded by another model). This
   is the slow part, about 25 articles a second on two CPU cores; it commits every
   ``embed_batch`` articles so that a Ctrl-C is answered within seconds.
2. **lists**: hold every embedding in memory (``EmbeddingSpace``) and compute every list,
   the nearest neighbours of a whole batch in one matrix product.

Resumable like the content engine's rebuild: embeddings are kept as their batch commits
and a rerun skips them by digest; lists computed after the run began (``RebuildRun``)
are not computed again.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import numpy as np
from django.db import transaction

from masthead.articles.models import Article
from masthead.core import clock
from masthead.core.text import plain_text
from masthead.discovery.models import IndexedArticle
from masthead.discovery.related import index
from masthead.discovery.related.rebuild import BATCH_SIZE, Step, current_run
from masthead.discovery.related.semantic.engine import SemanticEngine
from masthead.discovery.related.semantic.vectors import EmbeddingSpace, store, stored_digests

STAGES = ("embed", "lists")


class SemanticRebuild:
    """One rebuild in the semantic mode, new or continued; ``steps()`` does the work.

    ``done`` counts the articles embedded, those ``unchanged`` (not embedded again) and
    the lists computed.
    """

    embed_batch = 250  # articles per transaction while embedding: about 10 s on two cores

    def __init__(
        self, *, engine: SemanticEngine, batch_size: int = BATCH_SIZE, restart: bool = False
    ) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.run, self.resumed = current_run(restart=restart)
        self.finished = False
        self.done = {"embed": 0, "unchanged": 0, "lists": 0}

    def steps(self) -> Generator[Step, None, None]:
        """Run the stages, yielding after every committed batch."""
        if not self.resumed:
            index.delete_unpublished()
        yield from self._embed()
        yield from self._lists()
        self._finish()

    def _embed(self) -> Iterator[Step]:
        pks = list(
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        known = stored_digests()
        seen = 0
        for batch in index.chunks(pks, min(self.batch_size, self.embed_batch)):
            passages = self._passages(batch)
            digests = {pk: self.engine.digest(text) for pk, text in passages.items()}
            todo = [pk for pk in passages if known.get(pk) != digests[pk]]
            vectors = self.engine.embed([passages[pk] for pk in todo]) if todo else ()
            now = clock.now()
            with transaction.atomic():
                store({pk: (digests[pk], vector) for pk, vector in zip(todo, vectors, strict=True)})
                IndexedArticle.objects.bulk_create(
                    [IndexedArticle(article_id=pk, indexed_at=now) for pk in passages],
                    update_conflicts=True, unique_fields=["article"], update_fields=["indexed_at"],
                )  # fmt: skip
            self.done["embed"] += len(todo)
            self.done["unchanged"] += len(passages) - len(todo)
            seen += len(batch)
            yield Step("embed", seen, len(pks))

    def _lists(self) -> Iterator[Step]:
        todo = index.awaiting_lists(self.run.started_at)
        if not todo:
            return
        # A space of its own, with every fact in memory; the process's shared one reads
        # facts from the database, as publication needs.
        space = EmbeddingSpace().sync().load_facts()
        for batch in index.chunks(todo, self.batch_size):
            lists = self._rank(batch, space)
            index.replace_lists(list(lists), lists)
            self.done["lists"] += len(batch)
            yield Step("lists", self.done["lists"], len(todo))

    def _rank(self, batch: list[int], space: EmbeddingSpace) -> dict[int, list[tuple[int, float]]]:
        """The lists of those of ``batch`` that are published and embedded."""
        vectors = {pk: vector for pk in batch if (vector := space.vector(pk)) is not None}
        facts = space.facts(list(vectors))
        pks = [pk for pk in vectors if pk in facts]
        if not pks:
            return {}
        nearest = space.nearest(np.stack([vectors[pk] for pk in pks]), self.engine.candidates + 1)
        return {
            pk: self.engine.rank(facts[pk], vectors[pk], near, space)[: self.engine.keep]
            for pk, near in zip(pks, nearest, strict=True)
        }

    def _finish(self) -> None:
        with transaction.atomic():
            self.run.delete()
        index.refresh_statistics()
        self.finished = True

    def _passages(self, batch: list[int]) -> dict[int, str]:
        """What the model reads of each of the articles ``batch``."""
        rows = Article.objects.filter(pk__in=batch).order_by()
        return {
            pk: self.engine.passage(title=title, dek=dek, body=plain_text(html))
            for pk, title, dek, html in rows.values_list("pk", "title", "dek", "body_html")
        }
