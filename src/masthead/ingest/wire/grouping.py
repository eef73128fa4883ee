"""Find the earlier story, from any feed, that tells the same news as a new one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from masthead.ingest.models import WireBand, WireItem
from masthead.ingest.wire.similarity import agreement, band_keys, similarity, unpack


@dataclass(frozen=True)
class Match:
    """The story a new one joins (the one that made the article) and how alike they are."""

    story: WireItem
    score: float


def same_news(
    sig: tuple[int, ...], figures: frozenset[str], *, since: datetime, threshold: float
) -> Match | None:
    """The best match at or above ``threshold`` among stories taken in ``since``, if any.

    A story's score is the similarity of the words times the agreement of the figures
    (``similarity.agreement``). One query: the stories sharing a band with ``sig``,
    with their signatures. A match that was itself grouped hands over the story it was
    grouped with, so every copy of the news points at the one story that was published.
    """
    candidates = (
        WireBand.objects.filter(key__in=band_keys(sig), item__seen_at__gte=since)
        .exclude(item__outcome=WireItem.Outcome.SKIPPED)
        .values("item_id")
    )
    best: Match | None = None
    rows = WireItem.objects.filter(pk__in=candidates).select_related("same_as__feed", "feed")
    for row in rows.only("signature", "figures", "same_as", "article", "title", "feed__name"):
        score = similarity(sig, unpack(row.signature))
        score *= agreement(figures, frozenset(row.figures.split()))
        if score >= threshold and (best is None or score > best.score):
            best = Match(row.same_as or row, score)
    return best
