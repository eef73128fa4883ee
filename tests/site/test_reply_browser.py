"""The threaded reply form in a real browser: ``reply.js`` moves it, the server files replies.

With JavaScript, "Reply" moves the one form under the comment being answered and
"Cancel reply" moves it back; without, the link reloads the page with ``?replytocom=``
and the server puts the form in the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from masthead.articles.models import Article
from masthead.comments.forms import MIN_SECONDS
from masthead.comments.models import Comment
from masthead.core import clock
from tests import factories
from tests.site.conftest import new_context

pytestmark = [pytest.mark.slow]


@dataclass
class Thread:
    article: Article
    grace: Comment
    alan: Comment

    @property
    def url(self) -> str:
        return self.article.get_absolute_url()


@pytest.fixture
def thread(transactional_db: Any) -> Thread:
    """An article with two approved comments, the first already answered once."""
    story = factories.article(title="A story with a thread")
    grace = factories.comment(story, author_name="Grace Hopper", body="A fine piece.")
    factories.comment(story, parent=grace, depth=1, author_name="Ada", body="Agreed.")
    alan = factories.comment(story, author_name="Alan Turing", body="I have a question.")
    return Thread(article=story, grace=grace, alan=alan)


def open_article(page: Page, thread: Thread) -> Any:
    """Load the article page; return the response."""
    return page.goto(thread.url)


def wait_for_the_robot_check(page: Page) -> None:
    """Let ``MIN_SECONDS`` pass since the form got its stamp: quicker posts are refused.

    ``reply.js`` fetches the stamp when a field gets focus; once it is in the form, it
    was issued at least that long ago.
    """
    expect(page.locator('#respond input[name="issued"]')).not_to_have_value("")
    page.wait_for_timeout((MIN_SECONDS + 0.2) * 1000)


def reply_link(page: Page, comment: Comment) -> Any:
    return page.locator(f'a.comment-reply-link[data-reply-to="{comment.pk}"]')


def fill_in(page: Page, *, name: str, email: str, body: str, url: str = "") -> None:
    page.fill("#id_author_name", name)
    page.fill("#id_author_email", email)
    page.fill("#id_author_url", url)
    page.fill("#id_body", body)


def test_reply_moves_the_form_under_the_comment_without_a_page_load(
    page: Page, thread: Thread, js_errors: list[str]
):
    with page.expect_response("**/static/comments/reply.js") as script:
        open_article(page, thread)
    assert script.value.ok
    page.evaluate("window.sameDocument = true")

    reply_link(page, thread.grace).click()

    expect(page.locator(f"#comment-{thread.grace.pk} > #respond")).to_have_count(1)
    expect(page.locator("#id_parent")).to_have_value(str(thread.grace.pk))
    expect(page.locator("#respond-title")).to_have_text("Reply to Grace Hopper")
    expect(page.locator("#cancel-reply")).to_be_visible()
    expect(page.locator("#id_body")).to_be_focused()
    assert page.evaluate("window.sameDocument") is True
    assert "replytocom" not in page.url
    assert js_errors == []


def test_cancel_reply_puts_the_form_back_at_the_bottom(page: Page, thread: Thread):
    open_article(page, thread)
    reply_link(page, thread.grace).click()
    expect(page.locator("#cancel-reply")).to_be_visible()

    page.click("#cancel-reply")

    expect(page.locator("#respond-home > #respond")).to_have_count(1)
    expect(page.locator("#id_parent")).to_have_value("")
    expect(page.locator("#respond-title")).to_have_text("Leave a reply")
    expect(page.locator("#cancel-reply")).to_be_hidden()
    assert "replytocom" not in page.url


def test_replying_to_another_comment_moves_the_one_form_again(page: Page, thread: Thread):
    open_article(page, thread)
    reply_link(page, thread.grace).click()
    expect(page.locator(f"#comment-{thread.grace.pk} > #respond")).to_have_count(1)

    reply_link(page, thread.alan).click()

    expect(page.locator(f"#comment-{thread.alan.pk} > #respond")).to_have_count(1)
    expect(page.locator("#respond")).to_have_count(1)
    expect(page.locator("#id_parent")).to_have_value(str(thread.alan.pk))
    expect(page.locator("#respond-title")).to_have_text("Reply to Alan Turing")


def test_a_posted_reply_is_filed_under_its_parent_and_shown_to_its_writer(
    page: Page, thread: Thread
):
    open_article(page, thread)
    reply_link(page, thread.alan).click()
    fill_in(page, name="Joan Clarke", email="joan@example.org", body="Here is an answer.")
    wait_for_the_robot_check(page)

    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))

    reply = Comment.objects.get(body="Here is an answer.")
    assert reply.parent == thread.alan
    assert reply.status == Comment.Status.PENDING
    assert page.url == f"{page.url.split('#')[0]}#comment-{reply.pk}"
    assert page.url.split("#")[0].endswith(thread.url)
    nested = page.locator(f"#comment-{thread.alan.pk} ol.children #comment-{reply.pk}")
    expect(nested).to_contain_text("awaiting moderation")
    expect(nested).to_contain_text("Here is an answer.")


def test_without_javascript_reply_reloads_the_page_with_the_form_in_place(
    browser: Browser, live_server: Any, thread: Thread
):
    context = new_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    open_article(page, thread)

    reply_link(page, thread.grace).click()

    expect(page).to_have_url(re.compile(rf"\?replytocom={thread.grace.pk}#respond$"))
    expect(page.locator(f"#comment-{thread.grace.pk} > #respond")).to_have_count(1)
    expect(page.locator("#respond")).to_have_count(1)
    expect(page.locator("#id_parent")).to_have_value(str(thread.grace.pk))
    expect(page.locator("#respond-title")).to_have_text("Reply to Grace Hopper")
    expect(page.locator("#cancel-reply")).to_be_visible()
    context.close()


def test_remember_me_fills_in_the_form_for_the_same_reader_only(
    page: Page, browser: Browser, live_server: Any, thread: Thread
):
    open_article(page, thread)
    fill_in(
        page, name="Joan Clarke", email="joan@example.org", url="https://joan.example/",
        body="Please keep my details.",
    )  # fmt: skip
    page.check("#id_remember")
    wait_for_the_robot_check(page)
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))

    open_article(page, thread)
    expect(page.locator("#id_author_name")).to_have_value("Joan Clarke")
    expect(page.locator("#id_author_email")).to_have_value("joan@example.org")
    expect(page.locator("#id_author_url")).to_have_value("https://joan.example/")
    expect(page.locator("#id_remember")).to_be_checked()

    other = new_context(browser, live_server)
    stranger = other.new_page()
    open_article(stranger, thread)
    for field in ("#id_author_name", "#id_author_email", "#id_author_url", "#id_body"):
        expect(stranger.locator(field)).to_have_value("")
    expect(stranger.locator("#id_remember")).not_to_be_checked()
    other.close()


def test_a_page_from_the_page_cache_fetches_its_stamp_and_the_post_goes_through(
    page: Page, browser: Browser, live_server: Any, thread: Thread, settings: Any,
    monkeypatch: pytest.MonkeyPatch, js_errors: list[str],
):  # fmt: skip
    """The cached page, two days old, carries no stamp; the one fetched on focus is good."""
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600
    first = new_context(browser, live_server)
    assert first.new_page().goto(thread.url).headers["x-page-cache"] == "miss"
    first.close()
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(days=2))

    assert open_article(page, thread).headers["x-page-cache"] == "hit"
    expect(page.locator('#respond input[name="issued"]')).to_have_value("")
    with page.expect_response("**/comments/stamp/**") as stamp:
        page.fill("#id_body", "Posted from a page kept for two days.")
    assert "no-store" in stamp.value.headers["cache-control"]
    assert "set-cookie" not in stamp.value.headers
    fill_in(page, name="Joan Clarke", email="joan@example.org",
            body="Posted from a page kept for two days.")  # fmt: skip
    wait_for_the_robot_check(page)
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))

    posted = Comment.objects.get(body="Posted from a page kept for two days.")
    assert posted.article == thread.article
    assert js_errors == []
