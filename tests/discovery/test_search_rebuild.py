"""The index's upkeep: ``masthead search rebuild``, its resumption, and the SQLite plumbing."""

from __future__ import annotations

import io
import json
import os
import signal
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from masthead.articles.models import Article
from masthead.config import checks
from masthead.core.batchjobs import deferred_upkeep
from masthead.discovery.models import SearchEntry, SearchRebuild
from masthead.discovery.search.backends import SearchBackend, get_backend
from masthead.discovery.search.query import SearchQuery
from tests import factories

pytestmark = pytest.mark.django_db


def rebuild(*args: str) -> str:
    out = io.StringIO()
    call_command("search", "rebuild", *args, stdout=out)
    return out.getvalue()


def found(text: str) -> int:
    return get_backend().search(SearchQuery(text)).total


@pytest.fixture
def stories(db: Any) -> list[Article]:
    """Seven published stories about owls, a draft and a trashed one."""
    made = [factories.article(title=f"Owl story {i}") for i in range(7)]
    factories.article(title="Owl draft", status=Article.Status.DRAFT, published_at=None)
    factories.article(title="Owl trash", status=Article.Status.TRASH)
    return made


def lose_the_index() -> None:
    """What rows written without signals leave behind: an index that knows nothing."""
    SearchEntry.objects.all().delete()


def test_rebuild_indexes_every_published_article(stories: list[Article]):
    lose_the_index()
    assert found("owl") == 0
    assert "Indexed 7 published articles of 9 looked at" in rebuild()
    assert found("owl") == 7
    assert not SearchRebuild.objects.exists()


def test_rebuild_prints_json_after_the_action_or_before_it(stories: list[Article]):
    report = json.loads(rebuild("--json"))
    assert report["action"] == "rebuild"
    assert (report["articles"], report["indexed"], report["finished"]) == (9, 7, True)
    out = io.StringIO()
    call_command("search", "--json", "rebuild", stdout=out)
    assert json.loads(out.getvalue())["indexed"] == 7


def test_rebuild_is_idempotent_and_drops_what_is_no_longer_published(stories: list[Article]):
    # A row written behind the services' back: the index still lists an unpublished story.
    Article.objects.filter(pk=stories[0].pk).update(status=Article.Status.DRAFT)
    assert found("owl") == 7
    rebuild()
    first = sorted(SearchEntry.objects.values_list("article_id", "title", "stamp"))
    rebuild("--batch-size", "2")
    assert sorted(SearchEntry.objects.values_list("article_id", "title", "stamp")) == first
    assert found("owl") == 6


def test_an_interrupted_rebuild_carries_on_where_it_stopped(
    stories: list[Article], monkeypatch: Any
):
    """Ctrl-C stops after the batch; running the command again starts after it."""
    lose_the_index()
    real_store = SearchBackend.store
    calls: list[int] = []

    def store_then_interrupt(self: SearchBackend, entries: list[SearchEntry]) -> None:
        real_store(self, entries)
        calls.append(len(entries))
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # as if the reader pressed Ctrl-C

    monkeypatch.setattr(SearchBackend, "store", store_then_interrupt)
    with pytest.raises(CommandError, match="run `masthead search rebuild` again") as stopped:
        rebuild("--batch-size", "3")
    assert stopped.value.returncode == 130
    assert found("owl") == 3
    assert SearchRebuild.objects.get().last_article_id == stories[2].pk
    monkeypatch.setattr(SearchBackend, "store", real_store)
    report = json.loads(rebuild("--json", "--batch-size", "3"))
    assert report["resumed_after"] == stories[2].pk
    assert (report["articles"], report["finished"]) == (6, True)
    assert found("owl") == 7


def test_restart_starts_again_from_the_first_article(stories: list[Article]):
    SearchRebuild.objects.create(started_at=stories[0].published_at, last_article_id=10**9)
    assert json.loads(rebuild("--json"))["articles"] == 0  # resumed past the end: done
    SearchRebuild.objects.create(started_at=stories[0].published_at, last_article_id=10**9)
    assert json.loads(rebuild("--json", "--restart"))["articles"] == 9


def test_a_bad_batch_size_is_refused(db: Any):
    with pytest.raises(CommandError, match="not a whole number above zero"):
        call_command("search", "rebuild", "--batch-size", "0")


# SQLite's FTS5 table ---------------------------------------------------------------------------

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only"
)


@sqlite_only
def test_triggers_keep_the_fts5_index_in_step_with_the_entries(stories: list[Article]):
    """Migrations that rebuild the table drop its triggers; this notices."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        assert {"discovery_search_ai", "discovery_search_ad", "discovery_search_au"} <= triggers
        story = stories[0]
        story.title = "Renamed heron"
        from masthead.articles import services

        services.save_article(article=story)
        story.delete()
        # FTS5 compares its index with the entries table, row by row.
        cursor.execute(
            "INSERT INTO discovery_search_fts(discovery_search_fts, rank) "
            "VALUES ('integrity-check', 1)"
        )


def test_w003_warns_when_sqlite_has_no_fts5(settings: Any, monkeypatch: Any):
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    monkeypatch.setattr(checks, "sqlite_has_fts5", lambda: False)
    (warning,) = checks.search_index_available()
    assert warning.id == "masthead.W003"
    assert "masthead search rebuild" in warning.hint
    monkeypatch.setattr(checks, "sqlite_has_fts5", lambda: True)
    assert checks.search_index_available() == []


def test_this_sqlite_has_fts5_and_the_checks_are_quiet():
    assert checks.sqlite_has_fts5()
    assert "masthead.W003" not in [m.id for m in run_checks()]


def test_publishing_under_deferred_upkeep_leaves_the_index_to_the_rebuild(db):
    """A bulk job (``import wordpress --bulk``) skips the per-article work; its rebuild does it."""
    with deferred_upkeep():
        factories.article(title="Kestrels return to the quarry")
    assert found("kestrels") == 0
    rebuild()
    assert found("kestrels") == 1
