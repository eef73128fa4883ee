"""The inverted index in the database: terms and their counts, vectors, facts and links.

Everything here is one query (or one statement per chunk of values) and knows nothing
about scoring; ``upkeep`` and ``rebuild`` put the pieces together. A few writes are raw
SQL: counting a term in or out must be atomic in the database (``articles + 1``), and
deleting through the ORM would fetch every row first to send ``post_delete`` signals.
Their table names come from the models and every value is a parameter, hence the
``noqa: S608`` (bandit cannot tell a quoted table name from user input).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model, Q

from masthead.articles.models import Article, Category
from masthead.core import clock
from masthead.core.text import plain_text
from masthead.discovery.models import (
    ArticleEmbedding,
    ArticleTerm,
    IndexedArticle,
    RelatedLink,
    Term,
)
from masthead.discovery.related.engine import Facts, Vector
from masthead.discovery.related.text import Weights, document

DOCUMENTS = ""  # the term counted in every document: its count is N
CHUNK = 500  # values per statement, well under every database's parameter limit
FACT_FIELDS = (
    "pk", "status", "published_at", "category_id", "category__parent_id", "language",
    "translation_of_id",
)  # fmt: skip

T = TypeVar("T")


def chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``values`` in lists of at most ``size``."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# Documents ---------------------------------------------------------------------------------


def counts_of(article: Article, weights: Weights) -> Counter[str]:
    """The weighted token counts of ``article`` as saved (its tags are read: one query)."""
    tag_ids = article.tags.values_list("pk", flat=True)
    return document(
        title=article.title, dek=article.dek, body=plain_text(article.body_html),
        tag_ids=tag_ids, weights=weights,
    )  # fmt: skip


def documents_of(pks: Collection[int], weights: Weights) -> dict[int, Counter[str]]:
    """The weighted token counts of the articles ``pks`` as saved (two queries)."""
    tags = tag_ids_of(pks)
    rows = Article.objects.filter(pk__in=list(pks)).order_by()
    return {
        pk: document(title=title, dek=dek, body=plain_text(html), tag_ids=tags[pk], weights=weights)
        for pk, title, dek, html in rows.values_list("pk", "title", "dek", "body_html")
    }


def tag_ids_of(pks: Collection[int]) -> dict[int, list[int]]:
    """The tag ids of each of the articles ``pks``, in one query."""
    found: dict[int, list[int]] = {pk: [] for pk in pks}
    links = Article.tags.through.objects.filter(article_id__in=list(pks))
    for article_id, tag_id in links.values_list("article_id", "tag_id"):
        found[article_id].append(tag_id)
    return found


# Terms -------------------------------------------------------------------------------------


def terms(texts: Collection[str]) -> dict[str, tuple[int, int]]:
    """``text → (term id, articles)`` for those of ``texts`` the index knows."""
    found: dict[str, tuple[int, int]] = {}
    for batch in chunks(texts):
        rows = Term.objects.filter(text__in=batch).values_list("text", "pk", "articles")
        found.update((text, (pk, count)) for text, pk, count in rows)
    return found


def count_in(texts: Collection[str], by: int = 1) -> None:
    """Count one more indexed article (``by`` more) as using each of ``texts``, and in N."""
    _upsert(sorted({*texts, DOCUMENTS}), f"{table(Term)}.articles + EXCLUDED.articles", by)


def count_many(users: Mapping[str, int], documents: int) -> None:
    """Count ``documents`` more indexed articles, ``users[text]`` of them using ``text``."""
    counts = {**users, DOCUMENTS: users.get(DOCUMENTS, 0) + documents}
    add = f"{table(Term)}.articles + EXCLUDED.articles"
    for batch in chunks(sorted(counts)):  # sorted: see ``_upsert``
        values = ", ".join(["(%s, %s)"] * len(batch))
        params = [item for text in batch for item in (text, counts[text])]
        _execute(
            f"INSERT INTO {table(Term)} (text, articles) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (text) DO UPDATE SET articles = {add}",
            params,
        )


def set_counts(counts: dict[str, int]) -> None:
    """Make the counts of ``counts``' terms exactly these (a rebuild's recount)."""
    for batch in chunks(sorted(counts)):
        values = ", ".join(["(%s, %s)"] * len(batch))
        params = [item for text in batch for item in (text, counts[text])]
        _execute(
            f"INSERT INTO {table(Term)} (text, articles) VALUES {values} "  # noqa: S608
            "ON CONFLICT (text) DO UPDATE SET articles = EXCLUDED.articles",
            params,
        )


def ensure_terms(texts: Collection[str]) -> None:
    """Make sure every one of ``texts`` has a term row (new words in an edit count zero)."""
    _upsert(sorted(texts), None, 0)


def count_out(texts: Collection[str]) -> None:
    """Count one indexed article fewer as using each of ``texts``, and in N (never below 0)."""
    for batch in chunks(sorted({*texts, DOCUMENTS})):
        marks = ", ".join(["%s"] * len(batch))
        _execute(
            f"UPDATE {table(Term)} SET articles = CASE WHEN articles > 0 THEN articles - 1 "  # noqa: S608
            f"ELSE 0 END WHERE text IN ({marks})",
            batch,
        )


def _upsert(texts: Sequence[str], increment: str | None, by: int) -> None:
    # Sorted texts take row locks in the same order, so concurrent publications on
    # PostgreSQL wait for each other instead of deadlocking.
    action = f"DO UPDATE SET articles = {increment}" if increment else "DO NOTHING"
    for batch in chunks(texts):
        values = ", ".join(["(%s, %s)"] * len(batch))
        params = [item for text in batch for item in (text, by)]
        _execute(
            f"INSERT INTO {table(Term)} (text, articles) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (text) {action}",
            params,
        )


def _execute(sql: str, params: Sequence[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# Vectors -----------------------------------------------------------------------------------


def store_vector(pk: int, vector: Vector) -> None:
    """Replace the stored terms of article ``pk`` with ``vector``."""
    delete_where(ArticleTerm, "article_id", [pk])
    ArticleTerm.objects.bulk_create(
        ArticleTerm(article_id=pk, term_id=term, weight=weight) for term, weight in vector.items()
    )


def insert_vectors(vectors: dict[int, Vector]) -> None:
    """Store the terms of many articles that have none stored (a rebuild's batch)."""
    rows = [(pk, term, weight) for pk, vector in vectors.items() for term, weight in vector.items()]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table(ArticleTerm)} (article_id, term_id, weight) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )


def delete_where(model: type[Model], column: str, values: Collection[int]) -> None:
    """``DELETE FROM model WHERE column IN values``, without fetching the rows first."""
    for batch in chunks(values):
        marks = ", ".join(["%s"] * len(batch))
        _execute(f"DELETE FROM {table(model)} WHERE {column} IN ({marks})", batch)  # noqa: S608


def delete_unpublished() -> None:
    """Drop the terms, embeddings, entries and links of every article that is not published."""
    hidden = f"(SELECT id FROM {table(Article)} WHERE status <> %s)"  # noqa: S608
    for model, column in (
        (ArticleTerm, "article_id"), (ArticleEmbedding, "article_id"),
        (IndexedArticle, "article_id"), (RelatedLink, "source_id"), (RelatedLink, "target_id"),
    ):  # fmt: skip
        _execute(
            f"DELETE FROM {table(model)} WHERE {column} IN {hidden}",  # noqa: S608
            [Article.Status.PUBLISHED],
        )


def delete_unused_terms() -> None:
    """Drop the terms no indexed article uses or stores (words edited away, say)."""
    _execute(
        f"DELETE FROM {table(Term)} WHERE articles = 0 AND NOT EXISTS "  # noqa: S608
        f"(SELECT 1 FROM {table(ArticleTerm)} WHERE term_id = {table(Term)}.id)",
        [],
    )


def refresh_statistics() -> None:
    """Tell PostgreSQL's planner about the rows a rebuild wrote (SQLite plans without)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            table(model) for model in (Term, ArticleTerm, IndexedArticle, RelatedLink)
        )
        _execute(f"ANALYZE {tables}", [])


# Facts -------------------------------------------------------------------------------------


def facts_from(rows: Iterable[tuple[Any, ...]]) -> dict[int, Facts]:
    """``Facts`` from ``FACT_FIELDS`` rows, keeping published articles only."""
    found = {}
    for pk, status, published_at, category_id, parent_id, language, original in rows:
        if status != Article.Status.PUBLISHED or published_at is None:
            continue
        found[pk] = Facts(
            pk=pk, published_at=published_at, category_id=category_id,
            section_id=parent_id or category_id, language=language.split("-")[0].lower(),
            family=original or pk,
        )  # fmt: skip
    return found


class DatabaseIndex:
    """The ``Candidates`` source that reads the database (publication, reading pages)."""

    def postings(self, terms: Sequence[int], per_term: int) -> list[tuple[int, int, float]]:
        if not terms:
            return []
        # One statement, one short index range scan per term, strongest first; the
        # subqueries are wrapped because SQLite allows no LIMIT in a compound's parts.
        part = (
            f"SELECT * FROM (SELECT term_id, article_id, weight FROM {table(ArticleTerm)} "  # noqa: S608
            "WHERE term_id = %s ORDER BY weight DESC LIMIT %s) AS p{n}"
        )
        sql = " UNION ALL ".join(part.format(n=n) for n in range(len(terms)))
        with connection.cursor() as cursor:
            cursor.execute(sql, [item for term in terms for item in (term, per_term)])
            return list(cursor.fetchall())

    def vectors(self, pks: Collection[int]) -> dict[int, Vector]:
        found: dict[int, Vector] = {}
        for batch in chunks(pks):
            rows = ArticleTerm.objects.filter(article_id__in=batch).values_list(
                "article_id", "term_id", "weight"
            )
            for pk, term, weight in rows:
                found.setdefault(pk, {})[term] = weight
        return found

    def facts(self, pks: Collection[int]) -> dict[int, Facts]:
        found: dict[int, Facts] = {}
        for batch in chunks(pks):
            # By primary key and unordered: SQLite then never walks a date index instead.
            rows = Article.objects.filter(pk__in=batch).order_by().values_list(*FACT_FIELDS)
            found.update(facts_from(rows))
        return found

    def fillers(self, about: Facts, exclude: Collection[int], count: int) -> list[int]:
        visible = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
            pk__in=list(exclude)
        )
        sections = Category.objects.filter(Q(pk=about.section_id) | Q(parent_id=about.section_id))
        found: list[int] = []
        for pool in (visible.filter(category_id__in=sections.values("pk")), visible):
            if len(found) >= count:
                break
            newest = pool.exclude(pk__in=found).order_by("-published_at", "-pk")
            found += list(newest.values_list("pk", flat=True)[: count - len(found)])
        return found


# Links -------------------------------------------------------------------------------------


def store_list(pk: int, ranked: Sequence[tuple[int, float]]) -> None:
    """Replace the stored list of article ``pk`` with ``ranked`` ``(target, score)`` pairs."""
    delete_where(RelatedLink, "source_id", [pk])
    RelatedLink.objects.bulk_create(
        RelatedLink(source_id=pk, target_id=target, score=score) for target, score in ranked
    )


def awaiting_lists(since: datetime) -> list[int]:
    """Indexed articles whose list has not been computed since ``since`` (a rebuild's start)."""
    stale = Q(listed_at__isnull=True) | Q(listed_at__lt=since)
    return list(
        IndexedArticle.objects.filter(stale).order_by("article_id")
        .values_list("article_id", flat=True)
    )  # fmt: skip


def replace_lists(sources: list[int], lists: Mapping[int, Sequence[tuple[int, float]]]) -> None:
    """Replace the stored lists of ``sources`` with ``lists`` and mark them computed now.

    One transaction: a rebuild's batch. A source missing from ``lists`` is left listless.
    """
    with transaction.atomic():
        delete_where(RelatedLink, "source_id", sources)
        insert_lists(lists)
        IndexedArticle.objects.filter(article_id__in=sources).update(listed_at=clock.now())


def insert_lists(lists: Mapping[int, Sequence[tuple[int, float]]]) -> None:
    """Store the lists of many articles that have none stored (a rebuild's batch)."""
    rows = [(pk, target, score) for pk, ranked in lists.items() for target, score in ranked]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table(RelatedLink)} (source_id, target_id, score) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )
