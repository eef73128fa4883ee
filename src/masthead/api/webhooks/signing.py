"""Sign a delivery's body so its receiver can tell it came from us, recently.

The signature is HMAC-SHA256, keyed with the webhook's secret, over the Unix time of
sending, a full stop and the exact bytes of the body; it travels in one header::

    Masthead-Signature: t=1795036800,v1=5f0c…(64 hex digits)

A receiver recomputes it with ``verify`` (or the few lines in docs/api.md), and rejects a
signature older than a few minutes, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SCHEME = "v1"
TOLERANCE = 300
"""Seconds a receiver should accept a signature for, by default (clocks drift a little)."""


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``<timestamp>.<body>`` under ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(*, secret: str, timestamp: int, body: bytes) -> str:
    """The value of the ``Masthead-Signature`` header for ``body`` sent at ``timestamp``."""
    return f"t={timestamp},{SCHEME}={signature(secret=secret, timestamp=timestamp, body=body)}"


def verify(
    *, secret: str, header_value: str, body: bytes, now: float | None = None,
    tolerance: int = TOLERANCE,
) -> bool:  # fmt: skip
    """Whether ``header_value`` signs ``body`` with ``secret`` within ``tolerance`` seconds."""
    parts = dict(part.split("=", 1) for part in header_value.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, parts.get(SCHEME, ""))
