"""Spam defence at the door: honeypot, timing, floods, repeats, and other bad input.

Each refusal stores nothing, answers with a clear message, and gives the reader their
text back in the form.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from masthead.comments.models import Comment, CommentSettings
from masthead.core import clock
from tests import factories
from tests.comments.posting import TYPED, post, reply_form, stamp
from tests.conftest import soup, text

pytestmark = pytest.mark.django_db


def refused(response: Any, status: int, message: str) -> None:
    """The post stored nothing and came back with ``message`` and the reader's text."""
    assert response.status_code == status
    assert not Comment.objects.exists()
    doc = soup(response)
    assert message in text(doc.select_one("#respond .notice--error"))
    form = reply_form(doc)
    assert form.select_one('textarea[name="body"]').get_text().strip() == TYPED["body"]
    assert form.select_one('input[name="author_email"]')["value"] == TYPED["author_email"]


# Honeypot and timing --------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, story):
    doc = soup(client.get(story.get_absolute_url()))
    trap = doc.select_one('input[name="homepage"]')
    assert trap["value"] == ""
    assert trap["tabindex"] == "-1"
    assert trap.find_parent("p")["aria-hidden"] == "true"
    assert "comment-form__trap" in trap.find_parent("p")["class"]


def test_a_filled_honeypot_is_refused(client, action):
    refused(post(client, action, homepage="https://spam.example"), 400, "looked automated")


def test_a_form_posted_within_three_seconds_is_refused(client, story, action):
    refused(post(client, action, issued=stamp(story.pk, age=1)), 400, "very quick")


def test_a_form_older_than_a_day_is_refused(client, story, action):
    old = stamp(story.pk, age=25 * 3600)
    refused(post(client, action, issued=old), 400, "open for more than a day")


@pytest.mark.parametrize("issued", ["nonsense", "1.2:forged"])
def test_a_forged_stamp_is_refused(client, action, issued):
    refused(post(client, action, issued=issued), 400, "not valid any more")


def test_a_post_without_a_stamp_is_asked_for_again(client, action):
    """What a reader without JavaScript sees the first time: the page carries no stamp."""
    refused(post(client, action, issued=""), 400, "comments sent without JavaScript take two")


def test_a_stamp_from_another_articles_form_is_refused(client, newsroom, action):
    other = newsroom["stories"][1]
    refused(post(client, action, issued=stamp(other.pk)), 400, "another article")


def test_the_form_sent_back_carries_a_fresh_stamp_so_posting_again_works(client, story, action):
    response = post(client, action, issued=stamp(story.pk, age=1))
    fresh = reply_form(soup(response)).select_one('input[name="issued"]')["value"]
    later = clock.now() + timedelta(seconds=10)
    with mock.patch("masthead.core.clock.now", return_value=later):
        again = post(client, action, issued=fresh)
    assert again.status_code == 302
    assert Comment.objects.count() == 1


# Floods and repeats ---------------------------------------------------------------------


def test_a_flood_from_one_ip_is_refused_after_five_a_minute(client, action):
    for n in range(5):
        assert post(client, action, body=f"Comment number {n}.").status_code == 302
    response = post(client, action, author_email="other@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "too quickly" in text(soup(response).select_one("#respond .notice--error"))
    assert Comment.objects.count() == 5


def test_a_flood_from_one_email_address_is_refused_whatever_the_ip(action):
    for n in range(5):
        Client().post(
            action, {**TYPED, "body": f"Note {n}", "issued": stamp(int(action.split("/")[-2]))},
            REMOTE_ADDR=f"198.51.100.{n}",
        )  # fmt: skip
    assert Comment.objects.count() == 5
    response = Client().post(
        action, {**TYPED, "issued": stamp(int(action.split("/")[-2]))}, REMOTE_ADDR="192.0.2.77"
    )
    assert response.status_code == 429
    assert Comment.objects.count() == 5


def test_the_limit_resets_after_a_minute(client, action):
    for n in range(6):
        post(client, action, body=f"Comment number {n}.")
    assert Comment.objects.count() == 5
    later = clock.now() + timedelta(seconds=61)
    with mock.patch("masthead.core.clock.now", return_value=later):
        assert post(client, action, body="After the break.").status_code == 302
    assert Comment.objects.count() == 6


def test_the_rate_limit_is_a_setting(client, action):
    CommentSettings.objects.create(rate_limit=1)
    assert post(client, action, body="First.").status_code == 302
    assert post(client, action, body="Second.").status_code == 429


def test_the_same_text_twice_on_an_article_is_refused(client, story, action):
    factories.comment(story, body=TYPED["body"], author_email="x@example.org")
    response = post(client, action)
    assert response.status_code == 400
    assert Comment.objects.count() == 1
    error = soup(response).select_one("#id_body_error")
    assert "already posted this comment" in text(error)


def test_the_same_text_on_another_article_is_fine(client, newsroom, story, action):
    factories.comment(newsroom["stories"][1], body=TYPED["body"])
    assert post(client, action).status_code == 302


# Other bad input ------------------------------------------------------------------------


def test_an_unknown_parent_is_refused(client, action):
    refused(post(client, action, parent="987654"), 400, "not on this article")


def test_a_parent_on_another_article_is_refused(client, newsroom, action):
    elsewhere = factories.comment(newsroom["stories"][1])
    response = post(client, action, parent=str(elsewhere.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("parent", ["abc", "-3", "1e5", "9" * 40])
def test_a_parent_that_is_not_an_id_is_refused_with_the_text_kept(client, action, parent):
    refused(post(client, action, parent=parent), 400, "not on this article")


def test_a_reply_deeper_than_the_limit_is_refused(client, story, action):
    CommentSettings.objects.create(thread_depth=2)
    top = factories.comment(story)
    child = factories.comment(story, parent=top, depth=1)
    refused_reply = post(client, action, parent=str(child.pk))
    assert refused_reply.status_code == 400
    assert "cannot go any deeper" in text(soup(refused_reply).select_one("#respond"))
    assert Comment.objects.count() == 2


def test_a_comment_on_a_closed_article_is_refused(client, story, action):
    story.comments_open = False
    story.save()
    response = post(client, action)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    doc = soup(response)
    assert "Comments are closed" in text(doc.select_one("#respond .notice--error"))
    assert doc.select_one("#respond textarea[readonly]").get_text().strip() == TYPED["body"]


def test_the_form_is_replaced_by_a_notice_when_comments_are_closed(client, story):
    story.comments_open = False
    story.save()
    doc = soup(client.get(story.get_absolute_url()))
    assert reply_form(doc) is None
    assert "Comments are closed." in text(doc.select_one("#respond"))
