"""``SemanticLists``: related posts by sentence embeddings, read like ``StoredLists``.

This module imports neither numpy nor torch: a site configured for the semantic mode
without its extra still starts far enough for the system check (``masthead.E002``) to
say what to install, and every method that computes raises ``ExtraMissing`` with the
same command.
"""

from __future__ import annotations

from typing import Any

from masthead.articles.models import Article
from masthead.discovery.related.backend import BaseStoredLists
from masthead.discovery.related.rebuild import BATCH_SIZE, Job
from masthead.discovery.related.semantic import model
from masthead.discovery.related.semantic.engine import SemanticEngine


class SemanticLists(BaseStoredLists):
    """Lists computed from sentence embeddings; ``OPTIONS`` set the ``SemanticEngine`` knobs.

    Reading is ``BaseStoredLists.related``: one query on ``RelatedLink``, as with the
    content engine. Computing needs ``pip install "masthead[semantic]"``.
    """

    engine_class = SemanticEngine
    engine: SemanticEngine
    extra = model.EXTRA

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.engine = self.engine_class(**options)

    @classmethod
    def missing_packages(cls) -> list[str]:
        return model.missing()

    def refresh(self, article: Article) -> None:
        model.require()
        from masthead.discovery.related.semantic import upkeep

        upkeep.refresh_article(article=article, engine=self.engine)

    def withdraw(self, article: Article) -> None:
        model.require()
        from masthead.discovery.related.semantic import upkeep

        upkeep.withdraw_article(article=article, engine=self.engine)

    def relist(self, pk: int) -> list[tuple[int, float]]:
        model.require()
        from masthead.discovery.related.semantic import upkeep

        return upkeep.relist(pk=pk, engine=self.engine)

    def rebuild(self, *, batch_size: int = BATCH_SIZE, restart: bool = False) -> Job:
        model.require()
        from masthead.discovery.related.semantic.rebuild import SemanticRebuild

        return SemanticRebuild(engine=self.engine, batch_size=batch_size, restart=restart)
