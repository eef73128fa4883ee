"""Every screen of the back office passes axe-core's WCAG 2.2 A and AA rules, light and dark.

The screens are those of ``tests/backoffice/screens.py`` (which the HTML validity test goes
through too), each seen in Chromium by the member it names, in the light and the dark
colour scheme, with the rules of ``tests/axe.py`` (WCAG 2.0, 2.1 and 2.2, levels A and AA,
and axe's best practices). Nothing is allowed to fail.

The newsroom the screens show takes seconds to make and the live server's database is
emptied after each test, so a few tests go through them all (``SHARDS``), a subtest per
screen and scheme: a failure names both, with axe's rule, the elements and its help. Each member
has one browser context, signed in once; a screen that only a POST shows is posted from
a page of the same member, as their browser would.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page

from tests.axe import axe_violations, describe
from tests.backoffice import screens
from tests.backoffice.conftest import new_context, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.axe, pytest.mark.presentation]

SCHEMES = ["light", "dark"]
# The screens are gone through in this many tests, every SHARDS-th screen each, so that
# test workers share them (one test took four minutes); each builds the newsroom anew.
SHARDS = 4

# Posts a form from the page (so the browser sends its cookies and shows the answer).
POST = """([url, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  for (const [name, value] of fields) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


class Members:
    """A browser context for each member (one for nobody signed in), made when first needed."""

    def __init__(self, browser: Browser, live_server: Any) -> None:
        self.browser, self.live_server = browser, live_server
        self.contexts: dict[Any, BrowserContext] = {}

    def tab(self, user: Any) -> Page:
        """A new tab in ``user``'s context, signed in again if a screen signed them out."""
        key = user.pk if user is not None else None
        if key not in self.contexts:
            self.contexts[key] = new_context(self.browser, self.live_server)
        context = self.contexts[key]
        signed_in = any(c["name"] == settings.SESSION_COOKIE_NAME for c in context.cookies())
        if user is not None and not signed_in:
            sign_in(context, self.live_server, user)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def show(page: Page, screen: screens.Screen) -> int:
    """Open ``screen`` in ``page`` (posting its form, if it has one); return its status."""
    if screen.post is None:
        response = page.goto(screen.url)
    else:
        # A page of the same member first: it sets the CSRF cookie and holds the token.
        page.goto(reverse("admin:index") if screen.user else reverse("admin:login"))
        token = page.locator("[name=csrfmiddlewaretoken]").first.input_value()
        fields = [("csrfmiddlewaretoken", token), *_pairs(screen.post)]
        with page.expect_navigation() as navigation:
            page.evaluate(POST, [screen.url, fields])
        response = navigation.value
    assert response is not None
    return response.status


def use_scheme(page: Page, scheme: str) -> None:
    """Switch the page to ``scheme`` and wait for the admin's colour transitions to end."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")


def _pairs(post: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for name, value in post.items():
        if name == "csrfmiddlewaretoken":  # the test client's, not this browser's
            continue
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((name, str(v)) for v in values)
    return pairs


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_screen_has_no_axe_violations_in_light_or_dark_mode(
    browser: Browser, live_server: Any, roles: None, subtests: Any, shard: int
):
    listed = screens.build()
    chosen = list(listed.items())[shard::SHARDS]
    members = Members(browser, live_server)
    started = time.perf_counter()
    try:
        for name, screen in chosen:
            page = members.tab(screen.user)
            status = show(page, screen)
            for scheme in SCHEMES:
                use_scheme(page, scheme)
                with subtests.test(msg=f"{name} in {scheme} mode"):
                    assert status == screen.status, f"{name} answered {status}"
                    violations = axe_violations(page)
                    assert violations == [], f"{name} in {scheme} mode:\n{describe(violations)}"
            page.close()
    finally:
        members.close()
    print(f"{len(chosen)} screens, 2 schemes each, in {time.perf_counter() - started:.1f} s")


def test_axe_finds_a_planted_problem_on_an_admin_screen(
    browser: Browser, live_server: Any, roles: None
):
    """The check can fail: an unlabelled field and grey-on-grey text on the dashboard."""
    listed = screens.build()
    members = Members(browser, live_server)
    try:
        page = members.tab(listed["dashboard-editor"].user)
        show(page, listed["dashboard-editor"])
        page.evaluate(
            """() => {
              document.querySelector("#content").insertAdjacentHTML("beforeend",
                '<input type="text" name="planted"><p id="faint">faint</p>');
              // Through the style object: the Content-Security-Policy refuses style attributes.
              Object.assign(document.getElementById("faint").style,
                            {color: "#bbb", background: "#ccc"});
            }"""
        )

        found = {v["id"] for v in axe_violations(page)}
    finally:
        members.close()

    assert {"label", "color-contrast"} <= found
