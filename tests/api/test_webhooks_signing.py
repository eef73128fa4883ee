"""Signatures: HMAC-SHA256 over "<timestamp>.<body>", rejected when altered or stale."""

from __future__ import annotations

import hashlib
import hmac
import time
from pathlib import Path
from typing import Any

from masthead.api.webhooks import signing

SECRET = "whsec_test"
BODY = b'{"event":"article.published"}'
T = 1_795_036_800


def test_the_header_carries_the_time_and_the_hmac_of_time_dot_body():
    expected = hmac.new(SECRET.encode(), b"1795036800." + BODY, hashlib.sha256).hexdigest()
    assert signing.header(secret=SECRET, timestamp=T, body=BODY) == f"t={T},v1={expected}"


def test_a_fresh_untouched_request_verifies():
    value = signing.header(secret=SECRET, timestamp=T, body=BODY)
    assert signing.verify(secret=SECRET, header_value=value, body=BODY, now=T + 10)


def test_an_altered_body_a_wrong_secret_or_a_changed_time_do_not_verify():
    value = signing.header(secret=SECRET, timestamp=T, body=BODY)
    assert not signing.verify(secret=SECRET, header_value=value, body=BODY + b" ", now=T)
    assert not signing.verify(secret="whsec_other", header_value=value, body=BODY, now=T)
    moved = value.replace(f"t={T}", f"t={T + 60}")
    assert not signing.verify(secret=SECRET, header_value=moved, body=BODY, now=T + 60)


def test_a_replayed_request_is_rejected_once_older_than_the_tolerance():
    value = signing.header(secret=SECRET, timestamp=T, body=BODY)
    assert signing.verify(secret=SECRET, header_value=value, body=BODY, now=T + 300)
    assert not signing.verify(secret=SECRET, header_value=value, body=BODY, now=T + 301)


def test_malformed_headers_do_not_verify():
    for value in ("", "t=abc,v1=00", "v1=00", f"t={T}", "garbage"):
        assert not signing.verify(secret=SECRET, header_value=value, body=BODY, now=T), value


def test_the_verification_example_in_the_docs_works():
    """docs/api.md shows receivers how to verify; its code must accept ours and refuse fakes."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    section = docs.split("### Verifying the signature", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 (our own documentation)
    check = namespace["is_from_masthead"]
    now = int(time.time())
    value = signing.header(secret=SECRET, timestamp=now, body=BODY)
    assert check(SECRET, value, BODY)
    assert not check(SECRET, value, BODY + b"!")
    stale = signing.header(secret=SECRET, timestamp=now - 3600, body=BODY)
    assert not check(SECRET, stale, BODY)
