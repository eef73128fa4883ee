"""Fixtures for the back office's tests: Chromium, the roles, signed-in tabs, commits.

The browser itself comes from ``tests/site/conftest.py`` (Debian's Chromium driven by
Playwright, skipped without it outside CI). Browser tests serve pages from
``live_server``, so their database is flushed after each test, and the flush takes the
groups the roles migration made with it: ``roles`` puts them back.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext

from masthead.backoffice import roles as newsroom_roles
from tests.site.conftest import browser, context, js_errors, new_context, page

__all__ = [
    "browser", "committed", "context", "js_errors", "new_context", "page", "roles", "sign_in",
]  # fmt: skip


@pytest.fixture
def roles(transactional_db: Any) -> None:
    """The four roles' groups, as the newest roles migration leaves them."""
    newsroom_roles.apply(apps, newsroom_roles.ROLES)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """``with committed():`` runs what waits for the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_in(context: BrowserContext, live_server: Any, user: Any) -> None:
    """Give the browser ``context`` a session for ``user``, as if they had logged in."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
