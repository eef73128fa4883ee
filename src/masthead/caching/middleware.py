"""The page cache inside Django: decides what is kept, and serves it where no fast path does.

In production the WSGI-level fast path (``masthead.caching.fastpath``) answers hits before
Django is reached and stores whole answers on the way out; this middleware then only says
whether the answer may be kept, for how long and with which tags, by leaving a mark in
the environ. Without the fast path (Django's test client, another WSGI server setup) it
looks pages up and stores them itself, in the same store, by the same rules.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from masthead.caching import cdn, pagecache, store, tags
from masthead.core import clock

# The fast path's marks in the environ: that it is in front, and what to store.
FAST_PATH = "masthead.fastpath"
KEEP = "masthead.page_cache.keep"
# Headers never kept with a page: they belong to the reader it was first made for, or
# describe one sending of it. The fast path (caching/fastpath.py) keeps every other header.
PRIVATE_HEADERS = frozenset({"set-cookie", "x-page-cache", "content-length"})
# Without the fast path a kept page is replayed inside Django's stack, whose middleware
# outside this one writes these afresh on every answer (the policy in
# masthead.config.security.AreaPolicy, vary by whoever replays), so they are not kept either.
REWRITTEN_ON_REPLAY = frozenset({"vary", "content-security-policy"})


class PageCacheMiddleware:
    """Whole-page cache for readers without a session; placed after CsrfViewMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = pagecache.key_for_request(request.META)
        if key is None:
            response = self.get_response(request)
            if pagecache.personal(request.META):
                # This reader's copy is theirs alone (their details, their held comment).
                patch_cache_control(response, private=True)
            return response
        behind_fast_path = FAST_PATH in request.META
        if not behind_fast_path:
            page = store.get(key)
            if page is not None:
                return replay(page)
        response = self.get_response(request)
        if self._cacheable(request, response):
            cdn.mark_public(request, response)  # for caches in front: ages and tags
            timeout = pagecache.seconds_to_keep(response.status_code)
            if timeout > 0 and behind_fast_path:
                request.META[KEEP] = (timeout, tags.collected(request))
            elif timeout > 0:
                store.put(key, self._page(request, response, timeout))
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _page(request: HttpRequest, response: HttpResponse, timeout: int) -> store.Page:
        dropped = PRIVATE_HEADERS | REWRITTEN_ON_REPLAY
        headers = [(k, v) for k, v in response.items() if k.lower() not in dropped]
        return store.Page(
            status=response.status_code,
            headers=headers,
            body=response.content,
            expires=clock.now().timestamp() + timeout,
            tags=tags.collected(request),
        )

    @staticmethod
    def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            # A page with a CSP nonce would be replayed under a policy with another one
            # (or none), and its inline style or script refused: such pages are not kept.
            not getattr(request, "csp_nonce", None)
            and response.status_code in (200, 301, 404)
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


def replay(page: store.Page) -> HttpResponse:
    """A stored page as a Django response (the middleware outside adds its headers)."""
    response = HttpResponse(page.body, status=page.status)
    for name, value in page.headers:
        response[name] = value
    if page.etag:
        response["ETag"] = page.etag
    response["Content-Length"] = str(len(page.body))
    response["X-Page-Cache"] = "hit"
    return response
