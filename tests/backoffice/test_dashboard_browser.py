"""The dashboard in Chromium: how its parts share the page's width, which HTML cannot show.

On a wide screen the parts go two by two beside "Recent actions", the comments waiting
across a whole row; on a narrow one they stand one under the other. Either way the
comments' table stays inside its box, its comments reading as lines, not a word a line.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from masthead.articles.models import Article
from masthead.comments.models import Comment
from tests import factories
from tests.backoffice.conftest import sign_in

pytestmark = [pytest.mark.slow]

HEADLINE = "Open-weight models narrow the gap with the biggest proprietary systems"
COMMENT = (
    "Does the bill say who checks the costs the labs report? The story mentions audits "
    "but not who pays for them."
)


@pytest.fixture
def board(page: Page, live_server: Any, roles: None) -> Page:
    """An Editor's tab, signed in, with a story in review and a long comment waiting."""
    editor = factories.person("Editor", "eddie", first_name="Eddie", last_name="Desk")
    factories.article(title="Harbour cranes to go", status=Article.Status.REVIEW, published_at=None)
    story = factories.article(title=HEADLINE)
    factories.comment(story, status=Comment.Status.PENDING, author_name="Marta", body=COMMENT)
    sign_in(page.context, live_server, editor)
    return page


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


def test_on_a_wide_screen_the_parts_go_two_by_two_and_the_comments_fit(board: Page):
    board.set_viewport_size({"width": 1280, "height": 800})
    board.goto("/admin/")
    table, section = box(board, "#board-comments table"), box(board, "#board-comments")
    assert table["width"] <= section["width"]
    assert box(board, "#board-comments tbody th")["width"] >= 300
    assert box(board, "#board-review")["y"] == box(board, "#board-counts")["y"]


def test_on_a_narrow_screen_the_parts_stand_one_under_the_other(board: Page):
    board.set_viewport_size({"width": 700, "height": 800})
    board.goto("/admin/")
    counts, review = box(board, "#board-counts"), box(board, "#board-review")
    assert review["y"] >= counts["y"] + counts["height"]
    assert box(board, "#board-comments table")["width"] <= box(board, "#board-comments")["width"]
