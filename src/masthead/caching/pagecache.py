"""Whole-page caching for anonymous readers, safe with forms that carry a CSRF token.

A cached page is stored with its CSRF token replaced by a placeholder; each reader gets
the placeholder swapped for a token of their own, so the comment form keeps working
from a cached page. Pages are stored under the current *generation*, which moves on at
every content change, and never longer than until the next scheduled article goes live.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache

from masthead.articles.models import Article
from masthead.core import clock

NEXT_SCHEDULED_KEY = "masthead:next-scheduled:{generation}"
PLACEHOLDER = b"__MASTHEAD_CSRF_TOKEN__"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')


def page_key(gen: str, host: str, full_path: str) -> str:
    """The cache key of one page: hashed, so long or odd URLs make short, safe keys."""
    digest = hashlib.sha256(f"{host}\n{full_path}".encode()).hexdigest()[:40]
    return f"masthead:page:{gen}:{digest}"


def seconds_to_keep(gen: str) -> int:
    """PAGE_CACHE_SECONDS, cut short so no page outlives the next scheduled publication."""
    limit: int = settings.PAGE_CACHE_SECONDS
    now = clock.now().timestamp()
    key = NEXT_SCHEDULED_KEY.format(generation=gen)
    upcoming: float | None = cache.get(key)
    if upcoming is None or 0 < upcoming <= now:
        # Unknown, or the article it named has just gone live: look again.
        nxt: datetime | None = (
            Article.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        upcoming = nxt.timestamp() if nxt else 0.0
        cache.set(key, upcoming, min(limit, int(upcoming - now)) if upcoming else limit)
    if upcoming:
        limit = min(limit, int(upcoming - now))
    return max(limit, 0)


def freeze(content: bytes) -> bytes:
    """Replace the reader's CSRF token in ``content`` with the placeholder."""
    return _TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\3", content)


def thaw(content: bytes, token: str) -> bytes:
    """Put ``token`` where the placeholder stands."""
    return content.replace(PLACEHOLDER, token.encode("ascii"))


def store(key: str, status: int, headers: dict[str, Any], content: bytes, timeout: int) -> None:
    """Keep a page for ``timeout`` seconds, by the cache and by our own clock alike."""
    expires = clock.now().timestamp() + timeout
    cache.set(key, (expires, status, headers, freeze(content)), timeout)


def load(key: str) -> tuple[int, dict[str, Any], bytes] | None:
    """The stored page under ``key``, unless its time is up.

    The expiry is checked here as well as by the cache backend, so a page never outlives
    a scheduled publication even when the backend's clock and ours disagree.
    """
    hit = cache.get(key)
    if hit is None or hit[0] <= clock.now().timestamp():
        return None
    _, status, headers, content = hit
    return status, headers, content
