"""No lost edits and reviewers' links, in a real browser: what the newsroom does with them.

Two editors, Alice and Bruno, each in their own browser (a context with their session),
work on one story in review. ``editing.js`` pings the server every 30 s; the tests do
not wait for that: Playwright's clock runs the page's timers forward instead, and the
server's answer is awaited. Every flow ends by reading the database, and fails on any
error in the pages' scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from masthead.articles.models import Article, EditSession, PreviewLink, Revision
from tests import factories
from tests.backoffice.conftest import new_context, sign_in

pytestmark = [pytest.mark.slow]

BODY = "The harbour board met on Monday.\n\nCranes will be replaced next year."


@pytest.fixture
def story(roles: None) -> Article:
    return factories.article(
        title="Harbour cranes to go",
        dek="The board decides.",
        body=BODY,
        status=Article.Status.REVIEW,
        published_at=None,
    )


@pytest.fixture
def alice(roles: None) -> Any:
    return factories.person("Editor", "alice", first_name="Alice", last_name="Ames")


@pytest.fixture
def bruno(roles: None) -> Any:
    return factories.person("Editor", "bruno", first_name="Bruno", last_name="Berg")


@pytest.fixture
def desk(browser: Browser, live_server: Any, js_errors: list[str]) -> Iterator[Callable[..., Page]]:
    """Open a tab for a person, in a browser of their own that is signed in as them."""
    contexts: list[BrowserContext] = []

    def open_tab(user: Any = None, *, clock: bool = False) -> Page:
        context = new_context(browser, live_server)
        contexts.append(context)
        if user is not None:
            sign_in(context, live_server, user)
        tab = context.new_page()
        tab.on("pageerror", lambda error: js_errors.append(str(error)))
        tab.on("console", lambda message: _record(message, js_errors))
        if clock:
            tab.clock.install()
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def _record(message: Any, errors: list[str]) -> None:
    if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
        errors.append(f"{message.text} ({message.location.get('url', '')})")


def change_url(story: Article) -> str:
    return f"/admin/articles/article/{story.pk}/change/"


def open_story(tab: Page, story: Article) -> None:
    """Open the story's form (its deferred script has run once the page has loaded)."""
    tab.goto(change_url(story))


def run_autosave(tab: Page) -> Any:
    """Let the form's interval pass (30 s); return the server's answer to the ping that follows."""
    every = int(tab.locator("#editing").get_attribute("data-interval") or "")
    assert every == 30_000
    with tab.expect_response(re.compile(r"/autosave/$")) as answer:
        tab.clock.run_for(every)
    assert answer.value.ok
    return answer.value.json()


def save_and_continue(tab: Page) -> None:
    """Press "Save and continue editing"; return once the server's answer has loaded."""
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save and continue editing").click()


def since(user: Any, story: Article) -> str:
    """The "since" time the server shows for ``user`` on ``story`` (local, HH:MM)."""
    opened = EditSession.objects.get(user=user, article=story).opened_at
    return f"{timezone.localtime(opened):%H:%M}"


# Flow 1 ------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_beside_the_newer_one_and_the_merge_keeps_both_edits(
    desk: Callable[..., Page], story: Article, alice: Any, bruno: Any, js_errors: list[str]
):
    ames, berg = desk(alice), desk(bruno, clock=True)
    open_story(ames, story)
    open_story(berg, story)

    # Alice adds a paragraph and sharpens the standfirst, and saves first.
    ames.get_by_label("Standfirst").fill("The board votes to replace all four cranes.")
    body = ames.get_by_label("Body")
    body.press("Control+End")
    body.press_sequentially("\n\nUnions welcome the plan.")
    save_and_continue(ames)
    expect(ames.locator(".messagelist")).to_contain_text("was changed successfully")

    # Bruno, with the story as it was, rewrites the headline and the standfirst.
    berg.get_by_label("Headline").fill("Four harbour cranes to go")
    berg.get_by_label("Standfirst").fill("A vote on Monday.")
    save_and_continue(berg)

    conflict = berg.locator(".editing-conflict")
    hers = Revision.objects.filter(article=story, by=alice).get()
    expect(conflict.get_by_role("heading")).to_have_text(
        f"Alice Ames saved this story at {timezone.localtime(hers.created_at):%H:%M}"
    )
    expect(berg.locator(".errorlist.nonfield")).to_contain_text("Nothing was overwritten")
    rows = {
        row.get_by_role("rowheader").inner_text(): row.get_by_role("cell").all_inner_texts()
        for row in conflict.locator("tbody tr").filter(has=berg.get_by_role("rowheader")).all()
    }
    assert rows["Headline"] == ["Harbour cranes to go", "Four harbour cranes to go"]
    assert rows["Standfirst"] == [
        "The board votes to replace all four cranes.",
        "A vote on Monday.",
    ]
    assert "Unions welcome the plan." in rows["Body"][0]
    assert "Unions welcome the plan." not in rows["Body"][1]
    # Marked word by word: his save would strike her paragraph.
    expect(conflict.locator("del", has_text="Unions welcome the plan")).to_be_visible()
    expect(berg.get_by_label("Headline")).to_have_value("Four harbour cranes to go")
    story.refresh_from_db()
    assert (story.title, story.dek) == (
        "Harbour cranes to go",
        "The board votes to replace all four cranes.",
    )
    # His version is in his form only: leaving now asks, and the next ping keeps a copy.
    asked: list[str] = []
    berg.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    with berg.expect_event("dialog"):
        berg.close(run_before_unload=True)
    assert asked == ["beforeunload"]
    run_autosave(berg)
    assert EditSession.objects.get(user=bruno, article=story).typed["dek"] == "A vote on Monday."

    # Bruno takes Alice's paragraph and merges the standfirsts, then saves over hers.
    theirs = rows["Body"][0]
    berg.get_by_label("Body").fill(theirs)
    berg.get_by_label("Standfirst").fill("A vote on Monday: all four cranes will be replaced.")
    berg.get_by_label(re.compile("Save mine over theirs")).check()
    save_and_continue(berg)
    expect(berg.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(berg.locator(".editing-conflict")).to_have_count(0)

    story.refresh_from_db()
    assert story.title == "Four harbour cranes to go"
    assert story.dek == "A vote on Monday: all four cranes will be replaced."
    assert story.body == BODY + "\n\nUnions welcome the plan."
    # Alice's version stays in the history too, under her name.
    assert hers.dek == "The board votes to replace all four cranes."
    assert js_errors == []


# Flow 2 ------------------------------------------------------------------------------------


def test_opening_a_story_someone_has_open_says_who_and_since_when(
    desk: Callable[..., Page], story: Article, alice: Any, bruno: Any, js_errors: list[str]
):
    ames = desk(alice, clock=True)
    open_story(ames, story)
    expect(ames.locator("#editing-others")).to_be_hidden()  # nobody else yet

    berg = desk(bruno)
    open_story(berg, story)
    expect(berg.locator("#editing-others")).to_have_text(
        f"Alice Ames is editing since {since(alice, story)}."
    )
    # Alice is told at her next ping, without reloading.
    assert [who["name"] for who in run_autosave(ames)["others"]] == ["Bruno Berg"]
    expect(ames.locator("#editing-others")).to_have_text(
        f"Bruno Berg is editing since {since(bruno, story)}."
    )
    assert js_errors == []


# Flow 3 ------------------------------------------------------------------------------------


def test_typed_text_is_kept_without_saving_and_offered_back_after_the_tab_closed(
    desk: Callable[..., Page], story: Article, alice: Any, js_errors: list[str]
):
    tab = desk(alice, clock=True)
    open_story(tab, story)
    tab.get_by_label("Headline").fill("Harbour cranes to go next spring")
    body = tab.get_by_label("Body")
    body.press("Control+End")
    body.press_sequentially("\n\nWork starts in March.")

    answer = run_autosave(tab)
    expect(tab.locator("#editing-kept-at")).to_have_text(
        f"A copy of your text was kept at {answer['kept_at']}."
    )
    kept = EditSession.objects.get(user=alice, article=story)
    assert kept.typed["title"] == "Harbour cranes to go next spring"
    assert kept.typed["body"].endswith("Work starts in March.")
    # A copy of her own, not a save: the story and its history are as they were.
    story.refresh_from_db()
    assert (story.title, story.body) == ("Harbour cranes to go", BODY)
    assert Revision.objects.filter(article=story).count() == 1

    tab.close()  # a crash, or a tab closed by mistake
    tab = desk(alice)
    open_story(tab, story)
    offer = tab.get_by_role("region", name="Text kept from your earlier visit")
    expect(offer).to_contain_text(f"What you typed at {answer['kept_at']}")
    expect(tab.get_by_label("Headline")).to_have_value("Harbour cranes to go")
    offer.get_by_role("button", name="Put it back in the form").click()
    expect(tab.locator("#editing-kept-at")).to_have_text(
        "Your kept text is back in the form; save to keep it."
    )
    expect(tab.get_by_label("Headline")).to_have_value("Harbour cranes to go next spring")
    expect(tab.get_by_label("Body")).to_have_value(re.compile("Work starts in March.$"))

    save_and_continue(tab)
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(tab.get_by_role("region", name="Text kept from your earlier visit")).to_have_count(0)
    story.refresh_from_db()
    assert story.title == "Harbour cranes to go next spring"
    assert story.body == BODY + "\n\nWork starts in March."
    assert EditSession.objects.get(user=alice, article=story).typed == {}
    assert js_errors == []


# Flow 4 ------------------------------------------------------------------------------------


def test_leaving_with_changes_not_saved_asks_first_and_after_saving_does_not(
    desk: Callable[..., Page], story: Article, alice: Any, js_errors: list[str]
):
    tab = desk(alice)
    open_story(tab, story)
    standfirst = tab.get_by_label("Standfirst")
    standfirst.press("Control+End")
    standfirst.press_sequentially(" Or not.")

    # The browser asks "Leave site?"; she answers "Cancel" and stays.
    asked: list[str] = []
    tab.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))

    # Closing the tab asks; she stays, and her text with her.
    with tab.expect_event("dialog"):
        tab.close(run_before_unload=True)
    # Following a link away asks too.
    breadcrumb = tab.locator(".breadcrumbs").get_by_role("link", name="Articles", exact=True)
    with tab.expect_event("dialog"):
        breadcrumb.click()
    assert asked == ["beforeunload", "beforeunload"]
    assert not tab.is_closed()
    assert tab.url.endswith(change_url(story))
    expect(standfirst).to_have_value("The board decides. Or not.")

    # Once saved, she leaves without a question.
    save_and_continue(tab)
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    breadcrumb.click()
    expect(tab).to_have_url(re.compile(r"/admin/articles/article/$"))
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert asked == ["beforeunload", "beforeunload"]
    story.refresh_from_db()
    assert story.dek == "The board decides. Or not."
    assert js_errors == []


# Flow 5 ------------------------------------------------------------------------------------


def test_a_reviewers_link_shows_the_story_until_the_editor_revokes_it(
    desk: Callable[..., Page], story: Article, alice: Any, js_errors: list[str]
):
    tab = desk(alice)
    open_story(tab, story)
    tab.get_by_role("link", name="Preview links for reviewers").click()
    tab.get_by_label("Note").fill("Legal: Dana Whitfield")
    tab.get_by_label("Lifetime (hours)").fill("24")
    tab.get_by_role("button", name="Make the link").click()
    expect(tab.locator(".messagelist")).to_contain_text(
        "Made a preview link “Legal: Dana Whitfield”"
    )
    address = tab.get_by_label(re.compile("Copy this address")).input_value()
    link = PreviewLink.objects.get(article=story)
    assert (link.note, link.created_by) == ("Legal: Dana Whitfield", alice)

    reviewer = desk()  # no account, no session
    response = reviewer.goto(address)
    assert response is not None
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(reviewer.locator('meta[name="robots"]')).to_have_attribute(
        "content", "noindex, nofollow"
    )
    expect(reviewer.get_by_role("heading", name="Preview — not published")).to_be_visible()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Harbour cranes to go")
    expect(reviewer.get_by_text("The harbour board met on Monday.")).to_be_visible()

    tab.get_by_role("button", name="Revoke the link Legal: Dana Whitfield").click()
    expect(tab.locator(".messagelist")).to_contain_text("it no longer works")
    expect(tab.locator(".preview-link__state")).to_have_text(
        re.compile("^Revoked by Alice Ames at ")
    )
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert link.revoked_by == alice

    response = reviewer.reload()
    assert response is not None
    assert response.status == 410
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(
        "This preview link no longer works"
    )
    expect(reviewer.get_by_text("This preview link was withdrawn by the newsroom.")).to_be_visible()
    expect(reviewer.get_by_text("The harbour board met on Monday.")).to_have_count(0)
    # The browser's console notes the 410 itself; the pages' scripts had nothing to say.
    assert js_errors == [
        f"Failed to load resource: the server responded with a status of 410 (Gone) ({address})"
    ]
