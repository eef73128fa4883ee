"""A story's way through the newsroom in a real browser, from a contributor's draft to the site.

Three flows through the back office at /admin/, done as docs/newsroom.md tells people to:

1. a Contributor signs in, writes a story and submits it for review, where it waits;
2. an Author opens that story by its address: the page is read-only and says why, and a
   post forged in the browser with ``status=published`` is refused in the same words;
3. an Editor takes it from the dashboard's review queue, edits it, compares two revisions
   word by word, restores one, previews it and schedules it a minute ahead; the test
   moves the newsroom's clock, and the story reaches the home page at its time, not before.

Each step checks what the person sees (messages, headings, the states' labels) and what
the database then holds. Time is ``masthead.core.clock.now``, moved by the ``travel``
fixture: the live server runs in a thread of this process, so it sees the patch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from masthead.articles import services
from masthead.articles.models import Article
from masthead.backoffice.roles import AUTHOR, CONTRIBUTOR, EDITOR
from masthead.core import clock
from tests import factories
from tests.backoffice.conftest import new_context, sign_in

pytestmark = [pytest.mark.slow]

Status = Article.Status
HEADLINE = "Harbour cranes stop as the port strike begins"
BODY = (
    "Cranes at the container port stood still on Monday as dock workers began a strike "
    "over pay.\n\nThe union said talks with the port authority had failed."
)
# What the rules say to someone who may see a colleague's story but not change it.
COLLEAGUES = "You can't edit this story: it is a colleague's, and only editors act on those."


@dataclass
class Desk:
    """The newsroom of one test: sections, published stories, and its three people."""

    room: dict[str, Any]
    contributor: Any
    author: Any
    editor: Any


@pytest.fixture
def desk(roles: None) -> Desk:
    """A small newsroom with a Contributor, an Author and an Editor, each with a byline."""
    return Desk(
        room=factories.newsroom(),
        contributor=factories.person(CONTRIBUTOR, "casey", byline=True),
        author=factories.person(AUTHOR, "avery", byline=True),
        editor=factories.person(EDITOR, "eddie", byline=True),
    )


def filed_for_review(desk: Desk) -> Article:
    """The story of the first flow, as the Contributor leaves it: saved, then submitted."""
    story = Article(title=HEADLINE, body=BODY, category=desk.room["chips"])
    services.save_article(article=story, by=desk.contributor)
    return services.submit_for_review(article=story, by=desk.contributor)


def open_back_office(page: Page, live_server: Any, user: Any) -> None:
    """Open the dashboard in ``page`` as ``user`` (the first flow uses the login form)."""
    sign_in(page.context, live_server, user)
    page.goto("/admin/")


def choose(page: Page, field: str, typed: str, option: str) -> None:
    """Pick ``option`` in the autocomplete select ``field`` (select2) by typing, as people do."""
    page.locator(f"#{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(typed)
    page.locator(".select2-results__option", has_text=option).click()


def messages(page: Page) -> Any:
    return page.locator("ul.messagelist li")


def stored(story: Article) -> tuple[Any, ...]:
    """What a refused act must leave as it was."""
    row = Article.objects.get(pk=story.pk)
    return row.title, row.status, row.published_at, row.version, row.revisions.count()


def test_a_contributor_writes_a_story_and_submits_it_for_review(
    page: Page, desk: Desk, js_errors: list[str]
):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill("pw-123456")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your stories in review")).to_be_visible()

    page.locator("tr.model-article").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Body").fill(BODY)
    choose(page, "id_category", "chi", "Chips")
    status = page.get_by_label("Status")
    expect(status.locator("option")).to_have_text(["Draft", "In review"])
    expect(status).to_have_value(Status.DRAFT)
    page.get_by_role("button", name="Save and continue editing").click()

    expect(messages(page)).to_contain_text(f"The article “{HEADLINE}” was added successfully.")
    story = Article.objects.get(title=HEADLINE)
    assert (story.status, story.created_by, story.body) == (Status.DRAFT, desk.contributor, BODY)
    assert story.category == desk.room["chips"]
    assert [a.user for a in story.byline] == [desk.contributor]
    assert story.revisions.count() == 1

    page.get_by_label("Status").select_option(label="In review")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(messages(page)).to_contain_text(f"The article “{HEADLINE}” was changed successfully.")
    story.refresh_from_db()
    assert (story.status, story.status_changed_by) == (Status.REVIEW, desk.contributor)
    assert story.revisions.count() == 2
    assert not story.is_visible

    page.get_by_role("link", name="In review (1)").click()
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".field-title")).to_have_text(HEADLINE)
    expect(row.locator(".field-state")).to_have_text("In review")

    page.get_by_role("link", name="Home").click()
    queue = page.locator("#board-review")
    expect(queue.get_by_role("heading")).to_have_text("Your stories in review")
    expect(queue.get_by_role("link", name=HEADLINE)).to_be_visible()
    assert js_errors == []


def test_an_author_cannot_publish_a_contributors_story(
    page: Page, live_server: Any, desk: Desk, js_errors: list[str]
):
    story = filed_for_review(desk)
    before = stored(story)
    open_back_office(page, live_server, desk.author)

    page.goto(f"/admin/articles/article/{story.pk}/change/")

    expect(page.get_by_role("heading", name="View article")).to_be_visible()
    expect(messages(page)).to_have_text([COLLEAGUES])
    expect(page.locator(".field-status")).to_contain_text("In review")
    expect(page.get_by_label("Status")).to_have_count(0)
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)

    # No button publishes it; someone who writes the form by hand posts it anyway.
    now = timezone.localtime(clock.now())
    forged = {
        "title": "Published by the wrong hands",
        "status": Status.PUBLISHED,
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "_save": "Save",
    }
    with page.expect_navigation():
        page.evaluate(
            """fields => {
                const form = document.createElement("form");
                form.method = "post";
                const token = document.querySelector("[name=csrfmiddlewaretoken]").value;
                const posted = {...fields, csrfmiddlewaretoken: token};
                for (const [name, value] of Object.entries(posted)) {
                    const input = document.createElement("input");
                    Object.assign(input, {type: "hidden", name, value});
                    form.append(input);
                }
                document.body.append(form);
                form.submit();
            }""",
            forged,
        )

    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{story.pk}/change/$"))
    expect(messages(page)).to_have_text([COLLEAGUES])
    expect(page.locator("ul.messagelist li.error")).to_have_count(1)
    expect(page.locator(".field-title")).to_contain_text(HEADLINE)
    assert stored(story) == before
    assert js_errors == []


def test_an_editor_reviews_previews_and_schedules_a_story_that_appears_at_its_time(
    page: Page,
    browser: Browser,
    live_server: Any,
    desk: Desk,
    travel: Any,
    js_errors: list[str],
):
    story = filed_for_review(desk)
    open_back_office(page, live_server, desk.editor)

    # The review queue on the dashboard, the longest waiting first.
    queue = page.locator("#board-review")
    expect(queue.get_by_role("heading")).to_have_text("In review")
    queue.get_by_role("link", name=HEADLINE).click()
    expect(page.get_by_role("heading", name="Change article")).to_be_visible()

    # An edit of the body: "stood still" becomes "fell silent".
    body = page.get_by_label("Body")
    expect(body).to_have_value(BODY)
    body.fill(BODY.replace("stood still", "fell silent"))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(messages(page)).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert "fell silent" in story.body
    assert (story.version, story.revisions.count(), story.status) == (3, 3, Status.REVIEW)

    # The two last versions side by side, word by word.
    page.get_by_role("link", name="All revisions of this story").click()
    expect(page.get_by_role("heading", name=f"Revisions of “{HEADLINE}”")).to_be_visible()
    page.get_by_label("Compare from version 2").check()
    page.get_by_label("Compare to version 3").check()
    page.get_by_role("button", name="Compare the two chosen").click()
    expect(page.get_by_role("heading", name=f"Compare revisions of “{HEADLINE}”")).to_be_visible()
    words = page.get_by_role("group", name="Body")
    expect(words.locator("del")).to_have_text(re.compile(r"stood\s+still"))
    expect(words.locator("ins")).to_have_text(re.compile(r"fell\s+silent"))
    expect(page.get_by_role("group", name="Headline (unchanged)")).to_contain_text(HEADLINE)

    # The contributor's words were better: restore version 2, which saves version 4.
    page.get_by_role("link", name="restore it…").first.click()
    expect(page.get_by_role("heading", name="Restore version 2?")).to_be_visible()
    page.get_by_role("button", name="Restore version 2").click()
    expect(messages(page)).to_have_text(["Version 2 restored, saved as version 4."])
    expect(page.get_by_label("Body")).to_have_value(BODY)
    story.refresh_from_db()
    assert (story.body, story.version, story.revisions.count()) == (BODY, 4, 4)
    assert story.revisions.first().body == BODY
    assert story.status == Status.REVIEW

    # The story as readers will see it, before they can ("View on site" leads there too).
    preview = f"/preview/{story.pk}/"
    expect(page.get_by_role("link", name="View on site")).to_have_attribute("href", preview)
    with page.expect_navigation() as opened:
        page.get_by_role("link", name="Preview", exact=True).click()
    assert opened.value is not None
    assert "noindex" in opened.value.headers["x-robots-tag"]
    expect(page).to_have_url(re.compile(f"{preview}$"))
    expect(page.get_by_role("heading", name="Preview — not published")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", re.compile("noindex"))
    expect(page.get_by_text("stood still on Monday")).to_be_visible()
    page.go_back()

    # Published a minute from now: scheduled.
    at = timezone.localtime(clock.now() + timedelta(minutes=1)).replace(microsecond=0)
    page.get_by_label("Status").select_option(label="Published")
    # Django's date and time boxes have no labels of their own, only "Date:" and "Time:".
    page.locator("#id_published_at_0").fill(at.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(at.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(messages(page)).to_contain_text(f"The article “{HEADLINE}” was changed successfully.")
    row = page.locator("#result_list tbody tr", has_text=HEADLINE)
    expect(row.locator(".field-state")).to_have_text(re.compile(r"^Scheduled for "))
    story.refresh_from_db()
    assert (story.status, story.published_at, story.state) == (Status.PUBLISHED, at, "scheduled")
    assert story.status_changed_by == desk.editor
    page.get_by_role("link", name="Home").click()
    expect(page.locator("#board-review")).to_contain_text("Nothing waits for review.")
    expect(page.locator("#board-scheduled").get_by_role("link", name=HEADLINE)).to_be_visible()

    # A reader's home page: not yet, not a second before, then there at its time. The
    # clock stood still since the test began: ``travel`` moves it from there.
    ahead = (at - clock.now()).total_seconds()
    reader = new_context(browser, live_server).new_page()
    reader.on("pageerror", lambda error: js_errors.append(str(error)))
    headline = reader.get_by_role("link", name=HEADLINE)
    reader.goto("/")
    expect(reader.get_by_role("link", name="Story number 0").first).to_be_visible()
    expect(headline).to_have_count(0)
    travel(ahead - 1)
    reader.reload()
    expect(headline).to_have_count(0)
    travel(ahead + 1)
    reader.reload()
    expect(headline.first).to_be_visible()
    assert Article.objects.published().filter(pk=story.pk).exists()
    reader.context.close()
    assert js_errors == []
