"""What the back office's front page shows one user: the newsroom's queues and what waits.

``Dashboard(request)`` answers each part of the page with bounded queries, asked only
when the template reads it (a part the user may not see costs nothing):

- ``counts``: how many stories are in each workflow state (a COUNT on an index for each
  state of the whole newsroom; one query over a writer's own stories);
- ``review``, ``scheduled``, ``published``: the newsroom's queues, ``SHOWN`` rows each;
- ``drafts``: the user's own drafts and stories in review, newest changed first;
- ``recent``: the stories the user started, is bylined on or moved last, newest first;
- ``comments``: how many comments wait for moderation, and the newest of them.

Whose stories the queues hold follows the newsroom's rules (``articles.policy``): those
who may act on colleagues' stories (Editors) see everyone's; the others (Authors,
Contributors) see only their own, so a Contributor sees what they submitted, not the
review queue of others. Each queue ends with a link to the story list filtered alike.

A worked example, for an Editor ``request``::

    board = Dashboard(request)
    board.review.rows          # up to SHOWN stories in review, the longest waiting first
    board.review.more_url      # "/admin/articles/article/?state=review"
    board.counts.total         # every story not in the trash
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse

from masthead.articles.models import Article
from masthead.articles.models.article import ArticleQuerySet
from masthead.articles.models.people import person_name
from masthead.articles.policy import ANY
from masthead.comments.models import Comment
from masthead.core import clock

Status = Article.Status
SHOWN = 10
COMMENTS_SHOWN = 5

# A queue's rows need the headline, the state, the times and who moved the story last:
# the body and its rendering, most of a row's bytes, stay in the table.
ROW_FIELDS = [
    "title", "status", "published_at", "modified_at", "status_changed_at",
    "status_changed_by__username", "status_changed_by__first_name",
    "status_changed_by__last_name",
]  # fmt: skip
# How a queue describes a story: a note (who moved it, or its state) and a time.
Describe = Callable[[Article], tuple[str, "datetime | None"]]
# The states counted, in the order of a story's life.
STATES = [
    ("draft", "Drafts"), ("review", "In review"), ("scheduled", "Scheduled"),
    ("published", "Published"), ("unpublished", "Unpublished"), ("trash", "Trash"),
]  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One story of a queue: the story, a note about it (who, or its state) and a time."""

    article: Article
    note: str
    when: datetime | None

    @property
    def url(self) -> str:
        return reverse("admin:articles_article_change", args=[self.article.pk])


@dataclass(frozen=True)
class Queue:
    """One list of the dashboard: at most ``SHOWN`` rows and the link to all of them."""

    key: str
    title: str
    rows: list[Row]
    more_url: str
    more_label: str
    empty: str
    note_heading: str
    when_heading: str


@dataclass(frozen=True)
class StateCount:
    """How many stories are in one state, and the story list showing them."""

    state: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Counts:
    """The stories per state, in the order of a story's life."""

    states: list[StateCount] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Every story counted, the trash left out."""
        return sum(s.count for s in self.states if s.state != "trash")


@dataclass(frozen=True)
class Waiting:
    """The comments awaiting moderation: how many, the newest few, and the queue's link."""

    count: int
    newest: list[Comment]
    more_url: str


class Dashboard:
    """One user's dashboard; each part is asked of the database when first read."""

    shown = SHOWN
    comments_shown = COMMENTS_SHOWN

    def __init__(self, request: HttpRequest, *, at: datetime | None = None) -> None:
        self.request = request
        self.user: Any = request.user
        self.at = at or clock.now()

    # Who sees what ---------------------------------------------------------------------------

    @cached_property
    def sees_stories(self) -> bool:
        """Whether the user may see stories at all (any of the story permissions)."""
        return self.user.has_perm("articles.view_article") or self.user.has_perm(
            "articles.change_article"
        )

    @cached_property
    def sees_everyone(self) -> bool:
        """Whether the queues hold colleagues' stories too (Editors), not only the user's."""
        return self.user.has_perm(ANY)

    @cached_property
    def sees_comments(self) -> bool:
        """Whether the user may see the moderation queue (and so what waits in it)."""
        return self.user.has_perm("comments.view_comment") or self.user.has_perm(
            "comments.change_comment"
        )

    def stories(self) -> ArticleQuerySet:
        """The stories the queues and counts are made of: everyone's, or the user's own."""
        if self.sees_everyone:
            return Article.objects.order_by()
        return Article.objects.mine(self.user).order_by()

    @cached_property
    def queues(self) -> list[Queue]:
        """The queues in the order the user works through them: the desk's, then their own."""
        if self.sees_everyone:
            return [self.review, self.scheduled, self.drafts, self.published, self.recent]
        return [self.drafts, self.review, self.scheduled, self.published, self.recent]

    # The parts ---------------------------------------------------------------------------

    @cached_property
    def counts(self) -> Counts:
        """How many stories are in each state."""
        found = self.newsroom_counts() if self.sees_everyone else self.own_counts()
        return Counts(
            [StateCount(state, label, found[state], self.list_url(state=state))
             for state, label in STATES]
        )  # fmt: skip

    def newsroom_counts(self) -> dict[str, int]:
        """Every story's state: a COUNT per state, each a range of one index, no row read.

        One query counting all six at once must visit every entry of an index and was
        three to four times slower at 100,000 stories (bench/dashboard.py); here only
        the published stories make a long range.
        """
        return {state: Article.objects.in_state(state, self.at).count() for state, _ in STATES}

    def own_counts(self) -> dict[str, int]:
        """The user's own stories' states, in one query over those few rows."""
        published, future = Q(status=Status.PUBLISHED), Q(published_at__gt=self.at)
        return self.stories().aggregate(
            draft=Count("pk", filter=Q(status=Status.DRAFT)),
            review=Count("pk", filter=Q(status=Status.REVIEW)),
            scheduled=Count("pk", filter=published & future),
            published=Count("pk", filter=published & ~future),
            unpublished=Count("pk", filter=Q(status=Status.UNPUBLISHED)),
            trash=Count("pk", filter=Q(status=Status.TRASH)),
        )

    @cached_property
    def review(self) -> Queue:
        """Stories in review, the longest waiting first, with who submitted them and when."""
        stories = self.stories().filter(status=Status.REVIEW)
        # Stories from before the workflow have no time: they have waited longest.
        order = F("status_changed_at").asc(nulls_first=True)
        return Queue(
            key="review", rows=self.rows(stories.order_by(order, "pk"), submitted),
            title="In review" if self.sees_everyone else "Your stories in review",
            more_url=self.list_url(state="review"), more_label="See all stories in review",
            empty="Nothing waits for review.", note_heading="Submitted by",
            when_heading="Submitted",
        )  # fmt: skip

    @cached_property
    def scheduled(self) -> Queue:
        """Stories scheduled for later, the soonest first, with their times."""
        stories = self.stories().scheduled(self.at).order_by("published_at", "pk")
        return Queue(
            key="scheduled", rows=self.rows(stories, publication),
            title="Scheduled" if self.sees_everyone else "Your scheduled stories",
            more_url=self.list_url(state="scheduled"), more_label="See all scheduled stories",
            empty="Nothing is scheduled.", note_heading="Scheduled by",
            when_heading="Goes out",
        )  # fmt: skip

    @cached_property
    def drafts(self) -> Queue:
        """The user's own drafts and stories in review, the most recently changed first."""
        own = Article.objects.mine(self.user)
        stories = own.filter(status__in=[Status.DRAFT, Status.REVIEW])
        return Queue(
            key="drafts", rows=self.rows(stories.order_by("-modified_at", "-pk"), changed),
            title="My drafts", more_url=self.list_url(mine=True, state="draft"),
            more_label="See all my drafts", empty="You have no drafts.",
            note_heading="State", when_heading="Last changed",
        )  # fmt: skip

    @cached_property
    def published(self) -> Queue:
        """Stories published lately, the newest first."""
        stories = self.stories().published(self.at).newest_first()
        return Queue(
            key="published", rows=self.rows(stories, publication),
            title="Recently published" if self.sees_everyone else "Your stories published",
            more_url=self.list_url(state="published"), more_label="See all published stories",
            empty="Nothing has been published yet.", note_heading="Published by",
            when_heading="Published",
        )  # fmt: skip

    @cached_property
    def recent(self) -> Queue:
        """The stories the user started, is bylined on or moved last, newest changed first.

        The trash is left out: a story there is past working on.
        """
        touched = touched_story_ids(self.user)
        stories = Article.objects.filter(pk__in=touched).exclude(status=Status.TRASH)
        return Queue(
            key="recent", rows=self.rows(stories.order_by("-modified_at", "-pk"), changed),
            title="Your recent stories", more_url=self.list_url(mine=True),
            more_label="See all my stories", empty="You haven't worked on a story yet.",
            note_heading="State", when_heading="Last changed",
        )  # fmt: skip

    @cached_property
    def comments(self) -> Waiting:
        """The comments awaiting moderation: the count the menu shows, and the newest few."""
        newest = (
            Comment.objects.pending()
            .select_related("article")
            .only("author_name", "body", "created_at", "article__title")
            .order_by("-created_at", "-pk")
        )
        return Waiting(
            count=pending_comments(self.request),
            newest=list(newest[: self.comments_shown]),
            more_url=f"{reverse('admin:comments_comment_changelist')}?status=pending",
        )

    # Helpers -----------------------------------------------------------------------------

    def rows(self, stories: QuerySet[Article], describe: Describe) -> list[Row]:
        """The first ``shown`` of ``stories``, each described by ``describe``."""
        found = stories.select_related("status_changed_by").only(*ROW_FIELDS)[: self.shown]
        return [Row(article, *describe(article)) for article in found]

    def list_url(self, *, state: str = "", mine: bool = False) -> str:
        """The story list filtered to ``state``, and to the user's own stories when asked.

        A user who sees only their own stories here gets their own there too.
        """
        query = {"mine": "1"} if mine or not self.sees_everyone else {}
        if state:
            query["state"] = state
        base = reverse("admin:articles_article_changelist")
        return f"{base}?{urlencode(query)}" if query else base


def touched_story_ids(user: Any) -> QuerySet[Any]:
    """The ids of the stories ``user`` started, is bylined on or moved last.

    ``Article.objects.mine`` with the moved ones added, asked as one UNION of index lookups
    like it (an OR cannot use the indexes on PostgreSQL).
    """
    mine = Article.objects.mine(user).order_by().values("pk")
    moved = Article.objects.filter(status_changed_by=user).order_by().values("pk")
    return mine.union(moved)


def mover(article: Article) -> str:
    """The name of who moved ``article`` to its state last, or "" when nobody is known."""
    person = article.status_changed_by
    return "" if person is None else person_name(person)


def submitted(article: Article) -> tuple[str, datetime | None]:
    return mover(article), article.status_changed_at


def publication(article: Article) -> tuple[str, datetime | None]:
    return mover(article), article.published_at


def changed(article: Article) -> tuple[str, datetime | None]:
    return article.state_label, article.modified_at


def pending_comments(request: HttpRequest) -> int:
    """How many comments await moderation: one COUNT on the queue's index, once a request.

    The index page asks three times (its list, the sidebar's and the dashboard's).
    """
    count = getattr(request, "_pending_comments", None)
    if count is None:
        count = request._pending_comments = Comment.objects.pending().count()  # type: ignore[attr-defined]
    return count
