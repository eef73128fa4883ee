"""The whole index in memory, for ``masthead related rebuild``.

Computing 100,000 lists one query at a time would spend most of its time on round trips,
so a rebuild reads the index once (about 70 bytes per stored term) and ranks from memory.
It answers exactly like ``index.DatabaseIndex``, so a rebuilt list equals the list that
publication would have computed.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator, Sequence

from django.db import connection

from masthead.articles.models import Article
from masthead.discovery.models import ArticleTerm
from masthead.discovery.related import index
from masthead.discovery.related.engine import Facts, Vector

FETCH = 10_000  # rows per round trip while loading


class MemoryIndex:
    """A ``Candidates`` source holding postings, vectors and facts in memory."""

    def __init__(self, per_term: int) -> None:
        self.per_term = per_term
        self._postings: dict[int, list[tuple[int, float]]] = {}
        self._vectors: dict[int, tuple[array[int], array[float]]] = {}
        self._facts: dict[int, Facts] = {}
        self._database = index.DatabaseIndex()

    @classmethod
    def load(cls, per_term: int) -> MemoryIndex:
        """Read every published article's facts and stored terms."""
        memory = cls(per_term)
        rows = Article.objects.filter(status=Article.Status.PUBLISHED).order_by()
        memory._facts = index.facts_from(rows.values_list(*index.FACT_FIELDS).iterator(FETCH))
        memory._load_postings()
        memory._load_vectors()
        return memory

    def _load_postings(self) -> None:
        # Only the heaviest ``per_term`` of each term are ever read: rank them in SQL.
        sql = (
            "SELECT term_id, article_id, weight FROM (SELECT term_id, article_id, weight, "  # noqa: S608
            "ROW_NUMBER() OVER (PARTITION BY term_id ORDER BY weight DESC) AS n "
            f"FROM {index.table(ArticleTerm)}) AS ranked WHERE n <= %s"
        )
        for term, pk, weight in _stream(sql, [self.per_term]):
            self._postings.setdefault(term, []).append((pk, weight))
        for postings in self._postings.values():
            postings.sort(key=lambda posting: -posting[1])

    def _load_vectors(self) -> None:
        sql = f"SELECT article_id, term_id, weight FROM {index.table(ArticleTerm)}"  # noqa: S608
        for pk, term, weight in _stream(sql, []):
            if pk not in self._vectors:
                self._vectors[pk] = (array("q"), array("d"))
            terms, weights = self._vectors[pk]
            terms.append(term)
            weights.append(weight)

    def postings(self, terms: Sequence[int], per_term: int) -> Iterator[tuple[int, int, float]]:
        for term in terms:
            for pk, weight in self._postings.get(term, ())[:per_term]:
                yield term, pk, weight

    def vectors(self, pks: Collection[int]) -> dict[int, Vector]:
        return {pk: dict(zip(*self._vectors[pk], strict=True)) for pk in pks if pk in self._vectors}

    def vector(self, pk: int) -> Vector:
        """The stored vector of ``pk`` (empty when it has no terms)."""
        return self.vectors([pk]).get(pk, {})

    def facts(self, pks: Collection[int]) -> dict[int, Facts]:
        return {pk: self._facts[pk] for pk in pks if pk in self._facts}

    def fillers(self, about: Facts, exclude: Collection[int], count: int) -> list[int]:
        return self._database.fillers(about, exclude, count)


def _stream(sql: str, params: list[int]) -> Iterator[tuple[int, int, float]]:
    # A chunked cursor is a server-side cursor on PostgreSQL: rows arrive as they are read.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH):
            yield from rows
