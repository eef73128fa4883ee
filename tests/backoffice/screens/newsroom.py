"""The newsroom the screens show: something on every screen of the back office.

Stories in every state (two revisions of one, a story with preview links, one another
editor has open, text kept from an editor's earlier visit), a comment waiting in a
thread, one member per role with their byline, and a row of every other model: pages,
menus, pictures, wire feeds and stories, webhooks and their deliveries, API tokens, the
audit log, two-factor sign-in on for some members and being set up by one, a CSP report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from masthead.api import services as api_services
from masthead.api.webhooks import services as webhooks
from masthead.articles import services
from masthead.articles.models import Article, MenuItem, Page, Source
from masthead.articles.services import editing, previews
from masthead.backoffice import audit, cspreports, logins, twofactor
from masthead.backoffice import services as members
from masthead.backoffice.models import AuditEntry
from masthead.backoffice.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR
from masthead.comments.models import Comment
from masthead.core import clock
from masthead.ingest.models import WireFeed, WireFetch, WireItem
from tests import factories
from tests.backoffice.otp import enrol

Status = Article.Status


@dataclass
class Newsroom:
    """What ``make`` made: the members by role, and the rows the screens show."""

    people: dict[str, Any]
    stories: dict[str, Article]
    comment: Comment
    # The row whose screens stand for its model's, where the first row would not do.
    samples: dict[type[models.Model], models.Model] = field(default_factory=dict)


def make() -> Newsroom:
    """Fill the database with a newsroom that has something on every screen."""
    base = factories.newsroom()
    people = _members()
    stories = _stories_in_every_state(base, people)
    room = Newsroom(people=people, stories=stories, comment=_thread(stories["published"]))
    _editing(room)
    _desk(room)
    _two_factor(room)
    return room


def _members() -> dict[str, Any]:
    """One member per role (all but the Administrator with a byline)."""
    ada = factories.person(ADMINISTRATOR, "ada", first_name="Ada", last_name="Admin")
    people = {ADMINISTRATOR: ada}
    for role, username, first in [(EDITOR, "ed", "Ed"), (AUTHOR, "ann", "Ann")]:
        people[role] = factories.person(
            role, username, byline=True, first_name=first, last_name="Newsroom"
        )
    # Cora joined as an Author: the Administrator's change of her role is in the audit log.
    people[CONTRIBUTOR] = factories.person(
        AUTHOR, "cora", byline=True, first_name="Cora", last_name="Newsroom"
    )
    members.set_role(user=people[CONTRIBUTOR], role=CONTRIBUTOR, by=ada)
    return people


def _stories_in_every_state(base: dict[str, Any], people: dict[str, Any]) -> dict[str, Article]:
    """One story in each state, and published ones for the colleague's, conflict, errors."""
    editor, author, contributor = people[EDITOR], people[AUTHOR], people[CONTRIBUTOR]
    later = clock.now() + timedelta(days=1)

    def story(title: str, by: Any, status: str, published_at: Any = None) -> Article:
        item = Article(
            title=title, body="A first paragraph.\n\nA second one.", dek=f"About {title}.",
            category=base["policy"], status=status, published_at=published_at,
        )  # fmt: skip
        return services.save_article(
            article=item, by=by, authors=[by.author_profile], tags=base["tags"][:2]
        )

    stories = {
        "published": base["stories"][0],
        "colleague": base["stories"][1],
        "draft": story("A contributor's draft", contributor, Status.DRAFT),
        "review": story("A story in review", author, Status.REVIEW),
        "scheduled": story("A scheduled story", editor, Status.PUBLISHED, later),
        "unpublished": story("An unpublished story", editor, Status.PUBLISHED, clock.now()),
        "trash": story("A story in the trash", editor, Status.DRAFT),
        "conflict": base["stories"][2],
        "errors": base["stories"][4],
    }
    services.unpublish_article(article=stories["unpublished"], by=editor)
    services.trash_article(article=stories["trash"], by=editor)
    # A picture from another site, for the screen that offers to import it.
    review = stories["review"]
    review.body += "\n\n![Cranes at the harbour](https://photos.example/harbour.jpg)"
    services.save_article(article=review, by=author)
    # A second revision of the published story, to compare with the first.
    published = stories["published"]
    published.body += "\n\nA paragraph added later, with more words in it."
    published.title = "Story number 0, corrected"
    services.save_article(article=published, by=editor)
    return stories


def _thread(story: Article) -> Comment:
    """A comment waiting for moderation, replying to one and replied to by another."""
    first = factories.comment(story, author_name="Reader One", author_url="https://one.example")
    waiting = factories.comment(
        story, parent=first, depth=1, status=Comment.Status.PENDING, author_name="Reader Two",
        body="Is the date in the second paragraph right?", ip_address="203.0.113.9",
    )  # fmt: skip
    factories.comment(story, parent=waiting, depth=2, author_name="Reader Three")
    return waiting


def _editing(room: Newsroom) -> None:
    """Preview links on the draft; the author on the published story, the editor's kept text."""
    editor, author = room.people[EDITOR], room.people[AUTHOR]
    draft, published = room.stories["draft"], room.stories["published"]
    revoked, _ = previews.create_preview_link(article=draft, by=editor, note="Legal")
    previews.revoke_preview_link(link=revoked, by=editor)
    previews.create_preview_link(article=draft, by=editor, note="Dana Whitfield")
    editing.open_story(user=author, article=published)
    editing.autosave(
        user=editor, article=published, typed={"title": "A headline typed, never saved"},
        base_version=published.version,
    )  # fmt: skip


def _desk(room: Newsroom) -> None:
    """A row for every other screen: pages, menus, pictures, the wire, webhooks, logs, lockouts."""
    ada = room.people[ADMINISTRATOR]
    services.save_page(page=Page(title="About us", slug="about", body="Who we are."))
    MenuItem.objects.create(label="About", url="/about/", position=1)
    factories.image(alt="A newsroom at night", width=320, height=180)
    colleague = room.stories["colleague"]
    feed = WireFeed.objects.create(
        name="Harbour Wire feed", url="https://harbour-wire.example/rss",
        publisher=Source.objects.get(), category=colleague.category,
    )  # fmt: skip
    WireFetch.objects.create(feed=feed, outcome=WireFetch.Outcome.READ, status=200, entries=1)
    WireItem.objects.create(
        feed=feed, key="harbour-1", title="A wire story", outcome=WireItem.Outcome.PUBLISHED,
        article=colleague, digest="0" * 64, signature=b"",
    )  # fmt: skip
    webhooks.create_webhook(
        name="Newsletter",
        url="https://hooks.example/in",
        events=["article.published"],
        created_by=ada,
    )
    webhooks.queue(event="article.published", payload={"id": room.stories["published"].pk})
    api_services.issue_token(user=room.people[EDITOR], name="Wire bot")
    audit.record(action=AuditEntry.Action.LOGIN, actor=ada, ip="203.0.113.7")
    for _ in range(5):  # a sign-in lockout for its screen
        logins.Throttle().failed(username="intruder", ip="198.51.100.66")
    cspreports.store(
        [{"document_uri": "http://testserver/", "directive": "script-src-elem",
          "blocked_uri": "https://tracker.example/t.js", "line": 3}],
        user_agent="Chromium",
    )  # fmt: skip
    room.samples = {
        Article: room.stories["published"],
        Comment: room.comment,
        get_user_model(): room.people[EDITOR],
        AuditEntry: AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_CHANGED).first(),
    }


def _two_factor(room: Newsroom) -> None:
    """Two-factor sign-in on for the Administrator and the Editor; the Author setting it up."""
    enrol(room.people[ADMINISTRATOR])
    enrol(room.people[EDITOR])
    twofactor.start(user=room.people[AUTHOR])
