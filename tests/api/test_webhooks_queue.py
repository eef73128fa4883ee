"""Which events queue deliveries, for whom, with what payload, and only after the commit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from masthead.api.webhooks.models import Delivery, Event
from masthead.articles import services as articles
from masthead.articles.models import Article
from masthead.comments import services as comments
from masthead.comments.models import Comment
from masthead.core import clock
from tests import factories
from tests.api.conftest import user_with
from tests.api.webhook_helpers import webhook

pytestmark = pytest.mark.django_db
URL = "https://hooks.example.org/masthead"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what is deferred to the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def events() -> list[str]:
    return list(Delivery.objects.order_by("pk").values_list("event", flat=True))


def draft(title: str = "Embargoed") -> Article:
    return factories.article(title=title, status=Article.Status.DRAFT, published_at=None)


def test_publishing_queues_article_published_for_each_listening_webhook(commit):
    webhook(URL, name="all")
    webhook(URL, [Event.ARTICLE_PUBLISHED], name="published only")
    webhook(URL, [Event.COMMENT_APPROVED], name="comments only")
    webhook(URL, name="switched off", is_active=False)
    story = draft()
    with commit():
        articles.publish_article(article=story)
    names = Delivery.objects.values_list("webhook__name", flat=True)
    assert sorted(names) == ["all", "published only"]
    assert set(events()) == {"article.published"}


def test_editing_and_unpublishing_a_live_story_queue_updated_then_unpublished(commit):
    webhook(URL)
    story = draft()
    with commit():
        articles.publish_article(article=story)
    story.title = "Corrected headline"
    with commit():
        articles.save_article(article=story)
    with commit():
        articles.unpublish_article(article=story)
    assert events() == ["article.published", "article.updated", "article.unpublished"]
    updated = Delivery.objects.get(event="article.updated")
    assert updated.payload["article"]["title"] == "Corrected headline"


def test_drafts_queue_nothing(commit):
    webhook(URL)
    with commit():
        story = draft()
        story.title = "Still a draft"
        articles.save_article(article=story)
    assert events() == []


def test_a_rolled_back_publication_queues_nothing(commit):
    webhook(URL)
    story = draft()

    def fail_after_publishing():
        with transaction.atomic():
            articles.publish_article(article=story)
            raise RuntimeError("the editor's request failed after publishing")

    with commit(), pytest.raises(RuntimeError):
        fail_after_publishing()
    assert events() == []


def test_the_article_payload_describes_the_story_by_its_public_facts(commit, settings):
    settings.SITE_URL = "https://news.example.org"
    webhook(URL)
    story = draft("Harbour reopens")
    with commit():
        articles.publish_article(article=story)
    payload = Delivery.objects.get().payload
    assert payload["event"] == "article.published"
    assert payload["article"] == {
        "id": story.pk,
        "url": "https://news.example.org" + story.get_absolute_url(),
        "title": "Harbour reopens",
        "status": "published",
        "published_at": story.published_at.isoformat(),
    }


def test_a_scheduled_story_is_announced_when_it_goes_live(commit):
    webhook(URL)
    later = clock.now() + timedelta(hours=3)
    story = draft()
    with commit():
        articles.publish_article(article=story, at=later)
    story.title = "Retitled before launch"
    with commit():
        articles.save_article(article=story)
    held = Delivery.objects.get()
    assert (held.event, held.next_attempt_at) == ("article.published", later)
    assert held.payload["article"]["title"] == "Retitled before launch"


def test_unpublishing_a_story_before_it_goes_live_cancels_its_announcement(commit):
    webhook(URL)
    story = draft()
    with commit():
        articles.publish_article(article=story, at=clock.now() + timedelta(hours=3))
    with commit():
        articles.unpublish_article(article=story)
    assert events() == []


def test_approving_comments_queues_comment_approved_without_the_commenters_data(commit):
    webhook(URL)
    story = factories.article()
    held = factories.comment(
        story, status=Comment.Status.PENDING, author_email="secret@example.org",
        ip_address="203.0.113.9",
    )  # fmt: skip
    with commit():
        comments.moderate_comments(comments=[held], status=Comment.Status.APPROVED)
    delivery = Delivery.objects.get()
    assert delivery.event == "comment.approved"
    assert delivery.payload["comment"]["id"] == held.pk
    assert delivery.payload["comment"]["article"]["id"] == story.pk
    text = str(delivery.payload)
    for private in ("secret@example.org", "203.0.113.9", "Reader", "Good piece"):
        assert private not in text


def test_spam_trash_and_pending_verdicts_queue_nothing(commit):
    webhook(URL)
    story = factories.article()
    for status in (Comment.Status.SPAM, Comment.Status.TRASH, Comment.Status.PENDING):
        with commit():
            comments.moderate_comments(comments=[factories.comment(story)], status=status)
    assert events() == []


def test_a_comment_approved_as_it_is_posted_queues_comment_approved(commit):
    """A moderator's own comment is approved at once: that is an approval too."""
    webhook(URL, [Event.COMMENT_APPROVED])
    story = factories.article()
    moderator = user_with("comments.change_comment", username="moderator")
    with commit():
        comment = comments.submit_comment(
            article=story, user=moderator, name="Ed", email="ed@example.org",
            body="Thanks for reading.", ip_address="198.51.100.7", user_agent="test",
        )  # fmt: skip
    assert comment.status == Comment.Status.APPROVED
    assert events() == ["comment.approved"]


def test_publishing_sends_nothing_and_queueing_is_two_queries_however_many_webhooks(
    django_capture_on_commit_callbacks, django_assert_num_queries, editor_client, http_receiver
):
    """The editor's request never waits for a receiver: it only stores the deliveries."""
    http_receiver.default = "hang"
    for n in range(5):
        webhook(http_receiver.url, name=f"receiver {n}")
    story = draft()
    with django_capture_on_commit_callbacks() as deferred:
        response = editor_client.post(f"/api/v1/articles/{story.pk}/publish/", format="json")
    assert response.status_code == 200, response.content
    with django_assert_num_queries(2):  # the webhooks, then one INSERT of the deliveries
        for callback in deferred:
            if "webhooks" in callback.__module__:
                callback()
    assert Delivery.objects.count() == 5
    assert http_receiver.requests == []
