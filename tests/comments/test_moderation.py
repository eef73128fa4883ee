"""The moderation rules: who is held, what is spam, when comments close."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import Permission

from masthead.articles import services as article_services
from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.moderation import Moderator
from masthead.comments.services import BadReply, CommentsClosed
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


def rules(**fields: Any) -> None:
    """Save the comment settings the way an editor would."""
    row = CommentSettings.objects.first() or CommentSettings()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def submit(story: Article, **fields: Any) -> Comment:
    data = {"name": "Ada", "email": "ada@example.org", "body": "A thoughtful remark.", **fields}
    return services.submit_comment(article=story, **data)


def approved_before(story: Article, email: str = "ada@example.org") -> None:
    factories.comment(story, author_email=email, body="An earlier comment.")


# The policy object, without a database --------------------------------------------------


def test_moderator_decides_without_touching_the_database(django_assert_num_queries):
    m = Moderator(block_words=("casino",), moderation_words=("refund",))
    with django_assert_num_queries(0):
        assert m.decide(Comment(body="Nice."), known_commenter=True).status == "approved"
        assert m.decide(Comment(body="Best Casino"), known_commenter=True).status == "spam"
        held = m.decide(Comment(body="I want a REFUND"), known_commenter=True)
    assert held.status == "pending"
    assert held.reasons == ("contains “refund” (hold words)",)


def test_every_reason_to_hold_is_recorded():
    m = Moderator(hold_all=True, moderation_words=("refund",), hold_if_links_over=0)
    verdict = m.decide(Comment(body="refund at https://x.example"), known_commenter=False)
    assert verdict.reasons == (
        "every comment is held", "1 links", "contains “refund” (hold words)",
        "first comment from this address",
    )  # fmt: skip


def test_classifier_scores_decide_between_hold_and_spam():
    m = Moderator(hold_first_time=False, spam_score=0.9, hold_score=0.5)
    comment = Comment(body="Text")
    assert m.decide(comment, known_commenter=True, score=0.95).status == "spam"
    assert m.decide(comment, known_commenter=True, score=0.7).status == "pending"
    assert m.decide(comment, known_commenter=True, score=0.1).status == "approved"
    assert m.decide(comment, known_commenter=True, score=None).status == "approved"


# First-time commenters ------------------------------------------------------------------


def test_a_first_time_commenter_is_held(story):
    comment = submit(story)
    assert comment.status == Comment.Status.PENDING
    assert comment.held_because == "first comment from this address"


def test_once_approved_an_address_publishes_at_once(story):
    approved_before(story)
    assert submit(story, email="ADA@example.org ").status == Comment.Status.APPROVED


def test_approval_of_another_address_does_not_count(story):
    approved_before(story, email="someone@example.org")
    assert submit(story).status == Comment.Status.PENDING


def test_holding_first_time_commenters_can_be_turned_off(story):
    rules(hold_first_time=False)
    assert submit(story).status == Comment.Status.APPROVED


def test_an_editor_with_the_moderation_permission_is_never_held(story, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="change_comment"))
    comment = submit(story, user=editor, body="Correction: the vote was on Tuesday.")
    assert comment.status == Comment.Status.APPROVED
    assert comment.user == editor


# Links and words ------------------------------------------------------------------------


def test_more_links_than_allowed_are_held(story):
    approved_before(story)
    two = "See https://a.example and www.b.example for more."
    three = two + " Also http://c.example."
    assert submit(story, body=two).status == Comment.Status.APPROVED
    held = submit(story, body=three)
    assert held.status == Comment.Status.PENDING
    assert held.held_because == "3 links"


def test_the_link_limit_is_a_setting(story):
    approved_before(story)
    rules(max_links=0)
    assert submit(story, body="Source: https://a.example").status == Comment.Status.PENDING


def test_hold_words_match_any_field_in_any_case(story):
    approved_before(story)
    approved_before(story, email="x@bargains.example")
    rules(moderation_words="bargain\n  \nfree money\n")
    assert submit(story, body="This is FREE MONEY").status == Comment.Status.PENDING
    held = submit(story, email="x@bargains.example", body="Plain text here.")
    assert held.status == Comment.Status.PENDING
    assert "bargain" in held.held_because


def test_block_words_send_a_comment_straight_to_spam(story):
    approved_before(story)
    rules(block_words="casino")
    spam = submit(story, body="Visit our Casino tonight")
    assert spam.status == Comment.Status.SPAM
    assert "casino" in spam.held_because


def test_hold_every_comment(story):
    approved_before(story)
    rules(hold_all=True)
    assert submit(story).status == Comment.Status.PENDING


def test_settings_changes_take_effect_at_once(story):
    approved_before(story)
    assert submit(story, body="One.").status == Comment.Status.APPROVED
    rules(hold_all=True)
    assert submit(story, body="Two.").status == Comment.Status.PENDING


# Where comments are taken ---------------------------------------------------------------


def test_comments_closed_on_the_article_are_refused(story):
    story.comments_open = False
    story.save()
    with pytest.raises(CommentsClosed):
        submit(story)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("status", ["draft", "trash"])
def test_comments_on_hidden_articles_are_refused(story, status):
    story.status = status
    story.save()
    with pytest.raises(CommentsClosed):
        submit(story)
    assert not Comment.objects.exists()


def test_comments_on_a_scheduled_article_are_refused(newsroom):
    later = factories.article(title="Later", published_at=ago(hours=-3))
    with pytest.raises(CommentsClosed):
        submit(later)


def test_comments_close_by_themselves_after_the_set_days(story, client):
    rules(close_after_days=14)
    story.published_at = ago(days=13, hours=23)
    story.save()
    assert submit(story).pk
    with mock.patch("masthead.core.clock.now", return_value=ago(hours=-2)):
        with pytest.raises(CommentsClosed):
            submit(story, body="Too late.")
        page = client.get(story.get_absolute_url()).content.decode()
    assert "Comments are closed." in page


def test_closing_by_age_is_off_by_default(story):
    story.published_at = ago(days=4000)
    story.save()
    assert submit(story).pk


# Replies --------------------------------------------------------------------------------


def test_a_reply_to_a_comment_on_another_article_is_refused(newsroom, story):
    elsewhere = factories.comment(newsroom["stories"][1])
    with pytest.raises(BadReply, match="not on this article"):
        submit(story, parent=elsewhere)
    assert Comment.objects.count() == 1


def test_a_reply_to_a_held_comment_is_refused(story):
    held = factories.comment(story, status=Comment.Status.PENDING)
    with pytest.raises(BadReply):
        submit(story, parent=held)


def test_a_reply_deeper_than_the_limit_is_refused(story):
    rules(thread_depth=2)
    approved_before(story)
    top = factories.comment(story)
    child = submit(story, parent=top, body="First reply.")
    assert child.depth == 1
    with pytest.raises(BadReply, match="cannot go any deeper"):
        submit(story, parent=child, body="Too deep.")
    assert Comment.objects.count() == 3


def test_unpublishing_an_article_closes_its_comments(story):
    article_services.unpublish_article(article=story)
    with pytest.raises(CommentsClosed):
        submit(story)
