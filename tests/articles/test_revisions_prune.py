"""Retention: every public revision and the newest N others are kept, the rest pruned."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from masthead.articles.models import Article, Revision
from masthead.articles.services.revisions import Pruning, prune_revisions, prune_revisions_if_due
from masthead.core import clock
from tests import factories

pytestmark = pytest.mark.django_db


def saves(story: Article, *, drafts: int, published: int = 0) -> None:
    """Revisions as ``drafts`` draft saves, then ``published`` saves while public."""
    start = clock.now() - timedelta(days=30)
    rows = [
        Revision(
            article=story, created_at=start + timedelta(minutes=n), version=n, title=f"Take {n}",
            status="published" if n >= drafts else "draft", published=n >= drafts,
        )
        for n in range(drafts + published)
    ]  # fmt: skip
    Revision.objects.filter(article=story).delete()
    Revision.objects.bulk_create(rows)


def titles(story: Article) -> list[str]:
    return list(Revision.objects.filter(article=story).values_list("title", flat=True))


def test_a_busy_story_keeps_its_public_revisions_and_the_newest_others(settings: Any):
    settings.REVISIONS_KEEP = 25
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=200, published=10)
    assert prune_revisions() == 175
    assert Revision.objects.filter(article=story).count() == 10 + 25
    kept = titles(story)
    assert kept[:10] == [f"Take {n}" for n in range(209, 199, -1)]  # every public one
    assert kept[10:] == [f"Take {n}" for n in range(199, 174, -1)]  # the newest drafts


def test_a_storys_newest_revision_is_kept_even_with_keep_zero():
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=5)
    assert prune_revisions(keep=0) == 4
    assert titles(story) == ["Take 4"]


def test_a_story_within_the_limit_is_left_alone_and_pruning_twice_deletes_nothing():
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=3, published=2)
    assert prune_revisions(keep=3) == 0
    assert len(titles(story)) == 5


def test_one_story_can_be_pruned_alone():
    one, other = (factories.article(status="draft", published_at=None) for _ in range(2))
    saves(one, drafts=10)
    saves(other, drafts=10)
    assert prune_revisions(keep=2, article=one) == 8
    assert (len(titles(one)), len(titles(other))) == (2, 10)


def test_pruning_works_in_batches_of_stories_and_chunks_of_rows():
    stories = [factories.article(status="draft", published_at=None) for _ in range(3)]
    for story in stories:
        saves(story, drafts=12, published=1)
    job = Pruning(keep=2)
    job.stories_per_batch, job.delete_chunk = 2, 3
    assert list(job.batches()) == [20, 10]
    assert [len(titles(s)) for s in stories] == [3, 3, 3]


def test_the_daily_prune_runs_once_a_day(settings: Any):
    settings.REVISIONS_KEEP = 1
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=4)
    assert prune_revisions_if_due() == 3
    saves(story, drafts=4)
    assert prune_revisions_if_due() == 0
    assert len(titles(story)) == 4


def test_the_command_says_what_it_deleted(settings: Any):
    settings.REVISIONS_KEEP = 2
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=5)
    out = StringIO()
    call_command("revisions", "prune", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == (
        "Deleted 3 old revisions of 1 story, keeping 2 per story besides those saved "
        "while it was public."
    )


def test_the_command_answers_machines_in_json():
    story = factories.article(status="draft", published_at=None)
    saves(story, drafts=5)
    out = StringIO()
    call_command("revisions", "prune", "--keep", "1", "--json", stdout=out, stderr=StringIO())
    result = json.loads(out.getvalue())
    assert {k: result[k] for k in ("action", "keep", "stories", "deleted", "finished")} == {
        "action": "prune", "keep": 1, "stories": 1, "deleted": 4, "finished": True,
    }  # fmt: skip


def test_the_command_refuses_a_negative_keep():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a whole number"):
        call_command("revisions", "prune", "--keep", "-1", stderr=StringIO())
