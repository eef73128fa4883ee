"""Embeddings in the database (``ArticleEmbedding``) and in memory (``EmbeddingSpace``).

Nearest neighbours are found by brute force: the article's vector times a matrix of every
stored embedding, best cosines first. The matrix takes 384 float32 per article, 1.5 KB:
7.5 MB for 5,000 articles, 150 MB for 100,000, and one search over 100,000 rows takes
about 5 ms (a rebuild searches for 256 articles at once, about 1 ms each). That suits
the optional mode up to some 100,000 articles; beyond, an approximate nearest-neighbour
index would be the next step.

Each process that publishes keeps one space (``shared()``) and brings it up to date
before every use: one query reads every ``(article, digest)`` pair and only the vectors
whose digest changed are fetched, so a space never serves a vector that another
process replaced, deleted or rolled back. Reading a stored list needs no space at all.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

import numpy as np

from masthead.articles.models import Article
from masthead.core import clock
from masthead.discovery.models import ArticleEmbedding
from masthead.discovery.related import index
from masthead.discovery.related.engine import Facts
from masthead.discovery.related.semantic import model

if TYPE_CHECKING:
    from masthead.discovery.related.semantic.model import Embedding

QUERIES = 256  # query vectors multiplied at once: 100,000 × 256 cosines is 100 MB
FIRST_CAPACITY = 1024


def to_bytes(vector: Embedding) -> bytes:
    """The stored form of a vector: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> Embedding:
    """A vector from its stored form."""
    return np.frombuffer(bytes(data), dtype="<f4").astype(np.float32)


def store(rows: Mapping[int, tuple[str, Embedding]]) -> None:
    """Save ``article → (digest, vector)`` for many articles, replacing what they had."""
    now = clock.now()
    embeddings = [
        ArticleEmbedding(
            article_id=pk, model=model.NAME, digest=digest, vector=to_bytes(vector),
            computed_at=now,
        )
        for pk, (digest, vector) in rows.items()
    ]  # fmt: skip
    ArticleEmbedding.objects.bulk_create(
        embeddings, update_conflicts=True, unique_fields=["article"],
        update_fields=["model", "digest", "vector", "computed_at"],
    )  # fmt: skip


def stored_digests() -> dict[int, str]:
    """``article → digest`` of every embedding made by the current model."""
    rows = ArticleEmbedding.objects.filter(model=model.NAME).order_by()
    return dict(rows.values_list("article_id", "digest").iterator(chunk_size=10_000))


class EmbeddingSpace:
    """Every stored embedding in one matrix: a ``Space`` for ``SemanticEngine.rank``.

    Facts are read from the database, or from memory once ``load_facts`` has run (a
    rebuild, which asks for the facts of every article).
    """

    def __init__(self) -> None:
        self._matrix: Embedding = np.zeros((0, model.DIMENSIONS), dtype=np.float32)
        self._owner = np.zeros(0, dtype=np.int64)  # slot → article pk; 0 is a free slot
        self._used = 0  # slots ever handed out: the rows that take part in a search
        self._slots: dict[int, int] = {}
        self._digests: dict[int, str] = {}
        self._free: list[int] = []
        self._facts: dict[int, Facts] | None = None
        self._database = index.DatabaseIndex()
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._slots)

    # Keeping up with the database ----------------------------------------------------------

    def sync(self) -> EmbeddingSpace:
        """Catch up with the stored embeddings: drop the deleted, fetch the changed."""
        stored = stored_digests()
        with self._lock:
            for pk in self._digests.keys() - stored.keys():
                self.drop(pk)
            changed = [pk for pk, digest in stored.items() if self._digests.get(pk) != digest]
            for batch in index.chunks(changed):
                rows = ArticleEmbedding.objects.filter(article_id__in=batch).order_by()
                for pk, digest, data in rows.values_list("article_id", "digest", "vector"):
                    self.put(pk, digest, from_bytes(data))
        return self

    def load_facts(self) -> EmbeddingSpace:
        """Hold the facts of every published article in memory (for a rebuild)."""
        rows = Article.objects.filter(status=Article.Status.PUBLISHED).order_by()
        self._facts = index.facts_from(rows.values_list(*index.FACT_FIELDS).iterator(10_000))
        return self

    def put(self, pk: int, digest: str, vector: Embedding) -> None:
        """Hold ``vector`` as article ``pk``'s embedding (``digest`` says of which text)."""
        with self._lock:
            slot = self._slots.get(pk)
            if slot is None:
                slot = self._free.pop() if self._free else self._new_slot()
                self._slots[pk] = slot
                self._owner[slot] = pk
            self._matrix[slot] = vector
            self._digests[pk] = digest

    def drop(self, pk: int) -> None:
        """Forget article ``pk``'s embedding; its slot is reused."""
        with self._lock:
            slot = self._slots.pop(pk, None)
            self._digests.pop(pk, None)
            if slot is not None:
                self._matrix[slot] = 0
                self._owner[slot] = 0
                self._free.append(slot)

    def _new_slot(self) -> int:
        if self._used == len(self._matrix):  # full: grow by half, copying once
            capacity = max(FIRST_CAPACITY, len(self._matrix) * 3 // 2)
            matrix = np.zeros((capacity, model.DIMENSIONS), dtype=np.float32)
            matrix[: self._used] = self._matrix[: self._used]
            owner = np.zeros(capacity, dtype=np.int64)
            owner[: self._used] = self._owner[: self._used]
            self._matrix, self._owner = matrix, owner
        self._used += 1
        return self._used - 1

    # Reading -------------------------------------------------------------------------------

    def digest(self, pk: int) -> str | None:
        """The digest of the text behind article ``pk``'s embedding, if it has one."""
        return self._digests.get(pk)

    def vector(self, pk: int) -> Embedding | None:
        """Article ``pk``'s embedding (a copy), if it has one."""
        slot = self._slots.get(pk)
        return None if slot is None else self._matrix[slot].copy()

    def nearest(self, vectors: Embedding, count: int) -> list[dict[int, float]]:
        """For each row of ``vectors``, the ``count`` articles most like it, with cosines."""
        live = self._owner[: self._used] != 0
        count = min(count, int(live.sum()))
        if count == 0:
            return [{} for _ in range(len(vectors))]
        found: list[dict[int, float]] = []
        matrix = self._matrix[: self._used]
        for start in range(0, len(vectors), QUERIES):
            # One row per query, so that each partial sort runs along contiguous memory.
            cosines = vectors[start : start + QUERIES] @ matrix.T
            if not live.all():
                cosines[:, ~live] = -np.inf
            best = np.argpartition(cosines, -count, axis=1)[:, -count:]
            for row, slots in enumerate(best):
                pks = self._owner[slots].tolist()
                found.append(dict(zip(pks, cosines[row, slots].tolist(), strict=True)))
        return found

    def similarities(self, vector: Embedding, pks: Collection[int]) -> dict[int, float]:
        """The cosine between ``vector`` and each of ``pks`` that has an embedding."""
        held = [pk for pk in pks if pk in self._slots]
        if not held:
            return {}
        cosines = self._matrix[[self._slots[pk] for pk in held]] @ vector
        return dict(zip(held, cosines.tolist(), strict=True))

    def facts(self, pks: Collection[int]) -> dict[int, Facts]:
        if self._facts is None:
            return self._database.facts(pks)
        return {pk: self._facts[pk] for pk in pks if pk in self._facts}

    def fillers(self, about: Facts, exclude: Collection[int], count: int) -> list[int]:
        return self._database.fillers(about, exclude, count)


@functools.cache
def _space() -> EmbeddingSpace:
    return EmbeddingSpace()


def shared() -> EmbeddingSpace:
    """This process's space, brought up to date with the database (loaded the first time)."""
    return _space().sync()
