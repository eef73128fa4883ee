"""What a change purges, as the purge backends hear it: the stale tags, and nothing else.

A webhook backend pointed at a real local receiver records every purge; the pages
themselves are checked in test_invalidation.py.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db.models.deletion import Collector

from masthead.articles import services
from masthead.articles.models import PreviewLink, Revision
from masthead.comments.models import Comment
from masthead.core import clock
from tests import factories
from tests.api.webhook_receiver import Receiver, http_receiver  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def purged(http_receiver: Receiver, settings: Any) -> Any:  # noqa: F811
    """``purged()``: every tag purged since the last call."""
    settings.MASTHEAD_PURGE_BACKENDS = [
        {"BACKEND": "masthead.caching.purge.Webhook", "OPTIONS": {"urls": [http_receiver.url]}}
    ]

    def tags() -> set[str]:
        found = {t for r in http_receiver.requests for t in json.loads(r.body)["tags"]}
        http_receiver.requests.clear()
        return found

    return tags


def test_an_edit_in_place_purges_the_story_not_the_lists(newsroom: dict[str, Any], purged: Any):
    story = newsroom["stories"][0]
    purged()
    story.title = "A new headline"
    services.save_article(article=story)
    assert purged() == {f"a:{story.pk}", "sitemaps", "comments"}


def test_a_new_tag_on_a_story_purges_that_tags_list(newsroom: dict[str, Any], purged: Any):
    story, europe = newsroom["stories"][0], newsroom["tags"][2]
    purged()
    services.save_article(article=story, tags=[*story.tags.all(), europe])
    assert purged() == {f"a:{story.pk}", f"lt:{europe.pk}", "sitemaps", "comments"}


def test_a_publication_purges_every_list_it_enters(newsroom: dict[str, Any], purged: Any):
    purged()
    story = factories.article(
        category=newsroom["policy"], authors=[newsroom["bob"]], tags=[newsroom["tags"][1]]
    )
    day = story.pub_date
    assert purged() == {
        f"a:{story.pk}", f"ls:{newsroom['policy'].pk}", f"ls:{newsroom['ai'].pk}",
        f"lt:{newsroom['tags'][1].pk}", f"lp:{newsroom['bob'].pk}",
        f"archive:{day:%Y}", f"archive:{day:%Y-%m}",
        "latest", "home", "sitemaps", "comments", "notfound",
    }  # fmt: skip


def test_a_draft_purges_nothing(newsroom: dict[str, Any], purged: Any):
    draft = factories.article(status="draft", category=newsroom["ai"], authors=[newsroom["bob"]])
    assert purged() == set()
    draft.title = "Still a draft"
    services.save_article(article=draft)
    assert purged() == set()


def test_a_comment_awaiting_moderation_purges_nothing(newsroom: dict[str, Any], purged: Any):
    purged()
    factories.comment(newsroom["stories"][0], status=Comment.Status.PENDING)
    assert purged() == set()


def test_approving_a_comment_purges_its_story_thread_and_the_comment_feed(
    newsroom: dict[str, Any], purged: Any
):
    story = newsroom["stories"][0]
    comment = factories.comment(story, status=Comment.Status.PENDING)
    purged()
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert purged() == {f"c:{story.pk}", "comments"}
    comment.status = Comment.Status.SPAM
    comment.save()
    assert purged() == {f"c:{story.pk}", "comments"}
    comment.status = Comment.Status.TRASH
    comment.save()
    assert purged() == set()  # from spam to the trash: nobody saw it either way


def test_the_back_offices_own_rows_purge_nothing(newsroom: dict[str, Any], purged: Any):
    """Revisions and preview links are no page's content: saving them keeps the cache."""
    story = newsroom["stories"][0]
    purged()
    Revision.objects.create(article=story, title="t", status="draft")
    PreviewLink.objects.create(article=story, expires_at=clock.now() + timedelta(hours=1))
    assert purged() == set()


def test_rows_no_page_shows_keep_djangos_fast_delete(newsroom: dict[str, Any]):
    """The receivers name their senders: other models are deleted in one statement."""
    assert Collector(using="default").can_fast_delete(Revision.objects.all())
    assert Collector(using="default").can_fast_delete(PreviewLink.objects.all())


def test_the_site_settings_purge_everything(newsroom: dict[str, Any], purged: Any):
    from tests.conftest import edit_site

    purged()
    edit_site(name="Another Gazette")
    assert purged() == {"*"}
