"""The demo loader: the hand-written threads land as rows, dated sensibly, and only once."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.core import clock
from masthead.demo import generate, loader
from masthead.demo.content import DemoArticle, Newsroom, load_newsroom
from masthead.demo.management.commands import demo as demo_command
from tests.conftest import soup

pytestmark = pytest.mark.django_db

FULL = load_newsroom()


def at_hour(hour: int) -> datetime:
    """Today at ``hour`` o'clock, local time."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(hour)))


@pytest.fixture
def noon(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Build the demo at noon, when every story dated today is already out."""
    now = at_hour(12)
    monkeypatch.setattr(clock, "now", lambda: now)
    return now


def threaded(*keys: str) -> Newsroom:
    """The newsroom cut down to the stories that carry comments (or ``keys``), without pictures.

    Drawing pictures is the slow part of the full demo; comments do not need them.
    """
    wanted = set(keys) or {a.key for a in FULL.articles if a.comments}
    articles = [dataclasses.replace(a, image=None) for a in FULL.articles if a.key in wanted]
    return dataclasses.replace(FULL, articles=articles)


def stored(item: DemoArticle) -> Article:
    return Article.objects.get(title=item.title)


@pytest.fixture
def loaded(noon: datetime) -> Newsroom:
    newsroom = threaded()
    loader.load_demo(newsroom)
    return newsroom


# The threads --------------------------------------------------------------------------------


def test_each_thread_is_written_with_its_parents_depths_and_statuses(loaded: Newsroom):
    for item in loaded.articles:
        rows = list(Comment.objects.filter(article=stored(item)).order_by("pk"))
        assert [(c.author_name, c.body, c.status, c.depth) for c in rows] == [
            (spec.name, spec.body, spec.status, spec.depth) for spec in item.comments
        ], item.key
        for row, spec in zip(rows, item.comments, strict=True):
            expected = rows[spec.reply_to - 1] if spec.reply_to else None
            assert row.parent == expected
            assert row.status_changed_at == row.created_at


def test_the_demo_writes_every_hand_written_comment(loaded: Newsroom):
    written = sum(len(item.comments) for item in loaded.articles)
    assert Comment.objects.count() == written
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 1


def test_comments_are_dated_after_their_article_and_never_in_the_future(
    loaded: Newsroom, noon: datetime
):
    for item in loaded.articles:
        article = stored(item)
        rows = Comment.objects.filter(article=article).order_by("pk")
        for row, spec in zip(rows, item.comments, strict=True):
            wanted = article.published_at + timedelta(hours=spec.hours_after)
            assert row.created_at == min(wanted, noon)
            assert row.parent is None or row.parent.created_at <= row.created_at


def test_every_demo_comment_is_on_an_article_readers_can_see(loaded: Newsroom):
    assert Comment.objects.exists()
    assert not Comment.objects.exclude(article__in=Article.objects.published()).exists()


def test_a_thread_built_early_in_the_morning_is_clamped_to_now(monkeypatch: pytest.MonkeyPatch):
    """The lead story goes out at 07:00; at 08:00 its later comments are dated 08:00."""
    now = at_hour(8)
    monkeypatch.setattr(clock, "now", lambda: now)
    loader.load_demo(threaded("01-inference-bill"))
    times = list(Comment.objects.order_by("pk").values_list("created_at", flat=True))
    assert len(times) == 10
    assert max(times) == now
    assert min(times) < now


def test_a_story_not_out_yet_gets_no_thread(monkeypatch: pytest.MonkeyPatch):
    """Built before the lead story's hour, its comments would predate it: none are written."""
    now = at_hour(6)
    monkeypatch.setattr(clock, "now", lambda: now)
    loader.load_demo(threaded("01-inference-bill", "02-open-weight-models"))
    assert set(Comment.objects.values_list("article__title", flat=True)) == {
        Article.objects.get(published_at__lt=now).title
    }


def test_running_the_demo_again_adds_no_comments(noon: datetime, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(loader, "load_newsroom", threaded)
    monkeypatch.setattr(demo_command, "VOLUME", 1)
    monkeypatch.setattr(generate, "POOL_SIZE", 1)
    call_command("demo", no_serve=True, stdout=StringIO())
    first = sorted(Comment.objects.values_list("pk", flat=True))
    output = StringIO()
    call_command("demo", no_serve=True, stdout=output)
    assert "already there" in output.getvalue()
    assert sorted(Comment.objects.values_list("pk", flat=True)) == first


# On the page --------------------------------------------------------------------------------


def page(item: DemoArticle, client: Client) -> Any:
    response = client.get(stored(item).get_absolute_url())
    assert response.status_code == 200
    return soup(response)


def test_the_article_page_nests_replies_under_their_parent(loaded: Newsroom, client: Client):
    item = next(a for a in loaded.articles if a.key == "02-open-weight-models")
    html = page(item, client)
    replies = Comment.objects.filter(article=stored(item), parent__isnull=False)
    assert replies.filter(depth=3).exists()
    for reply in replies:
        assert html.select_one(f"#comment-{reply.parent_id} ol.children #comment-{reply.pk}")


def test_held_and_spam_comments_stay_off_the_page(loaded: Newsroom, client: Client):
    item = next(a for a in loaded.articles if any(c.status != "approved" for c in a.comments))
    html = page(item, client)
    for row in Comment.objects.filter(article=stored(item)):
        assert bool(html.select_one(f"#comment-{row.pk}")) == row.is_public
