"""Serve anonymous GET requests from the page cache."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

from masthead.caching import pagecache
from masthead.core import generation

# The API sets its own Cache-Control for browsers and CDNs, counts every request against
# its rate limits, and answers tokens, which this cache cannot tell apart: it skips it.
# The icon and the health checks answer from memory: a cached copy would save nothing.
# Previews are never stored (no-store); skipping them saves the lookup. Browsers post
# CSP reports, which are never cached, but the endpoint is kept out all the same.
SKIP_PREFIXES = (
    "/admin/", "/api/", "/comments/", "/media/", "/static/", "/healthz", "/readyz",
    "/favicon.ico", "/preview/", "/csp-report/",
)  # fmt: skip
# Headers that belong to one reader's response, never to a shared copy. The policy is
# written afresh on every response, replays included, by the middleware outside this one
# (masthead.config.security.AreaPolicy).
PRIVATE_HEADERS = {"set-cookie", "vary", "content-security-policy"}


class PageCacheMiddleware:
    """Whole-page cache for readers without a session; placed after CsrfViewMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if self._personal(request):
                # This reader's copy is theirs alone (their details, their held comment).
                patch_cache_control(response, private=True)
            return response
        gen = generation.current()
        key = pagecache.page_key(gen, request.get_host(), request.get_full_path())
        hit = pagecache.load(key)
        if hit is not None:
            return self._replay(request, *hit)
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            timeout = pagecache.seconds_to_keep(gen)
            if response.status_code == 404:
                # Kept briefly: enough for a burst at a broken link, too short for a crawl
                # of made-up URLs to fill the cache.
                timeout = min(timeout, settings.PAGE_CACHE_404_SECONDS)
            if timeout > 0:
                headers = {
                    k: v for k, v in response.headers.items() if k.lower() not in PRIVATE_HEADERS
                }
                pagecache.store(key, response.status_code, headers, response.content, timeout)
        response["X-Page-Cache"] = "miss"
        return response

    def _replay(
        self, request: HttpRequest, status: int, headers: dict, body: bytes
    ) -> HttpResponse:
        content = body
        if pagecache.PLACEHOLDER in body:
            content = pagecache.thaw(body, get_token(request))
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIP_PREFIXES)
            and not PageCacheMiddleware._personal(request)
        )

    @staticmethod
    def _personal(request: HttpRequest) -> bool:
        """Whether the page is made for this reader (see ``PAGE_CACHE_SKIP_COOKIES``)."""
        return any(name in request.COOKIES for name in settings.PAGE_CACHE_SKIP_COOKIES) or any(
            name in request.GET for name in settings.PAGE_CACHE_SKIP_PARAMS
        )

    @staticmethod
    def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            # A page with a CSP nonce would be replayed under a policy with another one
            # (or none), and its inline style or script refused: such pages are not kept.
            not getattr(request, "csp_nonce", None)
            and response.status_code in (200, 301, 404)
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
