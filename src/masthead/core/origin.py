"""Refusing forms posted from other sites without a per-reader token.

A page that carries a CSRF token is one reader's page: it cannot be cached for everyone,
served as a file, or kept by a CDN. Forms on public pages (the comment form) carry no
token; their posts are checked by what browsers say of where a request comes from:

1. ``Sec-Fetch-Site`` (every current browser sends it): ``same-origin`` or ``none`` (the
   reader's own action) pass; ``same-site`` and ``cross-site`` are refused.
2. Otherwise ``Origin`` (sent with every cross-origin POST by browsers since 2020): it must
   be this site's own origin, or one of ``CSRF_TRUSTED_ORIGINS``; ``null`` is refused.
3. Otherwise ``Referer``, when sent, must be this site's own page.
4. A request with none of the three comes from no browser that could be tricked into
   sending it, and passes.

This is the scheme Go's ``net/http.CrossOriginProtection`` adopted, with the Referer as a
last look for old browsers. Django's CSRF checks, tokens included, stay on for the back
office and every other form.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

TRUSTED_FETCH_SITES = ("same-origin", "none")


def refusal(request: HttpRequest) -> str | None:
    """Why ``request`` looks forged by another site, or None when it does not."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site.strip().lower() in TRUSTED_FETCH_SITES:
            return None
        if _trusted(request.headers.get("Origin", "")):
            return None
        return f"the browser says the form was sent from another site ({fetch_site[:20]})"
    origin = request.headers.get("Origin")
    if origin is not None:
        if _own(request, origin) or _trusted(origin):
            return None
        return "the form was sent from another site"
    referer = request.headers.get("Referer")
    if referer and not _own(request, referer):
        return "the form was sent from a page of another site"
    return None


def _own(request: HttpRequest, address: str) -> bool:
    parts = urlsplit(address.strip())
    return (
        parts.scheme == request.scheme
        and parts.netloc.lower() == request.get_host().lower()
        and bool(parts.netloc)
    )


def _trusted(origin: str) -> bool:
    origin = origin.strip().rstrip("/").lower()
    return bool(origin) and origin in {o.rstrip("/").lower() for o in settings.CSRF_TRUSTED_ORIGINS}
