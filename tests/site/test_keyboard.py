"""The public pages work from the keyboard and have the structure assistive tools expect.

A skip link first, a visible focus ring on everything reachable with Tab, one banner,
site navigation, main and footer, text for every picture, a label for every field, and
comment-form errors announced with their fields.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.site.pages import PAGE_NAMES, Newsroom, make_newsroom, open_page, post_a_bad_comment

pytestmark = [pytest.mark.slow, pytest.mark.presentation]

# What the focused element looks like, for the focus-ring test.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), name: (el.id || el.textContent || "").trim().slice(0, 40),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
  };
}"""

# Form controls a reader fills in, with no label of any kind.
UNLABELLED = """() => [...document.querySelectorAll("input, select, textarea")]
  .filter((el) => el.type !== "hidden")
  .filter((el) => !el.labels.length && !el.getAttribute("aria-label")
                  && !el.getAttribute("aria-labelledby"))
  .map((el) => el.outerHTML)"""


@pytest.fixture
def newsroom(transactional_db: Any) -> Newsroom:
    return make_newsroom()


def test_the_skip_link_comes_first_shows_on_focus_and_moves_focus_to_main(
    page: Page, newsroom: Newsroom
):
    open_page(page, newsroom, "article")
    skip = page.locator("a.skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0, "hidden until focused"

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    assert skip.bounding_box()["y"] >= 0, "the focused skip link is on screen"

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("name", ["home", "article", "search", "comment-errors"])
def test_everything_reachable_with_tab_shows_a_focus_ring(
    page: Page, newsroom: Newsroom, name: str
):
    open_page(page, newsroom, name)
    page.locator("body").focus()
    seen: list[dict[str, Any]] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)

    kinds = {f["tag"] for f in seen}
    assert {"a", "input", "button"} <= kinds
    if name == "article":
        assert "textarea" in kinds
    bare = [f for f in seen if f["outline"] == "none" or f["width"] < 2]
    assert bare == []


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_page_has_one_of_each_landmark_alt_text_and_labelled_fields(
    page: Page, newsroom: Newsroom, name: str
):
    open_page(page, newsroom, name)

    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Sections", exact=True)).to_have_count(1)
    expect(page.get_by_role("search", name="Search the site")).to_have_count(1)
    assert page.locator("img").count() > 0 or name in ("not-found", "search-none")
    expect(page.locator("img:not([alt])")).to_have_count(0)
    assert page.evaluate(UNLABELLED) == []


def test_comment_form_errors_are_tied_to_their_fields(page: Page, newsroom: Newsroom):
    post_a_bad_comment(page, newsroom)

    expect(page.locator("form.comment-form [role=alert]")).to_be_visible()
    for field, message in [("body", "Please write your comment."), ("author_email", "email")]:
        control = page.locator(f"#id_{field}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", f"id_{field}_error")
        expect(page.locator(f"#id_{field}_error")).to_contain_text(message)
        expect(control).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.locator("#id_author_name")).to_have_value("Joan Clarke")
    assert page.locator("#id_author_name").get_attribute("aria-invalid") is None
    assert page.locator("#id_author_name").get_attribute("aria-describedby") is None
