"""Fixtures of the hostile-content tests: the corpus, and a trapped Chromium context.

The browser comes from ``tests/site/conftest.py`` (one Debian Chromium per module).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.backoffice.conftest import roles
from tests.ingest.wire.feed_server import feed_server
from tests.site.conftest import browser, new_context
from tests.xss.corpus import Payload, payloads
from tests.xss.trap import Trap

__all__ = ["browser", "corpus", "feed_server", "roles", "tab", "trapped"]


@pytest.fixture(scope="session")
def corpus() -> list[Payload]:
    return payloads()


@pytest.fixture
def trapped(browser: Browser, live_server: Any) -> Iterator[Trap]:
    """A reader's context on the live server with the trap set in every frame."""
    context = new_context(browser, live_server)
    yield Trap(context)
    context.close()


@pytest.fixture
def tab(trapped: Trap) -> Page:
    return trapped.context.new_page()
