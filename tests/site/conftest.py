"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright.

Playwright's own browser downloads are not used: CI installs Debian's ``chromium``
(``.ci/run``) and the tests start ``/usr/bin/chromium``. Pages come from pytest-django's
``live_server``, which also serves the apps' static files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from tests.conftest import need_program

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet: without the networking flags Chromium keeps calling Google's
# hosts, which a closed network refuses.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module; each test opens its own context.

    Playwright's sync API keeps an asyncio loop marked as running in this thread, and
    Django then refuses every ORM call as "from an async context" (microsoft/playwright-
    pytest#29). Nothing here is async, so the check is switched off while the browser
    is open, and only then: the module scope keeps it out of the other tests.
    """
    need_program(str(CHROMIUM), "Debian's chromium: apt install chromium (CI installs it)")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


# Every Content-Security-Policy violation becomes a console error, which the ``page``
# fixture records in ``js_errors``: a refused script, style or picture fails the test.
# (Chromium prints its own "Refused to ..." too; this line names the directive and URL.)
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} refused ${event.blockedURI}`
    + ` on ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`);
});
"""


def new_context(browser: Browser, live_server: Any, **options: Any) -> BrowserContext:
    """A fresh reader (no cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(5_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    return context


@pytest.fixture
def context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    """A reader with JavaScript on and no cookies yet."""
    context = new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def js_errors() -> list[str]:
    """What went wrong in the page's scripts (console errors and uncaught exceptions)."""
    return []


@pytest.fixture
def page(context: BrowserContext, js_errors: list[str]) -> Page:
    """A tab in ``context`` that records its script errors in ``js_errors``."""
    tab = context.new_page()
    tab.on("console", lambda message: _record(message, js_errors))
    tab.on("pageerror", lambda error: js_errors.append(str(error)))
    return tab


def _record(message: ConsoleMessage, errors: list[str]) -> None:
    # The site has no favicon; Chromium asks for /favicon.ico anyway and logs the 404.
    if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
        errors.append(f"{message.text} ({message.location.get('url', '')})")
