"""The import writes a batch of records per transaction, keeping its promises on a stop."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.articles.models import Article, Revision
from masthead.comments.models import Comment
from masthead.core import generation
from masthead.discovery.models import IndexedArticle, RelatedLink, SearchEntry
from masthead.ingest.wordpress import batches, mapper
from masthead.ingest.wordpress.parser import parse
from tests.ingest import wxr

pytestmark = pytest.mark.django_db


def posts(count: int) -> bytes:
    items = [
        wxr.Item(i, title=f"Post {i}", comments=[wxr.Comment(i * 10)], tags=[("owls", "Owls")])
        for i in range(1, count + 1)
    ]
    return wxr.export(*wxr.standard_header(), *items)


def test_batches_end_at_their_size_and_every_record_is_written(run_import, monkeypatch):
    monkeypatch.setattr(batches, "MAX_ITEMS", 2)
    calls = []
    real = mapper.WordPressImport.flush
    monkeypatch.setattr(mapper.WordPressImport, "flush", lambda job: calls.append(1) or real(job))
    summary = run_import(posts(5))
    assert summary["counts"]["post"]["created"] == 5
    assert Comment.objects.count() == 5
    assert len(calls) >= 3  # at least 5 posts / 2 a batch, plus the header's records


def test_each_new_post_has_its_one_revision_with_byline_and_tags(run_import):
    run_import(posts(3))
    assert Revision.objects.count() == 3
    revision = Revision.objects.get(article__title="Post 2")
    assert [name for _, name in revision.data["tags"]] == ["Owls"]
    assert revision.data["authors"]
    run_import(posts(3))  # unchanged: no new revisions
    assert Revision.objects.count() == 3


def test_a_batch_indexes_and_lists_its_posts_as_a_rebuild_would(run_import, monkeypatch):
    """Search entries and related lists are written at the end of the batch, not left out."""
    monkeypatch.setattr(batches, "MAX_SECONDS", 600.0)  # one batch, even on a busy machine
    run_import(posts(6))
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert len(published) == 6
    assert set(SearchEntry.objects.values_list("article_id", flat=True)) == published
    listed = IndexedArticle.objects.filter(listed_at__isnull=False)
    assert set(listed.values_list("article_id", flat=True)) == published
    kept = set(RelatedLink.objects.values_list("source_id", "target_id", "score"))
    assert {source for source, _, _ in kept} == published
    call_command("related", "rebuild", "--restart", stdout=StringIO())
    rebuilt = set(RelatedLink.objects.values_list("source_id", "target_id", "score"))
    assert {(s, t, round(x, 9)) for s, t, x in kept} == {(s, t, round(x, 9)) for s, t, x in rebuilt}


def test_a_batch_costs_one_ranking_pass_not_one_per_post(run_import, monkeypatch):
    from masthead.discovery.related import upkeep

    passes: list[int] = []
    real = upkeep.refresh_articles

    def counted(*, pks, engine):
        passes.append(len(pks))
        real(pks=pks, engine=engine)

    monkeypatch.setattr(batches, "MAX_SECONDS", 600.0)
    monkeypatch.setattr(upkeep, "refresh_articles", counted)
    monkeypatch.setattr(upkeep, "refresh_article", lambda **kwargs: pytest.fail("one by one"))
    run_import(posts(5))
    assert passes == [5]


def test_a_first_ctrl_c_commits_the_batch_so_far(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(posts(4))
    job = mapper.WordPressImport()
    seen: list[int] = []

    def stop() -> bool:
        seen.append(1)
        return Article.objects.count() == 2

    with path.open("rb") as handle:
        finished = batches.write(parse(handle), job, stop=stop)
    assert finished is False
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Post 1", "Post 2"]
    assert Revision.objects.count() == 2


def test_a_second_ctrl_c_leaves_no_revision_of_the_post_rolled_back(run_import, monkeypatch):
    real = mapper.import_comments

    def killed_on_post_2(item, article, **kwargs):
        if item.wp_id == 2:
            raise KeyboardInterrupt
        real(item, article, **kwargs)

    monkeypatch.setattr(mapper, "import_comments", killed_on_post_2)
    with pytest.raises(CommandError):
        run_import(posts(3))
    assert list(Article.objects.values_list("title", flat=True)) == ["Post 1"]
    assert list(Revision.objects.values_list("article__title", flat=True)) == ["Post 1"]


def test_the_page_cache_moves_on_at_most_once_a_second_while_importing(run_import, monkeypatch):
    moved = []
    real = generation._move_on
    monkeypatch.setattr(generation, "_move_on", lambda: moved.append(1) or real())
    run_import(posts(5))
    # Five posts with comments and tags ask for dozens of bumps; the import makes one or
    # two (its clock may pass one second) and the command its own at the end.
    assert 1 <= len(moved) <= 4


def test_a_batch_settles_its_posts_together_after_its_commit(
    run_import, monkeypatch, django_capture_on_commit_callbacks
):
    """One purge for the batch's posts, of every page each post's own settling would purge."""
    from masthead.articles import pagetags
    from masthead.caching import changes, purge

    purged: list[frozenset[str]] = []
    monkeypatch.setattr(purge, "now", lambda tags: purged.append(frozenset(tags)))
    monkeypatch.setattr(batches, "MAX_SECONDS", 600.0)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(posts(3))
    filings = changes.filings_in_database(Article.objects.values_list("pk", flat=True))
    assert len(filings) == 3
    wanted = set().union(*(changes.article_saved(None, filing) for filing in filings.values()))
    assert {pagetags.article(pk) for pk in filings} <= wanted
    batch = [tags for tags in purged if tags & {pagetags.article(pk) for pk in filings}]
    assert len(batch) == 1
    assert wanted <= batch[0]


def test_a_batch_queues_its_posts_webhook_events_after_its_commit_reading_hooks_once(
    run_import, monkeypatch, django_capture_on_commit_callbacks
):
    from masthead.api.webhooks.models import Delivery, Event, WebhookQuerySet
    from tests.api.webhook_helpers import webhook

    webhook("https://hooks.example.com/in", events=[Event.ARTICLE_PUBLISHED])
    reads: list[str] = []
    real = WebhookQuerySet.listening_to
    monkeypatch.setattr(
        WebhookQuerySet, "listening_to", lambda qs, event: reads.append(event) or real(qs, event)
    )
    monkeypatch.setattr(batches, "MAX_SECONDS", 600.0)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(posts(3))
    deliveries = Delivery.objects.order_by("pk")
    assert [d.event for d in deliveries] == [Event.ARTICLE_PUBLISHED] * 3
    titles = [d.payload["article"]["title"] for d in deliveries]
    assert titles == ["Post 1", "Post 2", "Post 3"]
    assert reads == [Event.ARTICLE_PUBLISHED]
