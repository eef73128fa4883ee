"""The site follows the reader's dark mode, and an article prints as just the story.

Dark mode swaps site.css's colour palette under ``prefers-color-scheme: dark`` (axe's
contrast check covers it in test_accessibility.py). Print hides the site around the
story, sets black on white and writes each link's address after it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page

from masthead.articles.models import SiteSettings
from tests import factories
from tests.site.pages import Newsroom, make_newsroom

pytestmark = [pytest.mark.slow, pytest.mark.presentation]

# Relative luminance of an "rgb(r, g, b)" colour, as WCAG defines it.
LUMINANCE = """(colour) => {
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""

HIDDEN_IN_PRINT = [
    ".site-nav", ".site-search", ".skip-link", ".sidebar", ".you-missed", ".related",
    "#respond", ".comment-form", ".comment-reply-link", ".tags",
]  # fmt: skip
SHOWN_IN_PRINT = [".story__title", ".story__body", ".story__figure", ".comment-list", ".brand"]


@pytest.fixture
def newsroom(transactional_db: Any) -> Newsroom:
    return make_newsroom()


def colours(page: Page, selector: str) -> dict[str, float]:
    """The luminance of the element's text colour and of the page background."""
    style = page.locator(selector).first.evaluate(
        "(el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]"
    )
    return {
        "text": page.evaluate(f"({LUMINANCE})('{style[0]}')"),
        "paper": page.evaluate(f"({LUMINANCE})('{style[1]}')"),
    }


def display(page: Page, selector: str) -> list[str]:
    """Each match's computed display, "none" also when an ancestor's display is none."""
    return page.locator(selector).evaluate_all(
        """(els) => els.map((el) => {
          for (let e = el; e; e = e.parentElement) {
            if (getComputedStyle(e).display === "none") return "none";
          }
          return getComputedStyle(el).display;
        })"""
    )


@pytest.mark.parametrize("name", ["home", "article", "search"])
def test_dark_mode_sets_light_text_on_a_dark_page(page: Page, newsroom: Newsroom, name: str):
    page.emulate_media(color_scheme="dark")
    page.goto(newsroom.urls()[name])

    for selector in ("h1, .teaser__title", ".meta", "main a", ".site-footer"):
        seen = colours(page, selector)
        assert seen["paper"] < 0.05, f"{selector}: the page is dark"
        assert seen["text"] > 0.35, f"{selector}: its text is light"
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "light dark"


def test_in_dark_mode_the_logo_keeps_its_white_paper(page: Page, newsroom: Newsroom):
    """A logo drawn in dark ink for white paper stays readable on the dark page."""
    row = SiteSettings.objects.get()
    row.logo.save("logo.png", ContentFile(factories.png_bytes(240, 48, "#16181d")), save=False)
    row.save()
    SiteSettings.forget()
    logo = page.locator("img.brand__logo")

    page.emulate_media(color_scheme="light")
    page.goto("/")
    assert logo.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.emulate_media(color_scheme="dark")

    assert logo.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"
    assert logo.is_visible()


def test_light_mode_is_still_dark_text_on_white(page: Page, newsroom: Newsroom):
    page.emulate_media(color_scheme="light")
    page.goto(newsroom.urls()["article"])

    seen = colours(page, ".story__title")

    assert seen["paper"] == 1
    assert seen["text"] < 0.02


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_article_prints_as_the_story_alone_in_black_on_white(
    page: Page, newsroom: Newsroom, scheme: str
):
    page.emulate_media(media="print", color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(newsroom.urls()["article"])

    for selector in HIDDEN_IN_PRINT:
        shown = display(page, selector)
        assert shown, f"{selector} is on the page"
        assert set(shown) == {"none"}, f"{selector} is hidden in print"
    for selector in SHOWN_IN_PRINT:
        assert "none" not in display(page, selector), f"{selector} is printed"
        assert page.locator(selector).first.is_visible()
    seen = colours(page, ".story__body p")
    assert (seen["text"], seen["paper"]) == (0, 1)


def test_printed_links_in_the_story_show_their_address(page: Page, newsroom: Newsroom):
    page.emulate_media(media="print")
    page.goto(newsroom.urls()["article"])

    after = page.locator(".story__body a").first.evaluate(
        "(a) => getComputedStyle(a, '::after').content"
    )
    byline = page.locator(".byline a").first.evaluate(
        "(a) => getComputedStyle(a, '::after').content"
    )

    assert after == '" (https://example.org/minutes)"'
    assert byline == "none"


def test_on_screen_nothing_is_hidden_the_print_way(page: Page, newsroom: Newsroom):
    """The print rules stay inside @media print."""
    page.emulate_media(media="screen")
    page.goto(newsroom.urls()["article"])

    for selector in [".site-nav", ".site-search", ".sidebar", ".related", "#respond"]:
        assert "none" not in display(page, selector), selector
    assert page.locator(".story__body a").first.evaluate(
        "(a) => getComputedStyle(a, '::after').content"
    ) in ("none", "normal")
