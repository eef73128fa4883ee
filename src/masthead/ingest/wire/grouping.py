"""Find the earlier story, from any feed, that tells the same news as a new one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

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
    (``similarity.agreement``). One query reads the stories sharing at least two bands
    with ``sig`` (their signatures and figures), a second the winner, if any. A match that was
    itself grouped hands over the story it was grouped with, so every copy of the news
    points at the one story that was published.
    """
    # Skipped stories have no buckets; grouped ones do (a third copy may match the second).
    candidates = (
        WireBand.objects.filter(key__in=band_keys(sig), seen_at__gte=since)
        .values("item_id")
        .annotate(shared=Count("id"))
        .filter(shared__gte=2)
        .values("item_id")
    )
    # Plain rows, not model instances: a busy desk gives hundreds of candidates.
    rows = WireItem.objects.filter(pk__in=candidates).values_list(
        "pk", "same_as_id", "signature", "figures"
    )
    best: tuple[float, int] | None = None
    for pk, same_as, signature, cited in rows.iterator(chunk_size=500):
        score = similarity(sig, unpack(signature))
        if score < threshold:
            continue  # agreement can only lower the score: no need to read the figures
        score *= agreement(figures, frozenset(cited.split()))
        if score >= threshold and (best is None or score > best[0]):
            best = (score, same_as or pk)
    if best is None:
        return None
    story = WireItem.objects.select_related("feed").get(pk=best[1])
    return Match(story, best[0])


def forget_before(moment: datetime) -> int:
    """Drop the buckets of stories taken in before ``moment``; how many went.

    Call it with the start of the comparison window (``masthead ingest`` does after each
    pass): older stories can no longer be matched, so their buckets are dead weight.
    """
    deleted, _ = WireBand.objects.filter(seen_at__lt=moment).delete()
    return deleted
