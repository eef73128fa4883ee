"""Fixed-window rate limits kept in the cache (Redis in production, so every worker agrees).

With the embedded in-process cache each worker counts on its own: the limit then holds
per worker, which still stops a single client's flood on a laptop or a small site.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from masthead.core import clock

WINDOW = 60


def over_limit(kind: str, value: str, limit: int, *, window: int = WINDOW) -> bool:
    """Count one attempt by ``value`` (an IP, an email) and say whether it passes ``limit``."""
    if not value:
        return False
    slot = int(clock.now().timestamp()) // window
    digest = hashlib.sha256(value.lower().encode()).hexdigest()[:24]
    key = f"masthead:throttle:{kind}:{digest}:{slot}"
    cache.add(key, 0, window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window * 2)
        count = 1
    return count > limit
