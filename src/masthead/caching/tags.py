"""The tags of the page being made: which objects it shows, so a change purges it alone.

Views, context processors and template tags call ``add(request, "a:12", "s:3")`` where
they fetch what the page shows; the page cache stores the page with ``collected(request)``
and a purge of any of those tags drops it (``masthead.caching.store.purge``).

The set lives in the WSGI environ, which is ``request.META``, so the WSGI-level fast path
(``masthead.caching.fastpath``) reads it as well as the middleware does.
"""

from __future__ import annotations

from django.http import HttpRequest

ENVIRON_KEY = "masthead.cache_tags"


def add(request: HttpRequest, *tags: str) -> None:
    """Record that the page being made for ``request`` shows what ``tags`` name."""
    request.META.setdefault(ENVIRON_KEY, set()).update(tags)


def collected(request: HttpRequest) -> frozenset[str]:
    """Every tag recorded for ``request`` so far."""
    return frozenset(request.META.get(ENVIRON_KEY, ()))
