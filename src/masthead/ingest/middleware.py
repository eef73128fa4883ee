"""Old addresses answer 301 with the new home of what they showed.

They come from an imported WordPress site, and from stories whose address changed after
publication (a new slug or day; ``receivers.remember_old_address`` records those).

Two kinds of old address reach us: WordPress's query links (``/?p=42``, ``/?page_id=7``,
``/?cat=3``), which are checked before the view (the home page would otherwise answer
them), and old permalink paths, which are checked only when the site answers 404, so a
page that exists is never shadowed and only a miss costs a lookup. The middleware sits
outside the page cache, so it also sees the 404s the cache replays.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from masthead.ingest.redirects import QUERY_LINKS, new_url


class LegacyRedirectMiddleware:
    """Answer old addresses recorded by an import with a permanent redirect."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path == "/" and request.GET:
            for name in QUERY_LINKS:
                value = request.GET.get(name, "")
                if value.isdigit():
                    target = new_url(f"/?{name}={int(value)}")
                    if target:
                        return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = new_url(request.path)
            if target and target != request.path:
                return HttpResponsePermanentRedirect(target)
        return response
