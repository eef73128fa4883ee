"""Editors reply to a comment from its page in the back office."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.signals import comment_submitted
from tests import factories
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db

ANSWER = "Thanks: we have corrected the date in the second paragraph."
SCRIPT = "<script>alert('x')</script>"


def change_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def reply_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_reply", args=[comment.pk])


def reply(client: Client, comment: Comment, body: str = ANSWER, **extra: Any) -> Any:
    """Post ``body`` from the reply box of ``comment``'s page, as the browser does."""
    return client.post(reply_url(comment), {"reply": body}, **extra)


def box(response: Any) -> Any:
    """The reply box of a comment's page."""
    return soup(response).select_one("#comment-reply")


def kept_text(response: Any) -> str:
    return box(response).select_one('textarea[name="reply"]').get_text()


def refusal(response: Any) -> str:
    return text(box(response).select_one(".errornote"))


def replies_to(comment: Comment) -> list[Comment]:
    return list(Comment.objects.filter(parent=comment))


def person(username: str, *permissions: str, **fields: Any) -> Any:
    """A staff user holding ``permissions`` (codenames of the comments app)."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True, **fields
    )
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return user


def editor(username: str = "desk", **fields: Any) -> Any:
    return person(username, "view_comment", "change_comment", **fields)


# The reply box ----------------------------------------------------------------------------


def test_a_comments_page_has_a_reply_box_that_posts_with_a_csrf_token(admin_client, story):
    comment = factories.comment(story)
    form = box(admin_client.get(change_url(comment))).select_one("form")
    assert form["method"] == "post"
    assert form["action"] == f"{reply_url(comment)}#comment-reply"
    assert form.select_one('[name="csrfmiddlewaretoken"]')
    assert form.select_one('textarea[name="reply"]').get_text() == ""
    assert form.select_one('input[type="submit"]')["value"] == "Publish reply"


def test_the_reply_box_says_whose_name_the_reply_goes_out_under(client, story):
    user = editor(first_name="Grace", last_name="Editor")
    client.force_login(user)
    label = box(client.get(change_url(factories.comment(story)))).select_one("label")
    assert "published at once as Grace Editor" in text(label)


def test_the_reply_box_warns_before_typing_when_no_reply_can_be_published(admin_client, story):
    held = factories.comment(story, status=Comment.Status.PENDING)
    note = box(admin_client.get(change_url(held))).select_one(".help")
    assert text(note) == "Approve this comment before replying to it: readers cannot see it."


# Publishing -------------------------------------------------------------------------------


def test_a_reply_is_published_at_once_under_the_comment_as_the_editor(
    admin_client, admin_user, story
):
    comment = factories.comment(story, author_name="Reader")
    response = reply(admin_client, comment, f"  {ANSWER}\n")
    assert response.status_code == 302
    assert response.url == change_url(comment)
    (answer,) = replies_to(comment)
    assert answer.status == Comment.Status.APPROVED
    assert (answer.article, answer.depth, answer.body) == (story, 1, ANSWER)
    assert (answer.user, answer.author_name, answer.author_email) == (
        admin_user, "admin", "admin@example.com",
    )  # fmt: skip
    assert answer.status_changed_at == answer.created_at


def test_the_reply_is_threaded_under_the_comment_on_the_article_page(admin_client, client, story):
    comment = factories.comment(story, author_name="Reader")
    reply(admin_client, comment)
    (answer,) = replies_to(comment)
    doc = soup(client.get(story.get_absolute_url()))
    shown = doc.select_one(f"#comment-{comment.pk} > ol.children > #comment-{answer.pk}")
    assert shown is not None
    assert ANSWER in text(shown)
    assert "admin" in text(shown.select_one(".comment__author"))


def test_after_replying_the_page_says_so_and_links_to_the_reply_on_the_article(admin_client, story):
    comment = factories.comment(story)
    response = reply(admin_client, comment, follow=True)
    (answer,) = replies_to(comment)
    message = soup(response).select_one(".messagelist .success")
    assert message.get_text().strip() == "Reply published: see it on the article."
    assert message.a["href"] == f"{story.get_absolute_url()}#comment-{answer.pk}"
    thread = soup(response).select_one(".comment-replies")
    assert ANSWER[:40] in text(thread)


def test_after_replying_the_editor_returns_to_the_filtered_queue_context(admin_client, story):
    comment = factories.comment(story)
    url = f"{reply_url(comment)}?_changelist_filters=status%3Dapproved"
    response = admin_client.post(url, {"reply": ANSWER})
    assert response.url == f"{change_url(comment)}?_changelist_filters=status%3Dapproved"


def test_an_editors_reply_is_signed_with_their_byline(client, story):
    user = editor(first_name="Grace", last_name="Editor")
    factories.AuthorFactory(name="Alice Reporter", slug="alice-r", user=user)
    client.force_login(user)
    comment = factories.comment(story)
    reply(client, comment)
    assert replies_to(comment)[0].author_name == "Alice Reporter"


@pytest.mark.parametrize(
    ("names", "byline"),
    [({"first_name": "Grace", "last_name": "Editor"}, "Grace Editor"), ({}, "desk")],
)
def test_without_a_byline_the_reply_is_signed_with_the_full_name_else_the_username(
    story, names, byline
):
    user = editor(**names)
    answer = services.reply_as_staff(parent=factories.comment(story), user=user, body=ANSWER)
    assert answer.author_name == byline


def test_an_editor_skips_the_readers_hurdles(admin_client, story):
    """No anti-bot stamp, flood limit, duplicate check or hold rule stands in the way."""
    CommentSettings.objects.create(rate_limit=2, hold_all=True, block_words="corrected")
    comment = factories.comment(story, body=ANSWER)  # the same text already on the article
    for _ in range(3):
        assert reply(admin_client, comment).status_code == 302
    statuses = [answer.status for answer in replies_to(comment)]
    assert statuses == [Comment.Status.APPROVED] * 3


def test_a_reply_is_announced_like_any_new_comment(
    admin_client, story, django_capture_on_commit_callbacks
):
    heard: list[Comment] = []

    def listen(sender: Any, comment: Comment, **kwargs: Any) -> None:
        heard.append(comment)

    comment_submitted.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reply(admin_client, factories.comment(story))
    finally:
        comment_submitted.disconnect(listen)
    assert [c.body for c in heard] == [ANSWER]


# Refusals ---------------------------------------------------------------------------------


def test_an_empty_reply_is_refused_on_the_same_page(admin_client, story):
    comment = factories.comment(story)
    response = reply(admin_client, comment, " \n\t ")
    assert response.status_code == 400
    assert refusal(response) == (
        "Your reply was not published. Write your reply first: it was empty. "
        "Your text is still below."
    )
    assert replies_to(comment) == []


def test_a_reply_longer_than_a_comment_may_be_is_refused_with_the_text_kept(admin_client, story):
    comment = factories.comment(story)
    too_long = "word " * 2000 + "!"
    response = reply(admin_client, comment, too_long)
    assert response.status_code == 400
    assert "Replies can be at most 10,000 characters; yours has 10,001." in refusal(response)
    assert kept_text(response) == too_long
    assert replies_to(comment) == []


def test_a_reply_deeper_than_the_thread_allows_is_refused_with_the_text_kept(admin_client, story):
    CommentSettings.objects.create(thread_depth=2)
    top = factories.comment(story)
    comment = factories.comment(story, parent=top, depth=1)
    response = reply(admin_client, comment)
    assert response.status_code == 400
    assert "Replies cannot go any deeper here" in refusal(response)
    assert kept_text(response) == ANSWER
    assert replies_to(comment) == []


def test_a_reply_to_a_comment_readers_cannot_see_is_refused(admin_client, story):
    held = factories.comment(story, status=Comment.Status.PENDING)
    response = reply(admin_client, held)
    assert response.status_code == 400
    assert "Approve this comment before replying to it" in refusal(response)
    assert kept_text(response) == ANSWER
    assert replies_to(held) == []


@pytest.mark.parametrize(
    "change",
    [{"comments_open": False}, {"status": Article.Status.DRAFT}, {"status": Article.Status.TRASH}],
    ids=["closed", "draft", "trash"],
)
def test_a_reply_on_an_article_not_taking_comments_is_refused(admin_client, story, change):
    comment = factories.comment(story)
    Article.objects.filter(pk=story.pk).update(**change)
    response = reply(admin_client, comment)
    assert response.status_code == 403
    assert "Comments are closed on this article" in refusal(response)
    assert kept_text(response) == ANSWER
    assert replies_to(comment) == []


def test_a_refused_reply_is_shown_escaped_and_keeps_the_queue_filters(admin_client, story):
    comment = factories.comment(story, status=Comment.Status.PENDING)
    url = f"{reply_url(comment)}?_changelist_filters=status%3Dpending"
    response = admin_client.post(url, {"reply": SCRIPT})
    assert SCRIPT not in response.content.decode()
    assert kept_text(response) == SCRIPT
    action = box(response).select_one("form")["action"]
    assert action == f"{url}#comment-reply"


def test_a_refused_reply_changes_nothing_else_on_the_comment(admin_client, story):
    """The page is shown again, not saved: the comment keeps its status and text."""
    comment = factories.comment(story, status=Comment.Status.PENDING, body="Original")
    reply(admin_client, comment)
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("pending", "Original")
    assert comment.status_changed_at is None


# Who may reply ----------------------------------------------------------------------------


def test_staff_who_may_only_view_comments_get_no_reply_box_and_a_403(client, story):
    client.force_login(person("viewer", "view_comment"))
    comment = factories.comment(story)
    assert box(client.get(change_url(comment))) is None
    assert reply(client, comment).status_code == 403
    assert replies_to(comment) == []


def test_readers_are_sent_to_the_login_page(client, story):
    comment = factories.comment(story)
    response = reply(client, comment)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert replies_to(comment) == []


def test_the_service_refuses_anyone_who_may_not_moderate_comments(story):
    comment = factories.comment(story)
    for user in (AnonymousUser(), person("viewer", "view_comment")):
        with pytest.raises(PermissionDenied):
            services.reply_as_staff(parent=comment, user=user, body=ANSWER)
    assert replies_to(comment) == []


def test_replying_needs_a_post_with_a_csrf_token(admin_user, admin_client, story):
    comment = factories.comment(story)
    assert admin_client.get(reply_url(comment)).status_code == 405
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert reply(browser, comment).status_code == 403
    assert replies_to(comment) == []


def test_replying_to_a_missing_comment_is_a_404(admin_client, story):
    comment = factories.comment(story)
    missing = reverse("admin:comments_comment_reply", args=[comment.pk + 100])
    assert admin_client.post(missing, {"reply": ANSWER}).status_code == 404
