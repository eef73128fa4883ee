"""Which requests the page cache answers, under which key, and for how long.

One set of rules for both doors that serve cached pages: the WSGI-level fast path
(``masthead.caching.fastpath``, in front of Django in production) and the middleware
(``masthead.caching.middleware``, which does the work itself when there is no fast path,
as under Django's test client). Both read the WSGI environ, which is ``request.META``.

Pages are the same bytes for every reader: nothing personal is baked into them (the
comment form carries no per-reader token; see ``masthead.comments.origin``). Readers
with a session, or with one of ``PAGE_CACHE_SKIP_COOKIES`` or ``PAGE_CACHE_SKIP_PARAMS``,
get pages of their own. No page outlives the next scheduled publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import parse_cookie

from masthead.articles.models import Article
from masthead.caching import store
from masthead.core import clock, generation

NEXT_SCHEDULED_KEY = "masthead:next-scheduled:{generation}"

# The API sets its own Cache-Control for browsers and CDNs, counts every request against
# its rate limits, and answers tokens, which this cache cannot tell apart: it skips it.
# The icon and the health checks answer from memory: a cached copy would save nothing.
# Previews are never stored (no-store); skipping them saves the lookup. Browsers post
# CSP reports, which are never cached, but the endpoint is kept out all the same.
SKIP_PREFIXES = (
    "/admin/", "/api/", "/comments/", "/media/", "/static/", "/healthz", "/readyz",
    "/favicon.ico", "/preview/", "/csp-report/",
)  # fmt: skip

Environ = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rules:
    """The settings a lookup reads, read once: ``django.conf.settings`` costs a few
    microseconds an attribute, which the fast path would pay several times a hit."""

    enabled: bool
    session_cookie: str
    skip_cookies: tuple[str, ...]
    skip_params: tuple[str, ...]
    proxy_header: tuple[str, str] | None
    forwarded_host: bool

    @classmethod
    def from_settings(cls) -> Rules:
        backend = str(settings.CACHES["default"]["BACKEND"])
        return cls(
            enabled=settings.PAGE_CACHE_SECONDS > 0 and not backend.endswith("DummyCache"),
            session_cookie=settings.SESSION_COOKIE_NAME,
            skip_cookies=tuple(settings.PAGE_CACHE_SKIP_COOKIES),
            skip_params=tuple(settings.PAGE_CACHE_SKIP_PARAMS),
            proxy_header=settings.SECURE_PROXY_SSL_HEADER,
            forwarded_host=settings.USE_X_FORWARDED_HOST,
        )


_rules: Rules | None = None


def rules() -> Rules:
    global _rules
    if _rules is None:
        _rules = Rules.from_settings()
    return _rules


@receiver(setting_changed)
def _settings_changed(**kwargs: Any) -> None:
    global _rules
    _rules = None


def key_for_request(environ: Environ) -> str | None:
    """The cache key of the page asked for, or None when the cache must not answer."""
    now = rules()
    if not now.enabled or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    if path.startswith(SKIP_PREFIXES):
        return None
    cookies = _cookies(environ)
    if now.session_cookie in cookies or personal(environ, cookies):
        return None
    return store.key_for(_scheme(environ), _host(environ), path, environ.get("QUERY_STRING", ""))


def personal(environ: Environ, cookies: dict[str, str] | None = None) -> bool:
    """Whether the page is made for this reader (see ``PAGE_CACHE_SKIP_COOKIES``)."""
    now = rules()
    cookies = _cookies(environ) if cookies is None else cookies
    if cookies and any(name in cookies for name in now.skip_cookies):
        return True
    query = environ.get("QUERY_STRING", "")
    if not query or not any(name in query for name in now.skip_params):
        return False
    asked = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
    return any(name in asked for name in now.skip_params)


def _cookies(environ: Environ) -> dict[str, str]:
    header = environ.get("HTTP_COOKIE", "")
    return parse_cookie(header) if header else {}


def _scheme(environ: Environ) -> str:
    """As ``HttpRequest.scheme`` finds it: HTTPS answers carry other headers (HSTS)."""
    proxy = rules().proxy_header
    if proxy:
        header, secure = proxy
        sent = environ.get(header)
        if sent is not None:
            return "https" if sent.split(",", 1)[0].strip() == secure else "http"
    return str(environ.get("wsgi.url_scheme", "http"))


def _host(environ: Environ) -> str:
    """The host as asked for; a page is only ever stored after Django accepted it."""
    if rules().forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        return str(environ["HTTP_X_FORWARDED_HOST"])
    return str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))


def seconds_to_keep(status: int) -> int:
    """How long to keep a page: PAGE_CACHE_SECONDS ("not found": far less), cut short
    so no page outlives the next scheduled publication."""
    limit: int = settings.PAGE_CACHE_SECONDS
    if status == 404:
        # Kept briefly: enough for a burst at a broken link, too short for a crawl of
        # made-up URLs to fill the cache.
        limit = min(limit, settings.PAGE_CACHE_404_SECONDS)
    return cut_to_schedule(limit)


def cut_to_schedule(limit: int) -> int:
    """``limit`` seconds, or as many as are left until the next scheduled publication."""
    now = clock.now().timestamp()
    key = NEXT_SCHEDULED_KEY.format(generation=generation.current())
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
        keep = settings.PAGE_CACHE_SECONDS
        cache.set(key, upcoming, min(keep, int(upcoming - now)) if upcoming else keep)
    if upcoming:
        limit = min(limit, int(upcoming - now))
    return max(limit, 0)


def forget_next_scheduled() -> None:
    """Look for the next scheduled publication again (one was scheduled or moved)."""
    cache.delete(NEXT_SCHEDULED_KEY.format(generation=generation.current()))
