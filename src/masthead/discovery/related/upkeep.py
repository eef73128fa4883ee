"""Keep the stored lists fresh: what publication, an edit and withdrawal do.

These are the engine's state changes, called by ``receivers`` inside the transaction
that publishes or withdraws the article (so a rolled-back publication leaves no trace),
and by the read path for an article whose list is missing.

- ``refresh_article``: (re)compute the article's terms and its list, and offer it to the
  lists of the articles it scored: it enters each one where it beats the weakest stored
  link (or where the list has room), and that list's weakest link drops out.
- ``refresh_articles``: the same for many articles written together (an import's
  batch): their words are counted and stored together, each is ranked seeing the
  others, and each is offered to the lists it scored.
- ``withdraw_article``: drop its terms and list and delete every link pointing at it in
  one statement; a list left with fewer than ``refill_below`` links is recomputed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from django.db import transaction
from django.db.models import Count

from masthead.articles.models import Article
from masthead.core import clock
from masthead.discovery.models import ArticleTerm, IndexedArticle, RelatedLink
from masthead.discovery.related import index
from masthead.discovery.related.engine import Engine, ListPolicy, Vector

Ranked = list[tuple[int, float]]


@transaction.atomic
def refresh_article(*, article: Article, engine: Engine) -> Ranked:
    """Index ``article``, store its list and offer it to others' lists; return its list."""
    was_indexed = IndexedArticle.objects.filter(article_id=article.pk).exists()
    # When an edit changes the words, the articles that list it must hear its new score.
    linking = linking_to(article.pk) if was_indexed else []
    vector = index_article(article=article, engine=engine, count=not was_indexed)
    source = index.DatabaseIndex()
    facts = source.facts([article.pk]).get(article.pk)
    if facts is None:  # not published after all: nothing to list
        return []
    ranked = engine.rank(facts, vector, source, also=linking)
    index.store_list(article.pk, ranked[: engine.keep])
    mark_listed(article.pk)
    offer(pk=article.pk, ranked=ranked, engine=engine)
    return ranked[: engine.keep]


@transaction.atomic
def refresh_articles(*, pks: Collection[int], engine: Engine) -> None:
    """``refresh_article`` for each published article among ``pks``, the writes done together.

    Each article's terms are weighed with the counts of the whole batch (one publication
    after another weighs each with the counts so far: IDF hardly notices the difference).
    """
    source = index.DatabaseIndex()
    facts = source.facts(pks)
    if not facts:
        return
    batch = sorted(facts)
    was_indexed = set(
        IndexedArticle.objects.filter(article_id__in=batch).values_list("article_id", flat=True)
    )
    linking: dict[int, list[int]] = {}
    for source_id, target_id in RelatedLink.objects.filter(
        target_id__in=list(was_indexed)
    ).values_list("source_id", "target_id"):
        linking.setdefault(target_id, []).append(source_id)
    vectors = _index_many(batch, was_indexed, engine)
    ranked = {
        pk: engine.rank(facts[pk], vectors[pk], source, also=linking.get(pk, ())) for pk in batch
    }
    index.delete_where(RelatedLink, "source_id", batch)
    index.insert_lists({pk: found[: engine.keep] for pk, found in ranked.items()})
    mark_listed(*batch)
    for pk in batch:
        offer(pk=pk, ranked=ranked[pk], engine=engine)


def _index_many(batch: list[int], was_indexed: set[int], engine: Engine) -> dict[int, Vector]:
    """Count the new articles of ``batch`` in, and store every one's vector."""
    documents = index.documents_of(batch, engine.weights)
    new = [pk for pk in batch if pk not in was_indexed]
    index.count_many(Counter(text for pk in new for text in documents[pk]), len(new))
    index.ensure_terms({text for pk in was_indexed for text in documents[pk]})
    known = index.terms(
        {text for counts in documents.values() for text in counts} | {index.DOCUMENTS}
    )
    frequencies = {text: n for text, (_, n) in known.items()}
    total = known.get(index.DOCUMENTS, (0, 0))[1]
    vectors = {}
    for pk, counts in documents.items():
        weights = engine.weigh(counts, frequencies, total)
        vectors[pk] = {known[text][0]: weight for text, weight in weights.items()}
    index.delete_where(ArticleTerm, "article_id", batch)
    index.insert_vectors(vectors)
    return vectors


def linking_to(pk: int) -> list[int]:
    """The articles whose stored lists hold article ``pk``."""
    return list(RelatedLink.objects.filter(target_id=pk).values_list("source_id", flat=True))


def mark_listed(*pks: int) -> None:
    """Record that the articles ``pks`` were indexed and listed just now."""
    now = clock.now()
    IndexedArticle.objects.bulk_create(
        [IndexedArticle(article_id=pk, indexed_at=now, listed_at=now) for pk in pks],
        update_conflicts=True, unique_fields=["article"], update_fields=["indexed_at", "listed_at"],
    )  # fmt: skip


def index_article(*, article: Article, engine: Engine, count: bool) -> Vector:
    """Compute and store the vector of ``article``; ``count`` it in the term counts if new.

    An edit does not count the article again: the words it lost stay counted and the
    words it gained count zero until the next rebuild, a drift IDF hardly notices.
    """
    counts = index.counts_of(article, engine.weights)
    if count:
        index.count_in(counts)
    else:
        index.ensure_terms(counts)
    known = index.terms([*counts, index.DOCUMENTS])
    documents = known.get(index.DOCUMENTS, (0, 0))[1]
    weights = engine.weigh(counts, {text: n for text, (_, n) in known.items()}, documents)
    vector = {known[text][0]: weight for text, weight in weights.items()}
    index.store_vector(article.pk, vector)
    return vector


def offer(*, pk: int, ranked: Sequence[tuple[int, float]], engine: ListPolicy) -> None:
    """Enter article ``pk`` into the lists of the ``ranked`` articles where it belongs.

    Scores are symmetric, so ``ranked`` already holds what each of those articles would
    score ``pk``. An article whose own list has not been computed yet is left alone.
    """
    scores = dict(ranked)
    listed = list(
        IndexedArticle.objects.filter(article_id__in=list(scores), listed_at__isnull=False)
        .order_by()
        .values_list("article_id", flat=True)
    )
    current: dict[int, list[tuple[int, int, float]]] = {source: [] for source in listed}
    rows = RelatedLink.objects.filter(source_id__in=listed).values_list(
        "pk", "source_id", "target_id", "score"
    )
    for link, source, target, score in rows:
        current[source].append((link, target, score))
    added, dropped, changed = [], [], []
    # In source order, so concurrent publications lock rows in the same order.
    for source, links in sorted(current.items()):
        score = scores[source]
        mine = [link for link in links if link[1] == pk]
        if mine:
            if mine[0][2] != score:
                changed.append(RelatedLink(pk=mine[0][0], score=score))
            continue
        weakest = min(links, key=lambda link: (link[2], link[1]), default=None)
        if len(links) < engine.keep or (weakest and score > weakest[2]):
            added.append(RelatedLink(source_id=source, target_id=pk, score=score))
            if weakest and len(links) >= engine.keep:
                dropped.append(weakest[0])
    index.delete_where(RelatedLink, "id", dropped)
    RelatedLink.objects.bulk_create(added)
    RelatedLink.objects.bulk_update(changed, ["score"])


@transaction.atomic
def withdraw_article(*, article: Article, engine: Engine) -> None:
    """Take ``article`` out of the index and out of every list, and refill short lists."""
    if IndexedArticle.objects.filter(article_id=article.pk).exists():
        index.count_out(index.counts_of(article, engine.weights))
    for model, column in (
        (ArticleTerm, "article_id"), (IndexedArticle, "article_id"), (RelatedLink, "source_id"),
    ):  # fmt: skip
        index.delete_where(model, column, [article.pk])
    sources = linking_to(article.pk)
    index.delete_where(RelatedLink, "target_id", [article.pk])
    refill(sources=sources, engine=engine)


def refill(*, sources: Collection[int], engine: Engine) -> None:
    """Recompute the lists among ``sources`` that have fewer than ``refill_below`` links."""
    for pk in short_lists(sources, engine.refill_below):
        relist(pk=pk, engine=engine)


def short_lists(sources: Collection[int], below: int) -> list[int]:
    """Those of ``sources`` whose stored lists have fewer than ``below`` links."""
    if not sources:
        return []
    sizes = dict(
        RelatedLink.objects.filter(source_id__in=list(sources))
        .values("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    return [pk for pk in sources if sizes.get(pk, 0) < below]


def relist(*, pk: int, engine: Engine) -> Ranked:
    """Recompute and store the list of the indexed article ``pk`` from its stored terms."""
    source = index.DatabaseIndex()
    facts = source.facts([pk]).get(pk)
    if facts is None:
        return []
    ranked = engine.rank(facts, source.vectors([pk]).get(pk, {}), source)[: engine.keep]
    index.store_list(pk, ranked)
    IndexedArticle.objects.filter(article_id=pk).update(listed_at=clock.now())
    return ranked
