"""GET one feed, politely and safely; no database here.

``fetch`` sends the validators of the last answer (``If-None-Match``,
``If-Modified-Since``) so an unchanged feed costs a 304 and no body, asks for gzip, and
reads through ``core.http`` with the policy's limits: gzip inflated with a bound (a small
bomb stays small), a few redirects over HTTP and HTTPS only, the body read piece by piece
so that neither a huge body nor one that never ends can hold the poller (past
``WirePolicy.max_bytes`` or ``WirePolicy.deadline`` it stops reading). Passing failures
are retried; every failure becomes a ``Fetched`` with an ``error`` a person can act on,
never an exception.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from masthead.core.http import Answer, Damaged, Limits, NotHttp, Refused, TooLarge, TooSlow, send
from masthead.ingest.wire.policy import WirePolicy

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


class _Passing(Exception):
    """A failure worth another attempt; ``retry_after`` when the server asked for a wait."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


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


ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


def _attempt(url: str, headers: dict[str, str], policy: WirePolicy, attempt: int) -> Fetched:
    limits = Limits(
        timeout=policy.timeout, deadline=policy.deadline, max_bytes=policy.max_bytes,
        redirects=policy.max_redirects,
    )  # fmt: skip
    try:
        answer = send(url, headers=headers, limits=limits)
    except Refused as exc:
        return Fetched(error=_refusal(exc, policy), attempts=attempt)
    except (OSError, http.client.HTTPException) as exc:
        raise _Passing(_describe(exc, policy)) from None
    if answer.status == 304 or answer.ok:
        return Fetched(
            status=answer.status, body=b"" if answer.status == 304 else answer.body,
            etag=answer.headers.get("ETag", "")[:300],
            last_modified=answer.headers.get("Last-Modified", "")[:100],
            moved_to=answer.moved_to, attempts=attempt,
        )  # fmt: skip
    return _failed(answer, attempt)


def _failed(answer: Answer, attempt: int) -> Fetched:
    """Describe a non-2xx answer, or raise to retry it."""
    message = f"HTTP {answer.status} {answer.reason}".strip()
    if 300 <= answer.status < 400:
        message = f"{message} (a redirect that could not be followed)"
    if answer.status in TRANSIENT_STATUSES:
        wait = retry_after(answer.headers.get("Retry-After"))
        raise _Passing(message, status=answer.status, retry_after=wait)
    return Fetched(status=answer.status, error=message, attempts=attempt)


def _refusal(exc: Refused, policy: WirePolicy) -> str:
    """A sentence for the back office about an address or answer not taken."""
    if isinstance(exc, TooLarge) and exc.announced is not None:
        return f"the feed is {exc.announced:,} bytes, over the limit of {policy.max_bytes:,}"
    if isinstance(exc, TooLarge):
        return f"the feed is over the limit of {policy.max_bytes:,} bytes"
    if isinstance(exc, TooSlow):
        return f"the feed was still arriving after {policy.deadline:g} s; cut off"
    if isinstance(exc, Damaged):
        return f"the gzipped feed is damaged: {exc}"
    if isinstance(exc, NotHttp):
        return "the feed URL must start with http:// or https://"
    return str(exc)


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
