"""What caches in front of the site are told: how long to keep a page, and its tags.

A page the page cache keeps is public: ``Cache-Control: public, max-age=…,
s-maxage=…, stale-while-revalidate=…, stale-if-error=…``, both ages cut short so no
copy outlives the next scheduled publication (nothing is purged when a story goes live
by the clock). ``Surrogate-Key`` (space-separated; Fastly, Varnish) and ``Cache-Tag``
(comma-separated; Cloudflare, Akamai) list its tags, unless ``CDN_TAG_HEADERS`` is off;
a purge of one of them (``purge``) drops the copies. Pages made for one reader stay
``private`` (the page cache's middleware says so).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from masthead.caching import pagecache, tags

# Past this, the tags are not listed (proxies refuse headers over 8 KB) and a shared cache
# keeps the page no longer than the page cache does.
MOST_HEADER_BYTES = 6000


def mark_public(request: HttpRequest, response: HttpResponse) -> None:
    """Add the CDN headers to ``response``, a page the page cache is about to keep."""
    browsers = pagecache.seconds_to_keep(response.status_code)
    shared = shared_seconds(request, response.status_code)
    patch_cache_control(
        response,
        public=True,
        max_age=browsers,
        s_maxage=shared,
        stale_while_revalidate=settings.CDN_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.CDN_STALE_IF_ERROR,
    )
    found = sorted(tags.collected(request))
    if settings.CDN_TAG_HEADERS and found and len(" ".join(found)) <= MOST_HEADER_BYTES:
        response["Surrogate-Key"] = " ".join(found)
        response["Cache-Tag"] = ",".join(found)


def shared_seconds(request: HttpRequest, status: int) -> int:
    """How long a shared cache may keep the page (s-maxage)."""
    too_many = len(" ".join(tags.collected(request))) > MOST_HEADER_BYTES
    if status == 404 or too_many or not settings.CDN_TAG_HEADERS:
        # Not purged by tag (too many to list, or not listed): kept as briefly as here.
        return pagecache.seconds_to_keep(status)
    return pagecache.cut_to_schedule(settings.CDN_SECONDS)
