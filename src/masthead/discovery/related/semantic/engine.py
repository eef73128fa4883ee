"""How the semantic mode sees and scores articles: ``SemanticEngine`` (no database here).

An article's *passage* is its headline, its standfirst and the first ``words`` words of
its body; the model turns it into a unit vector, and two articles' text similarity is
the cosine of their vectors. The blend is the content engine's (``ListPolicy``): a
little for a shared section, scaled by how far apart the two were published, so scores
stay symmetric and publication can enter a new article into other lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from masthead.discovery.related.engine import Facts, ListPolicy
from masthead.discovery.related.semantic import model

if TYPE_CHECKING:
    from masthead.discovery.related.semantic.model import Embedding


class Space(Protocol):
    """Where the engine finds neighbours and facts: every embedding, held in memory."""

    def similarities(self, vector: Embedding, pks: Collection[int]) -> dict[int, float]:
        """The cosine between ``vector`` and each of ``pks`` that has an embedding."""
        ...

    def facts(self, pks: Collection[int]) -> dict[int, Facts]:
        """The facts of those of ``pks`` that are published (now or scheduled)."""
        ...

    def fillers(self, about: Facts, exclude: Collection[int], count: int) -> list[int]:
        """Up to ``count`` published articles to fill a short list: same section first."""
        ...


class SemanticEngine(ListPolicy):
    """The semantic policy; its knobs, like the blend's, can be set in ``OPTIONS``."""

    words = 200  # body words embedded after the headline and standfirst
    batch_size = 32  # passages per call to the model
    device: str | None = None  # "cpu", "cuda"…; None lets sentence-transformers choose

    # Text --------------------------------------------------------------------------------

    def passage(self, *, title: str, dek: str, body: str) -> str:
        """What is embedded: headline, standfirst and the start of the body (plain text).

        The model reads 256 word pieces at most, about 200 English words: more is cut.
        """
        opening = " ".join(body.split()[: self.words])
        return "\n".join(part for part in (title.strip(), dek.strip(), opening) if part)

    @staticmethod
    def digest(passage: str) -> str:
        """A fingerprint of the model and ``passage``: equal digests, equal embeddings."""
        return hashlib.sha1(f"{model.NAME}\n{passage}".encode(), usedforsecurity=False).hexdigest()

    def embed(self, passages: Sequence[str]) -> Embedding:
        """One unit vector per passage (a matrix with one row each)."""
        return model.encode(passages, batch_size=self.batch_size, device=self.device)

    # Ranking -----------------------------------------------------------------------------

    def rank(
        self,
        about: Facts,
        vector: Embedding,
        near: Mapping[int, float],
        space: Space,
        *,
        also: Collection[int] = (),
        fill: bool = True,
    ) -> list[tuple[int, float]]:
        """Every candidate for ``about``'s list as ``(pk, score)``, best first.

        ``near`` are ``about``'s nearest neighbours with their cosines (``candidates`` of
        them, from the space); ``also`` and ``fill`` work as in ``Engine.rank``. A cosine
        below zero counts as zero: unlike is unlike, whatever the sign.
        """
        cosines = {pk: cosine for pk, cosine in near.items() if pk != about.pk}
        cosines.update(space.similarities(vector, [pk for pk in also if pk not in cosines]))
        cosines.pop(about.pk, None)
        scored = self._score_all(about, cosines, space)
        if fill and len(scored) < self.keep:
            extra = space.fillers(about, {about.pk, *cosines}, self.keep - len(scored))
            found = space.similarities(vector, extra)
            scored += self._score_all(about, {pk: found.get(pk, 0.0) for pk in extra}, space)
        return sorted(scored, key=lambda pair: (pair[1], pair[0]), reverse=True)

    def _score_all(
        self, about: Facts, cosines: Mapping[int, float], space: Space
    ) -> list[tuple[int, float]]:
        if not cosines:
            return []
        return [
            (pk, self.blend(about, other, max(cosines.get(pk, 0.0), 0.0)))
            for pk, other in space.facts(list(cosines)).items()
            if other.family != about.family
        ]
