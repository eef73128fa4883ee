"""How related articles are scored: the ``Engine`` policy and its knobs (no database here).

An article is a *vector*: its strongest terms (words, CJK bigrams, ``#<tag id>``) mapped
to TF-IDF weights, scaled to length one. Two articles' text similarity is the dot product
of their vectors (the cosine), between 0 and 1. The engine then adds a little for a shared
section and scales by how far apart in time the two were published::

    relevance = cosine(a, b) + same_category (or same_section) + baseline
    score     = relevance × recency(|a.published_at − b.published_at|) [× other_language]

Every part is symmetric, so ``score(a, b) == score(b, a)``: when a new article finds an
older one among its best matches, the older one would have scored it the same, which is
what lets publication enter the new article into other lists without recomputing them.

Finding candidates uses an inverted index (a ``Candidates`` source: the database, or the
whole index in memory during a rebuild): the article's ``query_terms`` strongest terms are
looked up, reading at most ``postings_per_term`` articles per term, strongest first (a
term in thousands of articles is weak evidence, and its strongest users are its best
witnesses). The ``candidates`` best partial sums are then scored exactly.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from masthead.discovery.related.text import Weights, is_tag

Vector = dict[int, float]  # term id → weight, the vector's length is one


@dataclass(frozen=True, slots=True)
class Facts:
    """What scoring needs to know about an article besides its terms."""

    pk: int
    published_at: datetime
    category_id: int
    section_id: int  # the top-level section: the category itself or its parent
    language: str  # the primary language subtag ("zh" for "zh-Hans"), "" when unknown
    family: int  # the original's id for a translation, else the article's own


class Candidates(Protocol):
    """Where the engine reads the index: the database, or memory during a rebuild."""

    def postings(self, terms: Sequence[int], per_term: int) -> Iterable[tuple[int, int, float]]:
        """``(term, article, weight)`` for the ``per_term`` heaviest articles of each term."""
        ...

    def vectors(self, pks: Collection[int]) -> dict[int, Vector]:
        """The stored vectors of the articles ``pks`` that have one."""
        ...

    def facts(self, pks: Collection[int]) -> dict[int, Facts]:
        """The facts of those of ``pks`` that are published (now or scheduled)."""
        ...

    def fillers(self, about: Facts, exclude: Collection[int], count: int) -> list[int]:
        """Up to ``count`` published articles to fill a short list: same section first."""
        ...


class ListPolicy:
    """What every stored-lists engine shares: list sizes, and the section and time blend.

    ``blend`` turns a text similarity into a score; how the similarity is measured (TF-IDF
    terms here, sentence embeddings in ``semantic``) is the subclass's business. Every knob
    can be set in ``MASTHEAD_RELATED`` ``OPTIONS``. The defaults suit a newsroom: a list
    draws on the whole archive, prefers stories from around the same time, and lets a
    shared section tip the balance between equals.
    """

    candidates = 80  # best text matches scored exactly
    keep = 10  # links stored per article: a page shows 3 to 6, the rest are spares
    refill_below = 6  # a list that falls under this many links is recomputed
    same_category = 0.08
    same_section = 0.04  # a sibling subsection, or a subsection and its parent
    baseline = 0.01  # so that unrelated fillers still rank by time
    half_life_days = 365.0  # the time apart at which recency counts half as much ...
    recency_floor = 0.5  # ... of the part of the score that recency may take away
    other_language = 0.5  # factor for a story in another language

    def __init__(self, **knobs: Any) -> None:
        for name, value in knobs.items():
            if name.startswith("_") or not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} has no knob {name!r}")
            setattr(self, name, value)

    def blend(self, a: Facts, b: Facts, similarity: float) -> float:
        """The score of ``a`` and ``b`` whose texts are ``similarity`` alike (0 to 1)."""
        relevance = similarity + self.baseline
        if a.category_id == b.category_id:
            relevance += self.same_category
        elif a.section_id == b.section_id:
            relevance += self.same_section
        if a.language and b.language and a.language != b.language:
            relevance *= self.other_language
        return relevance * self.recency(a.published_at, b.published_at)

    def recency(self, first: datetime, second: datetime) -> float:
        """A factor from 1 (published together) down towards ``recency_floor``."""
        days = abs((first - second).total_seconds()) / 86400
        decay = 0.5 ** (days / self.half_life_days)
        return self.recency_floor + (1 - self.recency_floor) * decay


class Engine(ListPolicy):
    """The content engine: TF-IDF vectors found through an inverted index.

    Its own knobs say how an article becomes a vector and how candidates are found; the
    list sizes and the blend are ``ListPolicy``'s.
    """

    weights = Weights()  # title 3×, standfirst 2×, body 1×, each tag 3× (see ``text``)
    terms_kept = 30  # strongest words stored per article (tags are always kept)
    query_terms = 10  # strongest terms looked up to find candidates
    postings_per_term = 200  # articles read per looked-up term, heaviest first

    # Weights -----------------------------------------------------------------------------

    def weigh(
        self, counts: Mapping[str, int], frequencies: Mapping[str, int], documents: int
    ) -> dict[str, float]:
        """The article's vector by token: TF-IDF of its strongest words and its tags.

        ``counts`` are the article's weighted token counts (``text.document``),
        ``frequencies`` how many of the ``documents`` indexed articles use each token.
        """
        raw = {
            token: (1 + math.log(count)) * self.idf(frequencies.get(token, 0), documents)
            for token, count in counts.items()
            if count > 0
        }
        words = [token for token in raw if not is_tag(token)]
        kept = heapq.nlargest(self.terms_kept, words, key=raw.__getitem__)
        kept += [token for token in raw if is_tag(token)]
        norm = math.sqrt(sum(raw[token] ** 2 for token in kept)) or 1.0
        return {token: raw[token] / norm for token in kept}

    @staticmethod
    def idf(frequency: int, documents: int) -> float:
        """Smoothed inverse document frequency: rare terms weigh more, none weighs zero."""
        return math.log((documents + 1) / (frequency + 1)) + 1

    # Scores ------------------------------------------------------------------------------

    def score(self, a: Facts, va: Vector, b: Facts, vb: Vector) -> float:
        """How related ``a`` and ``b`` are; the same whichever way round."""
        small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
        cosine = sum(weight * large[term] for term, weight in small.items() if term in large)
        return self.blend(a, b, cosine)

    # Ranking -----------------------------------------------------------------------------

    def rank(
        self,
        about: Facts,
        vector: Vector,
        source: Candidates,
        *,
        also: Collection[int] = (),
        fill: bool = True,
    ) -> list[tuple[int, float]]:
        """Every candidate for ``about``'s list as ``(pk, score)``, best first.

        The first ``keep`` are its list; the rest were scored too, which lets publication
        offer ``about`` to their lists. ``also`` adds articles to score whatever the index
        says (the ones that link to ``about`` now, when it is edited). With ``fill``, a
        short list is topped up from the same section, then from anywhere.
        """
        chosen = self._shortlist(about, vector, source) | set(also)
        chosen.discard(about.pk)
        scored = self._score_all(about, vector, chosen, source)
        if fill and len(scored) < self.keep:
            extra = source.fillers(about, {about.pk, *chosen}, self.keep - len(scored))
            scored += self._score_all(about, vector, extra, source)
        return sorted(scored, key=lambda pair: (pair[1], pair[0]), reverse=True)

    def query(self, vector: Vector) -> list[int]:
        """The terms looked up to find candidates: the article's strongest."""
        return heapq.nlargest(self.query_terms, vector, key=vector.__getitem__)

    def _shortlist(self, about: Facts, vector: Vector, source: Candidates) -> set[int]:
        partial: dict[int, float] = {}
        for term, pk, weight in source.postings(self.query(vector), self.postings_per_term):
            partial[pk] = partial.get(pk, 0.0) + vector[term] * weight
        partial.pop(about.pk, None)
        return set(heapq.nlargest(self.candidates, partial, key=partial.__getitem__))

    def _score_all(
        self, about: Facts, vector: Vector, pks: Collection[int], source: Candidates
    ) -> list[tuple[int, float]]:
        if not pks:
            return []
        facts = source.facts(pks)
        vectors = source.vectors(list(facts))
        return [
            (pk, self.score(about, vector, other, vectors.get(pk, {})))
            for pk, other in facts.items()
            if other.family != about.family
        ]
