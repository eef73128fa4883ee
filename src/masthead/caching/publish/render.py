"""Rendering a page the way ``masthead serve`` answers it, without a server.

Each request is built for the site's own scheme and host (``SITE_URL``) and goes through
Django's request handler with every middleware, so the bytes are those a reader gets
from the app. Two things differ from a plain call and are set for the whole publish:

- the page cache is off: a page is rendered from the database, never replayed;
- static files are the collected, hashed ones (as ``masthead serve`` runs them), so the
  pages name ``/static/…`` files that the publish copies next to them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory, override_settings

from masthead.caching import tags

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Headers the app sends with every public page that nginx must send with the files too.
SITE_HEADERS = (
    "Content-Security-Policy", "Permissions-Policy", "Referrer-Policy",
    "Cross-Origin-Opener-Policy", "X-Content-Type-Options", "X-Frame-Options",
    "Strict-Transport-Security",
)  # fmt: skip


@dataclass(frozen=True)
class Rendered:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]
    # What the page shows, as the views named it (``masthead.caching.tags``).
    tags: list[str]


class Renderer:
    """Answers GET requests for ``site_url``'s host through the full middleware stack."""

    def __init__(self, site_url: str) -> None:
        parts = urlsplit(site_url)
        secure = parts.scheme == "https"
        extra: dict[str, Any] = {"HTTP_X_FORWARDED_PROTO": "https"} if secure else {}
        self.factory = RequestFactory(HTTP_HOST=parts.netloc, **extra)
        self.secure = secure
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def get(self, path: str) -> Rendered:
        request = self.factory.get(path, secure=self.secure)
        response = self.handler.get_response(request)
        streamed = response.streaming
        body = b"".join(response.streaming_content) if streamed else response.content  # type: ignore[attr-defined]
        headers = {name.lower(): value for name, value in response.headers.items()}
        return Rendered(
            response.status_code, response.get("Content-Type", ""), body, headers,
            sorted(tags.collected(request)),
        )  # fmt: skip


@contextmanager
def publishing_settings() -> Iterator[None]:
    """The page cache off, hashed static files on, and 404s not logged as warnings."""
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    quiet = logging.getLogger("django.request")
    level = quiet.level
    # override_settings also tells the static files storage to start afresh (Django's
    # setting_changed receivers), as the server's workers do under MASTHEAD_STATIC_MANIFEST.
    with override_settings(PAGE_CACHE_SECONDS=0, STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        quiet.setLevel(logging.ERROR)
        try:
            yield
        finally:
            quiet.setLevel(level)


def nginx_headers(rendered: Rendered) -> str:
    """``add_header`` lines that give files the security headers the app sends."""
    lines = ["# Written by `masthead publish-static`: the app's own headers, for nginx."]
    for name in SITE_HEADERS:
        if value := rendered.headers.get(name.lower()):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"
