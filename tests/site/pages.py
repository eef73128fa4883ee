"""The public pages the browser checks visit, on a small newsroom made for them.

Shared by the accessibility, weight and appearance tests so that they look at the same
pages: every kind of public page, with pictures, comments and a syndicated story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

from masthead.articles import services
from masthead.articles.models import Article, MenuItem, SiteSettings
from tests import factories

BODY = (
    "The council met on Tuesday. Read the [minutes](https://example.org/minutes) online.\n\n"
    "## What was decided\n\nThree things, in order:\n\n- a budget\n- a bridge\n- a bus lane\n\n"
    "> We are pleased with the outcome, said the mayor.\n\n"
    "| item | cost |\n|:-|-:|\n| bridge | 4 m |\n| bus lane | 1 m |\n\n"
    "Run `make minutes` to rebuild them.\n"
)


@dataclass
class Newsroom:
    """A newsroom with the stories each page kind needs."""

    pictured: Article
    plain: Article
    syndicated: Article

    def urls(self) -> dict[str, str]:
        """Every public page kind by name (the comment-error page is reached by posting)."""
        return {
            "home": "/",
            "article": self.pictured.get_absolute_url(),
            "article-plain": self.plain.get_absolute_url(),
            "syndicated": self.syndicated.get_absolute_url(),
            "category": "/category/ai/",
            "author": "/author/alice/",
            "search": "/search/?q=story",
            "search-none": "/search/?q=xylophone",
            "not-found": "/no/such/page/",
        }


def make_newsroom() -> Newsroom:
    """The test newsroom with a menu, pictures, a long body and a comment thread."""
    stories = factories.newsroom()["stories"]
    for position, (label, url) in enumerate(
        [("AI", "/category/ai/"), ("Chips", "/category/chips/")]
    ):
        MenuItem.objects.create(label=label, url=url, position=position)
    SiteSettings.forget()
    pictured = stories[0]
    pictured.featured_image = factories.image(alt="Councillors around a table")
    pictured.body = BODY
    services.save_article(article=pictured)
    stories[1].featured_image = factories.image(alt="A bridge at dusk", colour="#8a6d3b")
    services.save_article(article=stories[1])
    top = factories.comment(
        pictured, author_name="Grace Hopper", author_url="https://grace.example.org"
    )
    factories.comment(pictured, parent=top, depth=1, author_name="Ada Lovelace")
    factories.comment(pictured, author_name="Alan Turing", body="A question.\n\nTwo lines.")
    return Newsroom(
        pictured=pictured,
        plain=stories[2],
        syndicated=Article.objects.get(source__isnull=False),
    )


def post_a_bad_comment(page: Page, newsroom: Newsroom) -> None:
    """Open the pictured story and post a comment with no text and a bad email address."""
    page.goto(newsroom.pictured.get_absolute_url())
    page.fill("#id_author_name", "Joan Clarke")
    page.fill("#id_author_email", "not-an-email")
    with page.expect_navigation():
        page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state("load")


def open_page(page: Page, newsroom: Newsroom, name: str) -> Any:
    """Go to the page called ``name`` (or post the bad comment); return the response."""
    if name == "comment-errors":
        post_a_bad_comment(page, newsroom)
        return None
    return page.goto(newsroom.urls()[name])


PAGE_NAMES = [
    "home", "article", "article-plain", "syndicated", "category", "author", "search",
    "search-none", "not-found", "comment-errors",
]  # fmt: skip
