"""Fixtures of the wire tests: a feed server, a quick policy, feeds with a publisher."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from masthead.core import clock
from masthead.ingest.models import WireFeed
from masthead.ingest.wire.policy import WirePolicy
from tests.factories import CategoryFactory, SourceFactory
from tests.ingest.wire.feed_server import feed_server  # noqa: F401 (the fixture)
from tests.ingest.wire.feeds import Item, story


class QuickPolicy(WirePolicy):
    """The default policy with waits and limits small enough for tests."""

    timeout = 0.5
    deadline = 1.0
    max_bytes = 200_000
    retry_wait = 0.01
    max_retry_after = 1.0
    workers = 3


@pytest.fixture
def policy() -> WirePolicy:
    return QuickPolicy()


def make_feed(url: str, name: str = "Harbour Wire", **fields: Any) -> WireFeed:
    """A wire feed in its own section, from a publisher with a credit line."""
    defaults: dict[str, Any] = {
        "publisher": SourceFactory(name=f"{name} Agency", credit="Courtesy of the agency"),
        "category": CategoryFactory(),
        "mode": WireFeed.Mode.PUBLISH,
    }
    return WireFeed.objects.create(name=name, url=url, **{**defaults, **fields})


def fresh(number: int, **fields: Any) -> Item:
    """A story of the last hour, in words no other ``fresh`` story uses (never grouped)."""
    words = [f"{chr(97 + number % 26)}{number}w{k}" for k in range(12)]
    defaults: dict[str, Any] = {
        "title": f"Dispatch {number}: {' '.join(words[:3])}",
        "description": "",
        "content": f"<p>{' '.join(words)}.</p>",
        "pub_date": clock.now() - timedelta(hours=1),
    }
    return story(number, **{**defaults, **fields})
