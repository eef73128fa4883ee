"""A real HTTP server on 127.0.0.1 that serves feeds the way real (and broken) servers do.

``feed_server.serve("/news.xml", body)`` returns the address of a feed. A ``Route`` can
also answer 304 to its own ETag or Last-Modified, gzip its body, answer a list of
statuses first (``first=[503, 503]``), redirect, or misbehave: ``"hang"`` says nothing
for ``seconds``, ``"drip"`` sends a byte at a time forever, ``"endless"`` streams
without end, ``"reset"`` closes the connection without an answer.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.localhost import serving


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    gzip: bool = False
    first: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    location: str = ""  # with a 3xx status
    misbehave: str = ""  # "hang", "drip", "endless" or "reset"
    seconds: float = 2.0  # how long to hang
    declared_length: int | None = None  # a Content-Length to claim instead of the real one


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def serve(self, path: str, body: bytes = b"", **route: Any) -> str:
        """Serve ``body`` at ``path`` (see ``Route`` for the rest); returns its URL."""
        self.routes[path] = Route(body=body, **route)
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server.requests.append(Request(self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                return self._answer(404, b"no such feed", {})
            if route.first:
                return self._answer(route.first.pop(0), b"not now", route.headers)
            if route.misbehave:
                return self._misbehave(route)
            if self._unchanged(route):
                return self._answer(304, b"", self._validators(route))
            headers = {"Content-Type": route.content_type, **self._validators(route),
                       **route.headers}  # fmt: skip
            if route.location:
                headers["Location"] = route.location
            body = route.body
            if route.gzip:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            return self._answer(route.status, body, headers, route.declared_length)

        def _unchanged(self, route: Route) -> bool:
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return True
            since = self.headers.get("If-Modified-Since")
            return bool(route.last_modified) and since == route.last_modified

        def _validators(self, route: Route) -> dict[str, str]:
            found = {"ETag": route.etag, "Last-Modified": route.last_modified}
            return {k: v for k, v in found.items() if v}

        def _answer(self, status: int, body: bytes, headers: dict[str, str],
                    length: int | None = None) -> None:  # fmt: skip
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)

        def _misbehave(self, route: Route) -> None:
            if route.misbehave == "hang":
                time.sleep(route.seconds)
                return
            if route.misbehave == "reset":
                self.close_connection = True
                return
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.end_headers()
            piece, pause = (b"<", 0.05) if route.misbehave == "drip" else (b"<item>" * 8192, 0)
            try:
                self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                for _ in range(100_000):  # long enough to outlast any client's patience
                    self.wfile.write(piece)
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:
                pass  # the client hung up, as it should
            self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output quiet

    return Handler


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running feed server; ``serve`` paths on it."""
    state = FeedServer()
    with serving(_handler(state)) as base:
        state.base = base
        yield state
