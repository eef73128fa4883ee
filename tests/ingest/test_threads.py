"""Comments arrive with their threads, statuses and dates, without moderation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail

from masthead.comments.models import Comment, CommentSettings
from masthead.ingest.wordpress.records import WpComment
from masthead.ingest.wordpress.threads import parents_first
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def one_post(*comments: wxr.Comment) -> bytes:
    return wxr.export(*wxr.standard_header(), wxr.Item(1, comments=list(comments)))


def test_nested_replies_keep_their_thread(run_import):
    run_import(one_post(wxr.Comment(1), wxr.Comment(2, parent=1), wxr.Comment(3, parent=2)))
    assert sorted(Comment.objects.values_list("depth", flat=True)) == [0, 1, 2]
    third = Comment.objects.get(depth=2)
    assert third.parent.parent.parent is None


def test_a_reply_listed_before_its_parent_still_threads(run_import):
    run_import(one_post(wxr.Comment(9, parent=12, content="reply"), wxr.Comment(12, content="top")))
    assert Comment.objects.get(body="reply").parent == Comment.objects.get(body="top")


def test_each_status_maps_to_ours(run_import):
    run_import(one_post(
        wxr.Comment(1, approved="1", content="a"), wxr.Comment(2, approved="0", content="b"),
        wxr.Comment(3, approved="spam", content="c"), wxr.Comment(4, approved="trash", content="d"),
    ))  # fmt: skip
    assert dict(Comment.objects.values_list("body", "status")) == {
        "a": "approved", "b": "pending", "c": "spam", "d": "trash",
    }  # fmt: skip


def test_imported_comments_skip_moderation_and_notifications(run_import):
    CommentSettings.objects.create(hold_all=True, rate_limit=1)
    run_import(one_post(*(wxr.Comment(i, content=f"c{i}") for i in range(1, 6))))
    assert Comment.objects.approved().count() == 5
    assert mail.outbox == []


def test_dates_emails_and_addresses_are_kept_as_the_comments_app_keeps_them(run_import):
    run_import(one_post(wxr.Comment(1, email=" Mixed@Example.COM ", date="2018-01-02 03:04:05",
                                    ip="not-an-ip")))  # fmt: skip
    comment = Comment.objects.get()
    assert comment.author_email == "mixed@example.com"
    assert comment.created_at == datetime(2018, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert comment.ip_address is None


def test_a_reply_to_a_missing_comment_becomes_a_top_level_comment(run_import):
    summary = run_import(one_post(wxr.Comment(5, parent=404)))
    assert Comment.objects.get().parent is None
    assert any("which is not there" in p["reason"] for p in summary["problems"])


def test_replies_deeper_than_the_site_allows_attach_higher_up(run_import):
    CommentSettings.objects.create(thread_depth=2)
    chain = [wxr.Comment(1)] + [wxr.Comment(i, parent=i - 1, content=f"r{i}") for i in range(2, 5)]
    summary = run_import(one_post(*chain))
    assert max(Comment.objects.values_list("depth", flat=True)) == 1
    assert Comment.objects.count() == 4
    assert sum("reply levels" in p["reason"] for p in summary["problems"]) == 2


def test_pingbacks_are_skipped_with_a_reason(run_import):
    summary = run_import(one_post(wxr.Comment(1, type="pingback"), wxr.Comment(2)))
    assert Comment.objects.count() == 1
    assert summary["counts"]["comment"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
    }


def test_comment_html_becomes_plain_text(run_import):
    run_import(one_post(wxr.Comment(1, content="<p>Hi &amp; <b>bye</b></p><p>🙂 שלום</p>")))
    assert Comment.objects.get().body == "Hi & bye\n\n🙂 שלום"


def test_parents_first_orders_any_thread():
    def c(wp_id: int, parent: int) -> WpComment:
        return WpComment(wp_id, "", "", "", "", "", "", "x", "1", "", parent)

    ordered = parents_first([c(3, 2), c(2, 1), c(1, 0), c(7, 99)])
    assert [x.wp_id for x in ordered] == [1, 7, 2, 3]


def test_new_comments_go_in_one_statement_per_thread_generation(run_import):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    thread = [wxr.Comment(1), wxr.Comment(2), wxr.Comment(3, parent=1), wxr.Comment(4, parent=3),
              wxr.Comment(5, parent=2)]  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        run_import(one_post(*thread))
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "comments_comment"')]
    assert len(inserts) == 3  # top level, replies, replies to replies
    assert sorted(Comment.objects.values_list("depth", flat=True)) == [0, 0, 1, 1, 2]
    assert Comment.objects.get(depth=2).parent.parent.depth == 0


def test_a_second_run_updates_bulk_inserted_comments_in_place(run_import):
    run_import(one_post(wxr.Comment(1, content="first"), wxr.Comment(2, parent=1)))
    ids = set(Comment.objects.values_list("pk", flat=True))
    run_import(one_post(wxr.Comment(1, content="edited"), wxr.Comment(2, parent=1)))
    assert set(Comment.objects.values_list("pk", flat=True)) == ids
    assert Comment.objects.filter(body="edited").count() == 1
