"""Restoring a revision: a new save through the rules, the status kept, deleted rows skipped."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.articles import services
from masthead.articles.models import Article, Revision, Tag
from masthead.articles.services.revisions import restoration, restore_revision
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(newsroom: dict[str, Any]) -> Article:
    """A published story edited once: its first revision has other words and relations."""
    # Filed in Policy, by Alice and Bob, tagged models and gpus.
    story = Article.objects.get(pk=newsroom["stories"][4].pk)
    story.title, story.body, story.category = "Rewritten", "New body.", newsroom["chips"]
    services.save_article(article=story, authors=[newsroom["alice"]], tags=[newsroom["tags"][2]])
    return story


def first(story: Article) -> Revision:
    return Revision.objects.filter(article=story).order_by("created_at", "pk").first()  # type: ignore[return-value]


def test_restoring_puts_the_words_and_relations_back_as_a_new_revision(
    story: Article, newsroom: dict[str, Any]
):
    editor = factories.person("Editor")
    before = Revision.objects.filter(article=story).count()
    restored = restore_revision(revision=first(story), by=editor)
    restored.refresh_from_db()
    assert (restored.title, restored.body) == ("Story number 4", first(story).body)
    assert restored.category == newsroom["policy"]
    assert [a.slug for a in restored.byline] == ["alice", "bob"]
    assert sorted(t.slug for t in restored.tags.all()) == ["gpus", "models"]
    newest = Revision.objects.filter(article=story).first()
    assert Revision.objects.filter(article=story).count() == before + 1
    assert newest is not None
    assert newest.by == editor
    assert newest.title == "Story number 4"


def test_restoring_never_changes_the_status(story: Article):
    editor = factories.person("Editor")
    services.unpublish_article(article=story, by=editor)
    restored = restore_revision(revision=first(story), by=editor)  # saved while published
    assert restored.status == "unpublished"
    services.publish_article(article=restored, by=editor)
    restored = restore_revision(revision=first(story), by=editor)
    assert restored.status == "published"
    assert restored.is_visible


def test_a_tag_deleted_since_is_skipped_and_named(story: Article):
    Tag.objects.filter(slug="models").delete()
    plan = restoration(revision=first(story))
    assert plan.missing == ["the tag “models”"]
    restored = restore_revision(revision=first(story), by=factories.person("Editor"))
    assert [t.slug for t in restored.tags.all()] == ["gpus"]


def test_a_contributor_may_not_restore_a_colleagues_story(story: Article):
    contributor = factories.person("Contributor")
    with pytest.raises(services.NotAllowed, match="colleague"):
        restore_revision(revision=first(story), by=contributor)
    assert Article.objects.get(pk=story.pk).title == "Rewritten"


def test_a_stale_version_is_refused_and_nothing_written(story: Article):
    editor = factories.person("Editor")
    opened_at = story.version
    services.save_article(article=Article.objects.get(pk=story.pk), by=editor)
    with pytest.raises(services.EditConflict):
        restore_revision(revision=first(story), by=editor, expected_version=opened_at)
    assert Article.objects.get(pk=story.pk).title == "Rewritten"


def test_a_revision_from_before_the_full_snapshot_restores_what_it_has(story: Article):
    """Old revisions hold no source or picture: those are left as they are."""
    old = first(story)
    old.data = {k: v for k, v in old.data.items() if k in ("category", "tags", "authors")}
    old.save()
    story.credit_line = "Kept"
    services.save_article(article=story)
    restored = restore_revision(revision=old, by=None)
    assert (restored.title, restored.credit_line) == ("Story number 4", "Kept")
