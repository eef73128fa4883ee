"""Every page kind and every back-office screen keeps to its Content-Security-Policy in Chromium.

Each page is opened in one browser context per reader (reused from page to page), whose
init script turns every ``securitypolicyviolation`` event into a console error
(``tests/site/conftest.py``), so a refused script, style or picture fails here, as do
script errors. The public pages are also opened a second time from the page cache,
where the policy is written afresh over a stored page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from masthead.backoffice.models import CspReport
from tests.backoffice import screens
from tests.backoffice.conftest import sign_in
from tests.backoffice.test_admin_accessibility import Members, show
from tests.site import pages
from tests.site.conftest import _record, new_context

pytestmark = [pytest.mark.slow, pytest.mark.presentation]


def watch(page: Page) -> list[str]:
    """The script errors and CSP violations of ``page`` from now on.

    A page that answers 404 or 400 on purpose (not found, a refused comment) makes
    Chromium log the document's own status; that one line is not an error here.
    """
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        document = page.url.split("#")[0]
        own_status = message.text.startswith("Failed to load resource: the server responded")
        if not (own_status and message.location.get("url", "").split("#")[0] == document):
            _record(message, errors)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def policy_of(response: Any) -> str:
    """The response's Content-Security-Policy, checked for what no area may allow."""
    policy: str = response.headers.get("content-security-policy", "")
    assert policy, f"{response.url} has no Content-Security-Policy"
    script = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
    assert "unsafe-inline" not in script, policy
    assert "unsafe-eval" not in script, policy
    return policy


def test_every_public_page_kind_keeps_to_the_policy_fresh_and_from_the_cache(
    browser: Browser, live_server: Any, settings: Any, subtests: Any
):
    """Each page is opened twice: made for the reader, then replayed by the page cache.

    The second reader has a context of their own, so that Chromium asks the server again
    instead of revalidating its own copy (a 304 would show the first response's headers).
    """
    settings.PAGE_CACHE_SECONDS = 300
    newsroom = pages.make_newsroom()
    readers = {visit: new_context(browser, live_server) for visit in ("miss", "hit")}
    try:
        for name in pages.PAGE_NAMES:
            for visit, context in readers.items():
                page = context.new_page()
                errors = watch(page)
                response = pages.open_page(page, newsroom, name)
                page.wait_for_load_state("load")
                with subtests.test(msg=f"{name} ({visit})"):
                    assert errors == [], f"{name} ({visit}): {errors}"
                    if response is not None:  # the refused comment: a post, never cached
                        policy_of(response)
                        assert response.headers.get("x-page-cache") == visit
                page.close()
    finally:
        for context in readers.values():
            context.close()


def test_every_back_office_screen_keeps_to_the_policy(
    browser: Browser, live_server: Any, roles: None, subtests: Any
):
    listed = screens.build()
    members = Members(browser, live_server)
    try:
        for name, screen in listed.items():
            page = members.tab(screen.user)
            errors = watch(page)
            status = show(page, screen)
            page.wait_for_load_state("load")
            with subtests.test(msg=name):
                assert status == screen.status, f"{name} answered {status}"
                assert errors == [], f"{name}: {errors}"
            page.close()
    finally:
        members.close()


def test_a_violation_is_caught_and_the_report_is_stored(
    browser: Browser, live_server: Any, roles: None, django_user_model: Any
):
    """The checks above can fail: an inline script is refused, reported and stored."""
    context = new_context(browser, live_server)
    sign_in(context, live_server, django_user_model.objects.create_superuser("root"))
    page = context.new_page()
    errors = watch(page)
    page.goto("/admin/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.ran = true"; document.body.append(s); }"""
    )
    assert page.evaluate("() => window.ran") is None
    assert any("CSP violation: script-src-elem refused inline" in e for e in errors), errors
    # report-uri: Chromium posts the report at once; the live server stores it.
    for _ in range(50):
        if CspReport.objects.exists():
            break
        page.wait_for_timeout(100)
    report = CspReport.objects.get()
    assert (report.directive, report.blocked_uri) == ("script-src-elem", "inline")
    assert report.document_uri == f"{live_server.url}/admin/"
    context.close()
