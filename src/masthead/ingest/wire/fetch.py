"""GET one feed, politely and safely; no database here.

``fetch`` sends the validators of the last answer (``If-None-Match``,
``If-Modified-Since``) so an unchanged feed costs a 304 and no body, asks for gzip and
inflates it with a bound (a small bomb stays small), follows a few redirects over HTTP
and HTTPS only, and reads the body piece by piece so that neither a huge body nor one
that never ends can hold the poller: past ``WirePolicy.max_bytes`` or
``WirePolicy.deadline`` it stops reading. Every failure becomes a ``Fetched`` with an
``error`` a person can act on, never an exception.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import IO, Any

from masthead.ingest.wire.policy import WirePolicy

CHUNK = 64 * 1024
TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Fetched:
    """What a poll got: an answer with its body and validators, or an error."""

    status: int | None = None
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # where a permanent redirect pointed, if one did
    error: str = ""
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and not self.error


class Refused(Exception):
    """An answer we stop reading and do not retry (too large, too slow)."""


class _Passing(Exception):
    """A failure worth another attempt; ``retry_after`` when the server asked for a wait."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, over HTTP(S) only, noting a permanent move."""

    def __init__(self, limit: int):
        self.max_redirections = limit  # type: ignore[misc]  # urllib reads it per instance
        self.moved_to = ""
        self.hops = 0

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(
                newurl, code, "redirect to a non-HTTP address", headers, fp
            )
        self.hops += 1
        # Only a first hop that is permanent says the feed itself moved.
        if self.hops == 1 and code in (301, 308):
            self.moved_to = newurl
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    policy: WirePolicy | None = None,
    user_agent: str = "Masthead-Wire/1",
    sleep: Callable[[float], Any] = time.sleep,
) -> Fetched:
    """GET ``url`` (see the module docstring), retrying passing failures per ``policy``."""
    policy = policy or WirePolicy()
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip", "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempt = 0
    while True:
        attempt += 1
        try:
            return _attempt(url, headers, policy, attempt)
        except _Passing as exc:
            delay = policy.retry_delay(attempt, exc.retry_after)
            if delay is None:
                return Fetched(status=exc.status, error=str(exc), attempts=attempt)
            sleep(delay)
        except Refused as exc:
            return Fetched(error=str(exc), attempts=attempt)


ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


def _attempt(url: str, headers: dict[str, str], policy: WirePolicy, attempt: int) -> Fetched:
    redirects = _Redirects(policy.max_redirects)
    opener = _opener(redirects)
    if not url.lower().startswith(("http://", "https://")):
        raise Refused("the feed URL must start with http:// or https://")
    # The opener holds HTTP and HTTPS handlers alone, so no other scheme can be opened.
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    started = time.monotonic()
    try:
        with opener.open(request, timeout=policy.timeout) as answer:
            body = read_body(answer, policy, started)
            status = answer.status
            answer_headers = answer.headers
    except urllib.error.HTTPError as exc:
        return _http_error(exc, redirects, attempt)
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise _Passing(_describe(exc, policy)) from None
    except ValueError as exc:  # an address urllib cannot even parse
        raise Refused(f"not a usable address: {exc}") from None
    return Fetched(
        status=status, body=body, etag=answer_headers.get("ETag", "")[:300],
        last_modified=answer_headers.get("Last-Modified", "")[:100],
        moved_to=redirects.moved_to, attempts=attempt,
    )  # fmt: skip


def _opener(redirects: _Redirects) -> urllib.request.OpenerDirector:
    """An opener for HTTP and HTTPS alone: no file:, ftp: or data: addresses."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),  # honours HTTP(S)_PROXY for newsrooms behind one
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        redirects,
    ):
        opener.add_handler(handler)
    return opener


def _http_error(exc: urllib.error.HTTPError, redirects: _Redirects, attempt: int) -> Fetched:
    """Turn urllib's exception for a non-2xx answer into a result, or raise to retry."""
    headers = exc.headers or Message()
    with exc:
        if exc.code == 304:
            return Fetched(
                status=304, etag=headers.get("ETag", "")[:300],
                last_modified=headers.get("Last-Modified", "")[:100],
                moved_to=redirects.moved_to, attempts=attempt,
            )  # fmt: skip
        message = f"HTTP {exc.code} {exc.reason}".strip()
        if 300 <= exc.code < 400:
            message = f"{message} (a redirect that could not be followed)"
        if exc.code in TRANSIENT_STATUSES:
            raise _Passing(
                message, status=exc.code, retry_after=retry_after(headers.get("Retry-After"))
            ) from None
        return Fetched(status=exc.code, error=message, attempts=attempt)


def read_body(answer: Any, policy: WirePolicy, started: float) -> bytes:
    """The answer's body, inflated if gzipped, refused past the size or time limit."""
    length = answer.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise Refused(f"the feed is {int(length):,} bytes, over the limit of {policy.max_bytes:,}")
    gzipped = answer.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    pieces: list[bytes] = []
    size = 0
    while piece := answer.read1(CHUNK):
        if inflater is not None:
            piece = _inflate(inflater, piece, policy.max_bytes - size)
        size += len(piece)
        if size > policy.max_bytes:
            raise Refused(f"the feed is over the limit of {policy.max_bytes:,} bytes")
        pieces.append(piece)
        if time.monotonic() - started > policy.deadline:
            raise Refused(f"the feed was still arriving after {policy.deadline:g} s; cut off")
    return b"".join(pieces)


def _inflate(inflater: Any, piece: bytes, room: int) -> bytes:
    """Inflate ``piece``, never to more than one byte past ``room`` (a bomb stays small)."""
    try:
        out: bytes = inflater.decompress(piece, room + 1)
    except zlib.error as exc:
        raise Refused(f"the gzipped feed is damaged: {exc}") from None
    return out


def retry_after(value: str | None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (a number or an HTTP date), if any."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: BaseException, policy: WirePolicy) -> str:
    """A sentence for the back office about a failure to connect or to read."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {policy.timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"the host name could not be resolved ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, http.client.HTTPException):
        return f"the answer was broken ({type(exc).__name__}: {exc})".replace(": )", ")")
    return f"could not fetch the feed: {reason}"
