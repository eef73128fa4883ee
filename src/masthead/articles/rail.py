"""The newest visible stories, which the You-missed rail of every page draws from.

Every page shows the same few newest stories, less those already on it, so each worker
reads them once and keeps them until the site changes: ``generation.changes()`` moves on
with every purge of the page cache (a story published, edited or withdrawn, a section
renamed, a picture replaced), in every worker. A scheduled story joins them when its time
comes without any change being made, so they are also read again from that moment on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from masthead.articles.models import Article
from masthead.core import clock, generation

# Enough for a page that already shows a handful of the newest stories (the home page
# shows eight) to find the rail's four among them.
KEEP = 16


@dataclass(frozen=True)
class _Held:
    version: str
    until: datetime | None  # the next scheduled publication when they were read
    stories: list[Article]


class Newest:
    """The newest ``KEEP`` visible stories with what a teaser needs, kept per worker."""

    def __init__(self) -> None:
        self._held: _Held | None = None
        self._lock = Lock()

    def __call__(self) -> list[Article]:
        version, now = generation.changes(), clock.now()
        held = self._held
        if held is None or held.version != version or (held.until and held.until <= now):
            held = _Held(version, _next_scheduled(now), _read(now))
            with self._lock:
                self._held = held
        return held.stories

    def forget(self) -> None:
        with self._lock:
            self._held = None


def _read(now: datetime) -> list[Article]:
    return list(Article.objects.published(now).teasers().newest_first()[:KEEP])


def _next_scheduled(now: datetime) -> datetime | None:
    times = Article.objects.scheduled(now).order_by("published_at")
    return times.values_list("published_at", flat=True).first()


newest = Newest()
