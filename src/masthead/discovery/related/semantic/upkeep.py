"""Keep the semantic lists fresh: what publication, an edit and withdrawal do.

The same moves as the content engine's ``related.upkeep``, with an embedding in place of
terms, inside the publishing transaction:

- ``refresh_article``: embed the article if its passage changed (an edit to its tags or
  section embeds nothing), store its list, and offer it to the lists of the articles it
  scored (``upkeep.offer``: scores are symmetric here too).
- ``withdraw_article``: delete its embedding, its list and every link to it; lists left
  with fewer than ``refill_below`` links are recomputed.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db import transaction

from masthead.articles.models import Article
from masthead.core import clock
from masthead.core.text import plain_text
from masthead.discovery.models import ArticleEmbedding, IndexedArticle, RelatedLink
from masthead.discovery.related import index, upkeep
from masthead.discovery.related.semantic.engine import SemanticEngine
from masthead.discovery.related.semantic.vectors import EmbeddingSpace, shared, store

if TYPE_CHECKING:
    from masthead.discovery.related.semantic.model import Embedding

Ranked = list[tuple[int, float]]


@transaction.atomic
def refresh_article(*, article: Article, engine: SemanticEngine) -> Ranked:
    """Embed ``article``, store its list and offer it to others' lists; return its list."""
    was_indexed = IndexedArticle.objects.filter(article_id=article.pk).exists()
    # When an edit changes the text, the articles that list it must hear its new score.
    linking = upkeep.linking_to(article.pk) if was_indexed else []
    space = shared()
    vector = embed_article(article=article, engine=engine, space=space)
    facts = space.facts([article.pk]).get(article.pk)
    if facts is None:  # not published after all: nothing to list
        return []
    near = space.nearest(vector[None, :], engine.candidates + 1)[0]
    ranked = engine.rank(facts, vector, near, space, also=linking)
    index.store_list(article.pk, ranked[: engine.keep])
    upkeep.mark_listed(article.pk)
    upkeep.offer(pk=article.pk, ranked=ranked, engine=engine)
    return ranked[: engine.keep]


def embed_article(*, article: Article, engine: SemanticEngine, space: EmbeddingSpace) -> Embedding:
    """The embedding of ``article`` as saved, computed and stored only if its text changed."""
    passage = engine.passage(
        title=article.title, dek=article.dek, body=plain_text(article.body_html)
    )
    digest = engine.digest(passage)
    vector = space.vector(article.pk)
    if vector is None or space.digest(article.pk) != digest:
        vector = engine.embed([passage])[0]
        store({article.pk: (digest, vector)})
        space.put(article.pk, digest, vector)
    return vector


@transaction.atomic
def withdraw_article(*, article: Article, engine: SemanticEngine) -> None:
    """Take ``article`` out of the space and out of every list, and refill short lists."""
    for model, column in (
        (ArticleEmbedding, "article_id"), (IndexedArticle, "article_id"),
        (RelatedLink, "source_id"),
    ):  # fmt: skip
        index.delete_where(model, column, [article.pk])
    sources = upkeep.linking_to(article.pk)
    index.delete_where(RelatedLink, "target_id", [article.pk])
    refill(sources=sources, engine=engine)


def refill(*, sources: Collection[int], engine: SemanticEngine) -> None:
    """Recompute the lists among ``sources`` that have fewer than ``refill_below`` links."""
    short = upkeep.short_lists(sources, engine.refill_below)
    if short:
        space = shared()
        for pk in short:
            relist(pk=pk, engine=engine, space=space)


def relist(*, pk: int, engine: SemanticEngine, space: EmbeddingSpace | None = None) -> Ranked:
    """Recompute and store the list of the indexed article ``pk``.

    An article indexed by the content engine before the switch to this mode (and not yet
    rebuilt) is embedded there and then.
    """
    if space is None:
        space = shared()
    facts = space.facts([pk]).get(pk)
    if facts is None:
        return []
    vector = space.vector(pk)
    if vector is None:
        vector = embed_article(article=Article.objects.get(pk=pk), engine=engine, space=space)
    near = space.nearest(vector[None, :], engine.candidates + 1)[0]
    ranked = engine.rank(facts, vector, near, space)[: engine.keep]
    index.store_list(pk, ranked)
    IndexedArticle.objects.filter(article_id=pk).update(listed_at=clock.now())
    return ranked
