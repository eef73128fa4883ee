"""Cached pages answered in front of Django, at the WSGI level.

A hit costs a key, a dictionary lookup and the bytes: no middleware, no URL resolving,
no database connection, no response object. Everything else goes to Django, and
whatever Django answers is passed on as it is; when the page cache middleware marked the
answer as one to keep, the whole answer (every header the middleware stack set) is
stored, with its gzip form made once, and later readers get it byte for byte.

Conditional requests (``If-None-Match``, ``If-Modified-Since``) are answered with 304
here too, and readers whose browsers accept gzip get the gzipped body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.http import parse_etags, parse_http_date_safe

from masthead.caching import middleware, pagecache, store
from masthead.core import clock

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]

# A 304 leaves out what describes a body it does not send.
BODY_HEADERS = frozenset({"content-type", "content-length", "content-encoding"})
REASONS = {200: "200 OK", 301: "301 Moved Permanently", 304: "304 Not Modified",
           404: "404 Not Found"}  # fmt: skip


class FastPages:
    """Wrap the Django WSGI application with the page cache's fast path."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        key = pagecache.key_for_request(environ)
        if key is None:
            return self.app(environ, start_response)
        page = store.get(key)
        if page is not None:
            return answer(page, environ, start_response)
        environ[middleware.FAST_PATH] = True
        return self._make(key, environ, start_response)

    def _make(self, key: str, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        sent: dict[str, Any] = {}

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: None  # the write() callable; Django never uses it

        body = self.app(environ, hold)
        keep = environ.get(middleware.KEEP)
        if keep is None:
            start_response(sent["status"], sent["headers"], sent["exc_info"])
            return body
        try:
            content = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        timeout, tags = keep
        private = middleware.PRIVATE_HEADERS
        page = store.Page(
            status=int(sent["status"].split(" ", 1)[0]),
            headers=[(k, v) for k, v in sent["headers"] if k.lower() not in private],
            body=content,
            expires=clock.now().timestamp() + timeout,
            tags=tags,
        )
        page.compress()
        store.put(key, page)
        start_response(sent["status"], sent["headers"])
        return [content]


def answer(page: store.Page, environ: Environ, start_response: StartResponse) -> list[bytes]:
    """Send ``page`` as the reader asked for it: whole, gzipped, or "not modified"."""
    zipped = page.gzipped is not None and _accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
    etag = page.etag_gzip if zipped else page.etag
    headers = list(page.headers)
    if page.gzipped is not None:
        headers.append(("Vary", "Accept-Encoding"))
    if etag:
        headers.append(("ETag", etag))
    headers.append(("X-Page-Cache", "hit"))
    if page.status == 200 and _not_modified(page, etag, environ):
        headers = [(k, v) for k, v in headers if k.lower() not in BODY_HEADERS]
        start_response(REASONS[304], headers)
        return []
    body = page.gzipped if zipped and page.gzipped is not None else page.body
    if zipped:
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    start_response(REASONS.get(page.status) or f"{page.status} Cached", headers)
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def _accepts_gzip(header: str) -> bool:
    for part in header.lower().split(","):
        name, _, params = part.partition(";")
        if name.strip() in ("gzip", "*"):
            quality = params.strip()
            if not quality.startswith("q="):
                return True
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
    return False


def _not_modified(page: store.Page, etag: str | None, environ: Environ) -> bool:
    asked = environ.get("HTTP_IF_NONE_MATCH")
    if asked is not None:
        if not etag:
            return False
        wanted = {tag.removeprefix("W/") for tag in parse_etags(asked)}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    modified = page.last_modified
    if since and modified:
        asked_time, page_time = parse_http_date_safe(since), parse_http_date_safe(modified)
        return asked_time is not None and page_time is not None and page_time <= asked_time
    return False
