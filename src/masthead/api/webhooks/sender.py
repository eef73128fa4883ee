"""POST one delivery to its webhook and report what happened; no database here.

Redirects are not followed (a 3xx is an answer like any other non-2xx: retried), the
answer's body is read only up to ``DeliveryPolicy.excerpt_bytes``, and every failure
(refused connection, timeout, TLS error, bad status) becomes an ``Outcome``, never an
exception.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from masthead.api.webhooks import signing
from masthead.api.webhooks.policy import DeliveryPolicy

USER_AGENT = "Masthead-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    """What one attempt got: an HTTP status and the start of the answer, or an error."""

    status: int | None = None
    excerpt: str = ""
    error: str = ""

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirects)


def body_of(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed) for ``payload``."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def headers(
    *, secret: str, event: str, delivery_id: int, timestamp: int, body: bytes
) -> dict[str, str]:
    """The request headers of a delivery, the signature among them."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Masthead-Event": event,
        "Masthead-Delivery": str(delivery_id),
        "Masthead-Signature": signing.header(secret=secret, timestamp=timestamp, body=body),
    }


def post(*, url: str, body: bytes, headers: dict[str, str], policy: DeliveryPolicy) -> Outcome:
    """POST ``body`` to ``url`` once and describe the answer."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (http/https only: the model validates the scheme)
    try:
        with _opener.open(request, timeout=policy.timeout) as response:
            return Outcome(response.status, _excerpt(response, policy))
    except urllib.error.HTTPError as answer:
        with answer:
            return Outcome(answer.code, _excerpt(answer, policy), f"HTTP {answer.code}")
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError, timeouts
        reason = getattr(exc, "reason", exc)
        return Outcome(error=f"{type(exc).__name__}: {reason}"[:500])


def _excerpt(response: Any, policy: DeliveryPolicy) -> str:
    try:
        data = response.read(policy.excerpt_bytes)
    except (OSError, http.client.HTTPException):
        return ""
    return bytes(data or b"").decode("utf-8", errors="replace")
