"""Every public page passes axe-core's WCAG 2.2 A and AA rules, in light and dark mode.

axe-core (from npm, ``make install-js``) is injected into each page in Chromium and
run with the rules tagged for WCAG 2.0, 2.1 and 2.2, levels A and AA, plus its
best-practice rules (``tests/axe.py``, shared with the back office's test). A violation
fails the test with the rule, its impact, the elements it found and axe's help text.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.axe import axe_violations, describe
from tests.site.pages import PAGE_NAMES, Newsroom, make_newsroom, open_page

pytestmark = [pytest.mark.slow, pytest.mark.axe, pytest.mark.presentation]


@pytest.fixture
def newsroom(transactional_db: Any) -> Newsroom:
    return make_newsroom()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_has_no_axe_violations(page: Page, newsroom: Newsroom, name: str, scheme: str):
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, newsroom, name)

    violations = axe_violations(page)

    assert violations == [], f"{name} in {scheme} mode:\n{describe(violations)}"


def test_the_reply_form_moved_under_a_comment_has_no_axe_violations(page: Page, newsroom: Newsroom):
    open_page(page, newsroom, "article")
    page.locator("a.comment-reply-link").first.click()
    page.locator(".comment > #respond").wait_for()

    violations = axe_violations(page)

    assert violations == [], describe(violations)


def test_axe_finds_a_planted_problem(page: Page, newsroom: Newsroom):
    """The check can fail: an image without alt text and grey-on-grey text are caught."""
    open_page(page, newsroom, "article-plain")
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend",
            '<img src="/static/none.png" width="10" height="10"><p id="faint">faint</p>');
          // Through the style object: the Content-Security-Policy refuses style attributes.
          Object.assign(document.getElementById("faint").style,
                        {color: "#bbb", background: "#ccc"});
        }"""
    )

    found = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "color-contrast"} <= found
