"""POST one delivery to its webhook and report what happened; no database here.

Sent through ``core.http``: redirects are not followed (a 3xx is an answer like any other
non-2xx: retried), the answer's body is read only up to ``DeliveryPolicy.excerpt_bytes``
and for at most twice the timeout, and every failure (refused connection, timeout, TLS
error, bad status) becomes an ``Outcome``, never an exception.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any

from masthead.api.webhooks import signing
from masthead.api.webhooks.policy import DeliveryPolicy
from masthead.core.http import Limits, Refused, send

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
    limits = Limits(
        timeout=policy.timeout, deadline=2 * policy.timeout, max_bytes=policy.excerpt_bytes,
        redirects=0, cut=True,
    )  # fmt: skip
    try:
        answer = send(url, method="POST", data=body, headers=headers, limits=limits)
    except (Refused, OSError, http.client.HTTPException) as exc:  # URLError, timeouts
        reason = getattr(exc, "reason", exc)
        return Outcome(error=f"{type(exc).__name__}: {reason}"[:500])
    excerpt = answer.body.decode("utf-8", errors="replace")
    return Outcome(answer.status, excerpt, "" if answer.ok else f"HTTP {answer.status}")
