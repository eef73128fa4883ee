"""Threaded replies: nesting on the page, the Reply link without JavaScript, depth limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.articles.models import Article
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.thread import build_thread
from tests import factories
from tests.comments.posting import post, reply_form
from tests.conftest import ago, soup, text

pytestmark = pytest.mark.django_db


def reply(parent: Comment, name: str, **fields: Any) -> Comment:
    return factories.comment(
        parent.article, parent=parent, depth=parent.depth + 1, author_name=name, **fields
    )


def chain(story: Article, length: int) -> list[Comment]:
    """A thread ``length`` comments deep: each answers the one before."""
    comments = [factories.comment(story, author_name="Level 0")]
    for level in range(1, length):
        comments.append(reply(comments[-1], f"Level {level}"))
    return comments


# Building the thread ----------------------------------------------------------------------


def test_replies_follow_their_parent_depth_first(story):
    a = factories.comment(story, author_name="A", created_at=ago(hours=5))
    b = factories.comment(story, author_name="B", created_at=ago(hours=4))
    a1 = reply(a, "A1", created_at=ago(hours=3))
    a1x = reply(a1, "A1x", created_at=ago(hours=2))
    a2 = reply(a, "A2", created_at=ago(hours=1))
    items = build_thread(list(Comment.objects.order_by("created_at")))
    assert [(i.comment.author_name, i.depth) for i in items] == [
        ("A", 0), ("A1", 1), ("A1x", 2), ("A2", 1), ("B", 0),
    ]  # fmt: skip
    closes = {i.comment.pk: i.closes for i in items}
    assert closes == {a.pk: 0, a1.pk: 0, a1x.pk: 1, a2.pk: 1, b.pk: 0}


def test_a_reply_whose_parent_is_hidden_is_shown_at_the_top_level(story):
    held = factories.comment(story, status=Comment.Status.PENDING, author_name="Held")
    orphan = reply(held, "Orphan")
    items = build_thread(list(Comment.objects.approved()))
    assert [(i.comment, i.depth) for i in items] == [(orphan, 0)]


class Counted:
    """A stand-in comment that counts every read of its fields: a measure of the work done."""

    reads = 0

    def __init__(self, pk: int, parent_id: int | None):
        self._pk, self._parent_id = pk, parent_id

    @property
    def pk(self) -> int:
        Counted.reads += 1
        return self._pk

    @property
    def parent_id(self) -> int | None:
        Counted.reads += 1
        return self._parent_id


def work(count: int) -> int:
    """Field reads to thread ``count`` comments, half of them replies to the one before."""
    comments = [Counted(i, i - 1 if i % 2 else None) for i in range(1, count + 1)]
    Counted.reads = 0
    items = build_thread(comments)  # type: ignore[arg-type]
    assert len(items) == count
    return Counted.reads


def test_building_a_thread_is_linear_in_the_number_of_comments():
    """Ten times the comments cost ten times the work, not a hundred (counted, not timed)."""
    small, large = work(1_000), work(10_000)
    assert large <= 10 * small * 1.01


def test_building_a_deep_thread_does_not_recurse():
    """A chain far deeper than Python's recursion limit is threaded without error."""
    comments = [Counted(i, i - 1 if i > 1 else None) for i in range(1, 5_001)]
    items = build_thread(comments)  # type: ignore[arg-type]
    assert [i.depth for i in items[:3]] == [0, 1, 2]
    assert items[-1].closes == 4_999


# The page ---------------------------------------------------------------------------------


def test_replies_are_nested_lists_under_their_parent(client, story):
    top = factories.comment(story, author_name="Top")
    child = reply(top, "Child")
    grandchild = reply(child, "Grandchild")
    doc = soup(client.get(story.get_absolute_url()))
    top_li = doc.select_one(f"#comment-{top.pk}")
    assert top_li.select_one(f":scope > ol.children > #comment-{child.pk}")
    assert top_li.select_one(f"ol.children ol.children > #comment-{grandchild.pk}")
    assert text(doc.select_one("#comments-title")) == "3 comments"


def test_each_comment_has_a_reply_link_that_works_without_javascript(client, story):
    top = factories.comment(story, author_name="Top")
    doc = soup(client.get(story.get_absolute_url()))
    link = doc.select_one(f"#comment-{top.pk} a.comment-reply-link")
    assert link["href"] == f"{story.get_absolute_url()}?replytocom={top.pk}#respond"
    assert "nofollow" in link["rel"]
    assert link["aria-label"] == "Reply to Top"


def test_replytocom_puts_the_form_under_that_comment(client, story):
    top = factories.comment(story, author_name="Top")
    doc = soup(client.get(f"{story.get_absolute_url()}?replytocom={top.pk}"))
    form = doc.select_one(f"#comment-{top.pk} #respond form")
    assert form is not None
    assert form.select_one('input[name="parent"]')["value"] == str(top.pk)
    assert text(doc.select_one("#respond-title")) == "Reply to Top"
    cancel = doc.select_one("#cancel-reply")
    assert cancel["href"] == f"{story.get_absolute_url()}#respond"
    assert not cancel.find_parent("p").has_attr("hidden")
    assert len(doc.select("#respond")) == 1


def test_replytocom_naming_no_visible_comment_leaves_the_form_at_the_bottom(client, story):
    held = factories.comment(story, status=Comment.Status.PENDING)
    for value in (str(held.pk), "999999", "abc", "-1"):
        doc = soup(client.get(f"{story.get_absolute_url()}?replytocom={value}"))
        assert doc.select_one("#respond-home > #respond form") is not None
        assert doc.select_one('#respond input[name="parent"]')["value"] == ""


def test_a_reply_is_stored_under_its_parent(client, story):
    top = factories.comment(story)
    action = reply_form(soup(client.get(story.get_absolute_url())))["action"].split("#")[0]
    response = post(client, action, parent=str(top.pk))
    assert response.status_code == 302
    stored = Comment.objects.get(author_name="Ada Reader")
    assert (stored.parent, stored.depth) == (top, 1)


def test_no_reply_link_at_the_deepest_level(client, story):
    comments = chain(story, 5)  # depths 0..4; five levels is the default limit
    doc = soup(client.get(story.get_absolute_url()))
    for comment in comments[:-1]:
        assert doc.select_one(f"#comment-{comment.pk} > article a.comment-reply-link")
    assert doc.select_one(f"#comment-{comments[-1].pk} > article a.comment-reply-link") is None


def test_the_depth_limit_is_a_setting(client, story):
    CommentSettings.objects.create(thread_depth=2)
    top, child = chain(story, 2)
    doc = soup(client.get(story.get_absolute_url()))
    assert doc.select_one(f"#comment-{top.pk} > article a.comment-reply-link")
    assert doc.select_one(f"#comment-{child.pk} > article a.comment-reply-link") is None


def test_the_reply_script_is_loaded_and_the_form_has_a_home_to_return_to(client, story):
    doc = soup(client.get(story.get_absolute_url()))
    assert doc.select_one('script[src="/static/comments/reply.js"][defer]')
    assert doc.select_one("#respond-home > #respond")
    assert Client().get("/static/comments/reply.js").status_code == 200


# Bounded queries --------------------------------------------------------------------------


def threaded(story: Article, count: int) -> None:
    """``count`` approved comments in threads five levels deep."""
    last: Comment | None = None
    for i in range(count):
        parent = last if i % 5 else None
        last = factories.comment(
            story,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            author_name=f"Reader {i}",
            body=f"Comment {i}",
        )


def page_queries(story: Article) -> int:
    from django.core.cache import cache

    from masthead.articles import rail

    cache.clear()
    rail.newest.forget()  # nothing warm: each page reads the newest stories itself
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_five_hundred_threaded_comments_cost_no_more_queries_than_none(newsroom):
    empty, busy = newsroom["stories"][0], newsroom["stories"][1]
    Comment.objects.all().delete()
    threaded(busy, 500)
    assert Comment.objects.filter(article=busy, depth=4).count() == 100
    assert page_queries(busy) == page_queries(empty)
    doc = soup(Client().get(busy.get_absolute_url()))
    assert len(doc.select("li.comment")) == 500
