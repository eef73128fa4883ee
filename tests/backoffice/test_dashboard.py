"""The dashboard on /admin/: each role's queues, the counts, the comments waiting, the links."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from masthead.articles import services
from masthead.articles.models import Article, Author
from masthead.comments.models import Comment
from tests import factories
from tests.conftest import ago, soup, text

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
STORIES = reverse("admin:articles_article_changelist")
Status = Article.Status


@pytest.fixture
def desk(db: Any) -> dict[str, Any]:
    """An Editor, an Author and a Contributor (both with bylines), and a section."""
    return {
        "editor": factories.person("Editor", "eddie", first_name="Eddie", last_name="Desk"),
        "author": factories.person("Author", "ava", byline=True),
        "contributor": factories.person("Contributor", "cole", byline=True),
        "section": factories.CategoryFactory(),
    }


def byline(user: Any) -> Author:
    return Author.objects.get(user=user)


def story(title: str, by: Any = None, *, status: str = Status.DRAFT, **fields: Any) -> Article:
    """A story ``by`` a writer (started by them, on their byline), in ``status``."""
    if status != Status.PUBLISHED:
        fields.setdefault("published_at", None)
    if by is not None:
        fields.update(created_by=by, authors=[byline(by)])
    return factories.article(title=title, status=status, **fields)


def submitted(title: str, by: Any, *, hours_ago: float) -> Article:
    """A story ``by`` sent for review ``hours_ago``, by them."""
    article = services.submit_for_review(article=story(title, by), by=by)
    Article.objects.filter(pk=article.pk).update(status_changed_at=ago(hours=hours_ago))
    return article


def dashboard(client: Any, user: Any) -> Any:
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code == 200
    return soup(response)


def headlines(doc: Any, key: str) -> list[str]:
    """The headlines a queue lists, in order; [] when the queue shows its empty state."""
    section = doc.select_one(f"#board-{key}")
    assert section is not None, f"no {key} queue on the page"
    return [text(th) for th in section.select("tbody th")]


def column(doc: Any, key: str, index: int) -> list[str]:
    """One column of a queue's rows: 0 is the note (who, or the state), 1 the time."""
    return [text(row.select("td")[index]) for row in doc.select(f"#board-{key} tbody tr")]


def moment(tag: Any) -> datetime:
    """The time a ``<time>`` element gives, in HTML's form (whole seconds and an offset)."""
    return datetime.strptime(tag["datetime"], "%Y-%m-%dT%H:%M:%S%z")


def counts(doc: Any) -> dict[str, int]:
    return {text(row.th): int(text(row.td)) for row in doc.select("#board-counts tbody tr")}


def more_link(doc: Any, key: str) -> str:
    return doc.select_one(f"#board-{key} .newsroom-more a")["href"]


# The queues, for an editor ---------------------------------------------------------------


def test_the_review_queue_lists_the_longest_waiting_first_with_who_sent_it_and_when(client, desk):
    cole, ava = desk["contributor"], desk["author"]
    submitted("Waited an hour", cole, hours_ago=1)
    submitted("Waited a day", ava, hours_ago=24)
    submitted("Waited a minute", cole, hours_ago=0.02)
    story("Still a draft", cole)
    doc = dashboard(client, desk["editor"])
    assert headlines(doc, "review") == ["Waited a day", "Waited an hour", "Waited a minute"]
    assert column(doc, "review", 0) == ["ava", "cole", "cole"]
    sent = moment(doc.select_one("#board-review tbody time"))
    assert abs(sent - ago(hours=24)) < timedelta(minutes=1)


def test_the_scheduled_queue_lists_the_soonest_first_with_its_time(client, desk):
    editor = desk["editor"]
    later = factories.article(title="Next week", published_at=ago(days=-7))
    factories.article(title="Tomorrow", published_at=ago(days=-1))
    factories.article(title="Already out", published_at=ago(hours=1))
    services.publish_article(article=later, by=editor, at=later.published_at)
    doc = dashboard(client, editor)
    assert headlines(doc, "scheduled") == ["Tomorrow", "Next week"]
    times = [moment(t) for t in doc.select("#board-scheduled tbody time")]
    assert [round((t - ago()) / timedelta(days=1)) for t in times] == [1, 7]


def test_recently_published_lists_the_newest_first_and_not_what_is_scheduled(client, desk):
    factories.article(title="Yesterday", published_at=ago(days=1))
    factories.article(title="This morning", published_at=ago(hours=3))
    factories.article(title="Tonight", published_at=ago(hours=-5))
    story("Taken down", status=Status.UNPUBLISHED, published_at=ago(hours=2))
    doc = dashboard(client, desk["editor"])
    assert headlines(doc, "published") == ["This morning", "Yesterday"]


def test_my_drafts_are_the_users_own_drafts_and_submissions_newest_changed_first(client, desk):
    ava = desk["author"]
    first = story("My first draft", ava)
    submitted("Sent to the desk", ava, hours_ago=1)
    story("Bylined by me, started by a colleague", authors=[byline(ava)])
    story("Someone else's draft", desk["contributor"])
    story("My published piece", ava, status=Status.PUBLISHED)
    services.save_article(article=first, by=ava)  # changed last
    doc = dashboard(client, ava)
    assert headlines(doc, "drafts") == [
        "My first draft", "Bylined by me, started by a colleague", "Sent to the desk",
    ]  # fmt: skip
    assert column(doc, "drafts", 0) == ["Draft", "Draft", "In review"]


def test_recent_stories_are_those_the_user_started_is_bylined_on_or_moved(client, desk):
    editor, cole = desk["editor"], desk["contributor"]
    theirs = submitted("Cole's piece, published by the editor", cole, hours_ago=1)
    services.publish_article(article=theirs, by=editor)
    story("Started by the editor", created_by=editor)
    story("Nothing to do with the editor", cole)
    binned = story("Binned by the editor", created_by=editor)
    services.trash_article(article=binned, by=editor)
    doc = dashboard(client, editor)
    assert headlines(doc, "recent") == [
        "Started by the editor", "Cole's piece, published by the editor",
    ]  # fmt: skip
    assert column(doc, "recent", 0) == ["Draft", "Published"]


def test_a_queue_shows_ten_stories_and_links_to_the_rest(client, desk):
    for n in range(12):
        factories.article(title=f"Story {n:02}", published_at=ago(hours=n + 1))
    doc = dashboard(client, desk["editor"])
    assert headlines(doc, "published") == [f"Story {n:02}" for n in range(10)]
    assert more_link(doc, "published") == f"{STORIES}?state=published"


def test_each_row_opens_the_story_in_the_back_office(client, desk):
    article = submitted("Open me", desk["contributor"], hours_ago=1)
    doc = dashboard(client, desk["editor"])
    link = doc.select_one("#board-review tbody th a")
    assert link["href"] == reverse("admin:articles_article_change", args=[article.pk])


def test_a_time_reads_as_the_story_list_writes_it_day_first_on_the_24_hour_clock(client, desk):
    """One format on every back-office screen: "8 Dec 2099, 07:00", never "7 a.m."."""
    goes_out = timezone.make_aware(datetime(2099, 12, 8, 7, 0))
    factories.article(title="Far ahead", published_at=goes_out)
    doc = dashboard(client, desk["editor"])
    listed = soup(client.get(STORIES, {"state": "scheduled"}))
    assert column(doc, "scheduled", 1) == ["8 Dec 2099, 07:00"]
    assert [text(td) for td in listed.select("#result_list td.field-state")] == [
        "Scheduled for 8 Dec 2099, 07:00"
    ]


# The counts ---------------------------------------------------------------------------------


def test_counts_give_the_stories_in_each_state(client, desk):
    editor = desk["editor"]
    for n in range(3):
        factories.article(title=f"Out {n}")
    factories.article(title="Later", published_at=ago(days=-1))
    story("Draft A"), story("Draft B")
    submitted("Sent", desk["contributor"], hours_ago=1)
    story("Off", status=Status.UNPUBLISHED, published_at=ago(days=2))
    services.trash_article(article=story("Binned"), by=editor)
    doc = dashboard(client, editor)
    assert counts(doc) == {
        "Drafts": 2, "In review": 1, "Scheduled": 1, "Published": 3, "Unpublished": 1, "Trash": 1,
    }  # fmt: skip


def test_each_count_links_to_the_story_list_in_that_state(client, desk):
    doc = dashboard(client, desk["editor"])
    links = [a["href"] for a in doc.select("#board-counts tbody th a")]
    assert links == [
        f"{STORIES}?state={state}"
        for state in ("draft", "review", "scheduled", "published", "unpublished", "trash")
    ]


# Each role sees its own ---------------------------------------------------------------------


def test_a_contributor_sees_what_they_submitted_not_the_desks_review_queue(client, desk):
    cole, ava = desk["contributor"], desk["author"]
    submitted("Cole's submission", cole, hours_ago=2)
    submitted("Ava's submission", ava, hours_ago=3)
    story("Cole's draft", cole)
    story("Ava's draft", ava)
    doc = dashboard(client, cole)
    assert text(doc.select_one("#board-review h2")) == "Your stories in review"
    assert headlines(doc, "review") == ["Cole's submission"]
    assert headlines(doc, "drafts") == ["Cole's draft", "Cole's submission"]
    assert counts(doc)["In review"] == 1
    assert counts(doc)["Drafts"] == 1


def test_an_author_sees_their_own_stories_queues(client, desk):
    ava, cole = desk["author"], desk["contributor"]
    story("Ava's scheduled piece", ava, status=Status.PUBLISHED, published_at=ago(days=-1))
    story("Cole's scheduled piece", cole, status=Status.PUBLISHED, published_at=ago(days=-1))
    story("Ava's piece", ava, status=Status.PUBLISHED)
    story("Cole's piece", cole, status=Status.PUBLISHED)
    doc = dashboard(client, ava)
    assert headlines(doc, "scheduled") == ["Ava's scheduled piece"]
    assert headlines(doc, "published") == ["Ava's piece"]
    assert counts(doc)["Published"] == 1


def test_an_editor_sees_every_colleagues_stories(client, desk):
    submitted("Cole's submission", desk["contributor"], hours_ago=2)
    story("Ava's piece", desk["author"], status=Status.PUBLISHED)
    doc = dashboard(client, desk["editor"])
    assert text(doc.select_one("#board-review h2")) == "In review"
    assert headlines(doc, "review") == ["Cole's submission"]
    assert headlines(doc, "published") == ["Ava's piece"]


def test_writers_links_lead_to_their_own_stories(client, desk):
    submitted("Cole's submission", desk["contributor"], hours_ago=2)
    doc = dashboard(client, desk["contributor"])
    assert more_link(doc, "review") == f"{STORIES}?mine=1&state=review"
    assert more_link(doc, "drafts") == f"{STORIES}?mine=1&state=draft"
    assert doc.select_one("#board-counts tbody th a")["href"] == f"{STORIES}?mine=1&state=draft"


def test_editors_links_lead_to_the_filtered_story_list(client, desk):
    editor = desk["editor"]
    submitted("Sent", desk["contributor"], hours_ago=2)
    story("Mine", created_by=editor)
    factories.article(title="Later", published_at=ago(days=-1))
    doc = dashboard(client, editor)
    assert more_link(doc, "review") == f"{STORIES}?state=review"
    assert more_link(doc, "scheduled") == f"{STORIES}?state=scheduled"
    assert more_link(doc, "drafts") == f"{STORIES}?mine=1&state=draft"
    assert more_link(doc, "recent") == f"{STORIES}?mine=1"


# Comments waiting ---------------------------------------------------------------------------


def test_comments_waiting_are_counted_and_the_newest_shown_with_their_headlines(client, desk):
    older = factories.article(title="The council vote")
    newer = factories.article(title="The budget")
    factories.comment(older, status=Comment.Status.PENDING, author_name="Ann",
                      created_at=ago(hours=2))  # fmt: skip
    factories.comment(newer, status=Comment.Status.PENDING, author_name="Ben",
                      body="Where are the figures?", created_at=ago(hours=1))  # fmt: skip
    factories.comment(newer, status=Comment.Status.APPROVED, author_name="Cy")
    doc = dashboard(client, desk["editor"])
    section = doc.select_one("#board-comments")
    assert text(section.select_one(".newsroom-waiting")) == "2 comments await moderation."
    rows = [[text(cell) for cell in row.select("th, td")][:2] for row in section.select("tbody tr")]
    assert rows == [
        ["Ben: Where are the figures?", "The budget"],
        ["Ann: Good piece.", "The council vote"],
    ]
    assert more_link(doc, "comments") == (
        f"{reverse('admin:comments_comment_changelist')}?status=pending"
    )


def test_a_waiting_comments_time_reads_like_every_other(client, desk):
    received = timezone.make_aware(datetime(2026, 3, 4, 16, 5))
    factories.comment(factories.article(), status=Comment.Status.PENDING, created_at=received)
    doc = dashboard(client, desk["editor"])
    assert text(doc.select_one("#board-comments tbody time")) == "4 Mar 2026, 16:05"


def test_at_most_five_waiting_comments_are_listed(client, desk):
    article = factories.article()
    for n in range(7):
        factories.comment(article, status=Comment.Status.PENDING, created_at=ago(minutes=n))
    doc = dashboard(client, desk["editor"])
    assert text(doc.select_one("#board-comments .newsroom-waiting")) == (
        "7 comments await moderation."
    )
    assert len(doc.select("#board-comments tbody tr")) == 5


def test_a_contributor_who_may_not_moderate_sees_no_comments(client, desk):
    factories.comment(factories.article(), status=Comment.Status.PENDING)
    doc = dashboard(client, desk["contributor"])
    assert doc.select_one("#board-comments") is None


# An empty newsroom --------------------------------------------------------------------------


def test_an_empty_newsroom_shows_friendly_empty_states(client, desk):
    doc = dashboard(client, desk["editor"])
    empty = {key: text(doc.select_one(f"#board-{key} .newsroom-empty")) for key in (
        "review", "scheduled", "drafts", "published", "recent", "comments",
    )}  # fmt: skip
    assert empty == {
        "review": "Nothing waits for review.",
        "scheduled": "Nothing is scheduled.",
        "drafts": "You have no drafts.",
        "published": "Nothing has been published yet.",
        "recent": "You haven't worked on a story yet.",
        "comments": "No comments are waiting for moderation.",
    }
    assert not doc.select("#content-main .newsroom-board table tbody tr td a")
    assert set(counts(doc).values()) == {0}


def test_the_list_of_every_screen_stays_below_the_dashboard(client, desk):
    doc = dashboard(client, desk["editor"])
    main = doc.select_one("#content-main")
    assert main.select_one(".newsroom-board")
    assert main.select_one("tr.model-article th a")["href"] == STORIES


def test_headings_go_in_order(client, desk):
    doc = dashboard(client, desk["editor"])
    levels = [int(h.name[1]) for h in doc.select("h1, h2, h3, h4, h5, h6")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


# Bounded queries ----------------------------------------------------------------------------


def newsroom_of(size: int, desk: dict[str, Any]) -> None:
    """``size`` stories of every kind, by the author and the contributor, with comments."""
    for n in range(size):
        writer = desk["author"] if n % 2 else desk["contributor"]
        submitted(f"Sent {n}", writer, hours_ago=n + 1)
        story(f"Draft {n}", writer)
        out = story(f"Out {n}", writer, status=Status.PUBLISHED, published_at=ago(hours=n + 1))
        story(f"Later {n}", writer, status=Status.PUBLISHED, published_at=ago(hours=-n - 1))
        factories.comment(out, status=Comment.Status.PENDING)


def queries_for(client: Any, user: Any) -> int:
    client.force_login(user)
    client.get(INDEX)  # the first request after signing in also settles the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["editor", "author", "contributor"])
def test_the_dashboard_asks_as_many_queries_for_fifty_stories_as_for_five(
    client, desk, role, django_assert_max_num_queries
):
    user = desk[role]
    newsroom_of(5, desk)
    few = queries_for(client, user)
    newsroom_of(45, desk)
    with django_assert_max_num_queries(few):
        client.get(INDEX)
    # Session, user, two for permissions, six counts (one for a writer's own), five
    # queues, two for comments, the admin's log of the user's actions.
    assert few <= 18
