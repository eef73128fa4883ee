"""``masthead comments purge-ips`` and ``empty-trash``: privacy and tidiness over time."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.comments import services
from masthead.comments.models import Comment, CommentSettings
from tests import factories
from tests.conftest import ago

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("comments", *args, stdout=out)
    return out.getvalue().strip()


def test_purge_ips_erases_addresses_older_than_the_age(story):
    old = factories.comment(story, ip_address="203.0.113.5", created_at=ago(days=91))
    recent = factories.comment(story, ip_address="203.0.113.6", created_at=ago(days=89))
    assert run("purge-ips", "--older-than", "90d") == "Erased the IP address of 1 comment."
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, recent.ip_address) == (None, "203.0.113.6")


def test_purge_ips_is_idempotent_and_speaks_json(story):
    factories.comment(story, ip_address="203.0.113.5", created_at=ago(days=200))
    assert json.loads(run("--json", "purge-ips", "--older-than", "12w")) == {
        "action": "purge-ips", "erased": 1,
    }  # fmt: skip
    assert json.loads(run("--json", "purge-ips", "--older-than", "12w"))["erased"] == 0


@pytest.mark.parametrize("bad", ["90", "ninety", "0d", "-5d", "3y"])
def test_purge_ips_refuses_an_age_it_cannot_read(bad):
    with pytest.raises(CommandError, match="is not an age"):
        call_command("comments", "purge-ips", f"--older-than={bad}")


def test_purge_ips_needs_an_age():
    with pytest.raises(CommandError, match="--older-than"):
        call_command("comments", "purge-ips")


def moved_to(comment: Comment, status: str, days_ago: float) -> Comment:
    services.moderate_comments(comments=[comment], status=status)
    Comment.objects.filter(pk=comment.pk).update(status_changed_at=ago(days=days_ago))
    return comment


def test_empty_trash_deletes_spam_and_trash_after_thirty_days(story):
    stale_spam = moved_to(factories.comment(story, body="a"), "spam", 31)
    stale_trash = moved_to(factories.comment(story, body="b"), "trash", 31)
    fresh_trash = moved_to(factories.comment(story, body="c"), "trash", 29)
    old_approved = factories.comment(story, body="d", created_at=ago(days=400))
    old_pending = factories.comment(story, body="e", status="pending", created_at=ago(days=400))
    assert run("empty-trash") == "Deleted 2 comments from spam and trash."
    left = set(Comment.objects.values_list("pk", flat=True))
    assert left == {fresh_trash.pk, old_approved.pk, old_pending.pk}
    assert not {stale_spam.pk, stale_trash.pk} & left


def test_empty_trash_follows_the_setting_and_the_override(story):
    CommentSettings.objects.create(empty_after_days=7)
    moved_to(factories.comment(story, body="a"), "trash", 8)
    moved_to(factories.comment(story, body="b"), "trash", 2)
    assert json.loads(run("--json", "empty-trash")) == {"action": "empty-trash", "deleted": 1}
    assert json.loads(run("--json", "empty-trash", "--older-than", "1d"))["deleted"] == 1
    assert not Comment.objects.exists()


def test_replies_to_an_emptied_comment_move_up_a_level_and_stay(story):
    top = factories.comment(story, body="top")
    middle = moved_to(factories.comment(story, parent=top, depth=1, body="middle"), "trash", 40)
    reply = factories.comment(story, parent=middle, depth=2, body="reply")
    deeper = factories.comment(story, parent=reply, depth=3, body="deeper")
    run("empty-trash")
    reply.refresh_from_db()
    deeper.refresh_from_db()
    assert (reply.parent, reply.depth) == (top, 1)
    assert (deeper.parent, deeper.depth) == (reply, 2)
    assert not Comment.objects.filter(pk=middle.pk).exists()


def test_deleting_a_top_comment_and_its_reply_lifts_the_grandchild_to_the_top(story):
    top = factories.comment(story, body="top")
    child = factories.comment(story, parent=top, depth=1, body="child")
    grandchild = factories.comment(story, parent=child, depth=2, body="grandchild")
    assert services.delete_comments(comments=[top, child]) == 2
    grandchild.refresh_from_db()
    assert (grandchild.parent, grandchild.depth) == (None, 0)


def test_json_may_come_after_the_action_too(story):
    assert json.loads(run("empty-trash", "--json")) == {"action": "empty-trash", "deleted": 0}
    assert run("empty-trash") == "Deleted 0 comments from spam and trash."


def test_a_new_comment_empties_old_trash_once_a_day(story, django_capture_on_commit_callbacks):
    """Sites without a cron job still lose spam and trash after the set days."""
    stale = moved_to(factories.comment(story, body="old"), "spam", 31)

    def submit(body: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            services.submit_comment(article=story, name="N", email="n@example.org", body=body)

    submit("First of the day.")
    assert not Comment.objects.filter(pk=stale.pk).exists()
    again = moved_to(factories.comment(story, body="old too"), "trash", 31)
    submit("Second of the day.")
    assert Comment.objects.filter(pk=again.pk).exists()
