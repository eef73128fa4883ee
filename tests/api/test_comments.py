"""Comments: readers see approved ones on visible articles; moderators see and judge all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.core import clock
from tests import factories
from tests.api.conftest import client_for, problem, user_with

URL = "/api/v1/comments/"


@pytest.fixture
def thread(newsroom):
    story = newsroom["stories"][0]
    draft = factories.article(title="Draft", category=newsroom["ai"],
                              status=Article.Status.DRAFT, published_at=None)  # fmt: skip
    return {
        "story": story,
        "approved": factories.comment(story, body="First!", author_email="a@example.org"),
        "reply": factories.comment(story, body="Second.", created_at=clock.now()),
        "pending": factories.comment(story, status=Comment.Status.PENDING, body="Buy pills"),
        "on_draft": factories.comment(draft, body="Early bird"),
    }


def bodies(response):
    assert response.status_code == 200, response.content
    return [c["body"] for c in response.json()["results"]]


def test_readers_see_approved_comments_on_visible_articles(reader, thread):
    assert bodies(reader.get(URL)) == ["First!", "Second."]


def test_readers_never_see_emails_or_addresses(reader, thread):
    comment = reader.get(f"{URL}{thread['approved'].pk}/").json()
    assert "author_email" not in comment
    assert "ip_address" not in comment
    assert "status" not in comment


def test_filtering_by_article(reader, thread, newsroom):
    assert bodies(reader.get(URL, {"article": thread["story"].pk})) == ["First!", "Second."]
    assert bodies(reader.get(URL, {"article": newsroom["stories"][1].pk})) == []


@pytest.mark.parametrize("article", ["draft", 999999])
def test_an_article_readers_cannot_see_is_a_404(reader, thread, article):
    pk = thread["on_draft"].article_id if article == "draft" else article
    problem(reader.get(URL, {"article": pk}), 404)


@pytest.mark.parametrize("which", ["pending", "on_draft"])
def test_hidden_comments_are_404_to_readers(reader, thread, which):
    problem(reader.get(f"{URL}{thread[which].pk}/"), 404)


def test_moderators_list_the_queue(moderator_client, thread):
    queue = moderator_client.get(URL, {"status": "pending"}).json()["results"]
    assert [(c["body"], c["status"]) for c in queue] == [("Buy pills", "pending")]


def test_readers_may_not_list_the_queue(reader, thread):
    problem(reader.get(URL, {"status": "pending"}), 401)


def test_moderation_goes_through_the_service(moderator_client, thread):
    ids = [thread["pending"].pk, thread["approved"].pk]
    response = moderator_client.post(f"{URL}moderation/", {"comments": ids, "status": "spam"},
                                     format="json")  # fmt: skip
    assert response.json() == {"changed": 2}
    pending = Comment.objects.get(pk=thread["pending"].pk)
    assert pending.status == "spam"
    assert pending.learned_as == "spam"
    assert pending.moderated_by.username == "moderator"


def test_approving_shows_the_comment(moderator_client, reader, thread):
    moderator_client.post(f"{URL}moderation/",
                          {"comments": [thread["pending"].pk], "status": "approved"},
                          format="json")  # fmt: skip
    assert "Buy pills" in bodies(reader.get(URL))


def test_moderation_needs_the_change_comment_permission(reader, thread):
    asked = {"comments": [thread["pending"].pk], "status": "approved"}
    problem(reader.post(f"{URL}moderation/", asked, format="json"), 401)
    writer = client_for(user_with("comments.add_comment", "comments.view_comment"))
    problem(writer.post(f"{URL}moderation/", asked, format="json"), 403)


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        ({"comments": [999999], "status": "approved"}, "comments"),
        ({"comments": [], "status": "approved"}, "comments"),
        ({"comments": ["x"], "status": "approved"}, "comments"),
        ({"comments": [1], "status": "deleted"}, "status"),
    ],
)
def test_bad_moderation_requests_are_named(moderator_client, thread, asked, field):
    body = problem(moderator_client.post(f"{URL}moderation/", asked, format="json"), 400)
    assert field in body["errors"]
    assert Comment.objects.get(pk=thread["pending"].pk).status == "pending"


def test_comments_read_oldest_first_across_pages(reader, thread):
    story = thread["story"]
    for minutes in (3, 2, 1):
        factories.comment(story, body=f"{minutes} min ago",
                          created_at=clock.now() - timedelta(minutes=minutes))  # fmt: skip
    first = reader.get(URL, {"page_size": 3}).json()
    rest = reader.get(first["next"]).json()
    shown = [c["body"] for c in first["results"] + rest["results"]]
    assert shown == ["3 min ago", "2 min ago", "1 min ago", "First!", "Second."]
