"""Every public page passes axe-core's WCAG 2.1 A and AA rules, in light and dark mode.

axe-core (from npm, ``make install-js``) is injected into each page in Chromium and
run with the rules tagged for WCAG 2.0 and 2.1, levels A and AA, plus its
best-practice rules. A violation fails the test with the rule, its impact, the
elements it found and axe's help text.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest import AXE
from tests.site.pages import PAGE_NAMES, Newsroom, make_newsroom, open_page

pytestmark = [pytest.mark.slow, pytest.mark.axe]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


@pytest.fixture
def newsroom(transactional_db: Any) -> Newsroom:
    return make_newsroom()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; return its violations."""
    assert AXE.exists(), f"axe-core is missing ({AXE}): run make install-js"
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, TAGS)
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {target}" for target in v["targets"])
    return "\n".join(lines)


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
            '<img src="/static/none.png" width="10" height="10">' +
            '<p style="color:#bbb;background:#ccc">faint</p>');
        }"""
    )

    found = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "color-contrast"} <= found
