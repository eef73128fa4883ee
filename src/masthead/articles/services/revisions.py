"""Revisions: putting an old one back, and keeping the table to a size.

``restore_revision`` is a save like any other (``save_article``): the newsroom's rules
are asked, the version is checked and the restore is itself a new revision. It puts back
what a story *says* and who it is by: headline, standfirst, body, section, tags, byline,
source and its link and credit, picture, language and the original it translates. It
leaves how the story is *published* as it is now: status, time, slug, lead and comments.

``prune_revisions`` keeps every revision saved while readers could see the story, the
newest ``settings.REVISIONS_KEEP`` others, and always a story's newest one.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Count

from masthead.articles.models import Article, Author, Category, Image, Revision, Source, Tag
from masthead.articles.services.stories import save_article

# Rows deleted per statement when pruning, and stories per transaction.
DELETE_CHUNK = 1000
STORIES_PER_BATCH = 200
PRUNED_KEY = "masthead:revisions:pruned"

# The relations a revision holds as [id, name], and what a missing one is called.
_ONE = {
    "category": (Category, "section"),
    "source": (Source, "source"),
    "featured_image": (Image, "picture"),
    "translation_of": (Article, "original"),
}
_PLAIN = ("source_url", "credit_line", "language")


@dataclass
class Restoration:
    """What restoring ``revision`` would put back, and what no longer exists to put back."""

    revision: Revision
    values: dict[str, Any] = field(default_factory=dict)
    tags: list[Tag] | None = None
    authors: list[Author] | None = None
    # For people: the tag “europe”, the section “Chips”, …
    missing: list[str] = field(default_factory=list)


def restoration(*, revision: Revision) -> Restoration:
    """Read what ``revision`` names back from the database (no writes).

    Rows deleted since the revision was saved are left out and named in ``missing``;
    the confirmation screen shows them, and ``restore_revision`` skips them.
    """
    data = revision.data or {}
    words = {"title": revision.title, "dek": revision.dek, "body": revision.body}
    plan = Restoration(revision, words)
    for name, (model, called) in _ONE.items():
        if name in data:
            _one(plan, name, model, called, data[name])
    for name in _PLAIN:
        if name in data:
            plan.values[name] = data[name]
    if "tags" in data:
        plan.tags = _many(plan, Tag, "tag", data["tags"])
    if "authors" in data:
        plan.authors = _many(plan, Author, "byline author", data["authors"])
    return plan


def _one(plan: Restoration, name: str, model: type[models.Model], called: str, stored: Any) -> None:
    if stored is None:
        if name != "category":  # a story always has a section: none stored is kept as is
            plan.values[name] = None
        return
    row = model._default_manager.filter(pk=stored[0]).first()
    if row is None:
        plan.missing.append(f"the {called} “{stored[1]}”")
    else:
        plan.values[name] = row


def _many(plan: Restoration, model: type[Any], called: str, stored: list[list[Any]]) -> list[Any]:
    """The rows of ``stored`` ([id, name] pairs) that still exist, in the stored order."""
    found = model._default_manager.in_bulk([pk for pk, _ in stored])
    plan.missing += [f"the {called} “{name}”" for pk, name in stored if pk not in found]
    return [found[pk] for pk, _ in stored if pk in found]


@transaction.atomic
def restore_revision(
    *, revision: Revision, by: Any, expected_version: int | None = None
) -> Article:
    """Put ``revision``'s words and relations back on its story, as a new save by ``by``.

    Goes through ``save_article``, so it raises ``NotAllowed`` for someone who may not
    edit the story and ``EditConflict`` when ``expected_version`` is stale. The status
    never changes: a published story stays published, with the old words. Tags, authors,
    a section, source, picture or original deleted since are skipped: call
    ``restoration(revision=…)`` first to tell the user which (its ``missing``).
    """
    plan = restoration(revision=revision)
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    for name, value in plan.values.items():
        setattr(article, name, value)
    return save_article(
        article=article, by=by, authors=plan.authors, tags=plan.tags,
        expected_version=expected_version,
    )  # fmt: skip


def prune_revisions(*, keep: int | None = None, article: Article | None = None) -> int:
    """Delete old revisions beyond the newest ``keep`` per story; return how many went.

    Never one saved while the story was public, never a story's newest. ``keep``
    defaults to ``settings.REVISIONS_KEEP``; ``article`` limits the work to one story.
    """
    job = Pruning(keep=keep, article=article)
    return sum(job.batches())


def prune_revisions_if_due() -> int:
    """Run ``prune_revisions`` if it has not run in the last day (one cache write otherwise)."""
    if not cache.add(PRUNED_KEY, True, 24 * 3600):
        return 0
    return prune_revisions()


class Pruning:
    """A prune run, in batches of stories, each its own transaction (for a big table).

    ``stories`` lists the stories with more revisions than are kept (for a progress bar);
    ``batches()`` yields the rows deleted per batch.
    """

    stories_per_batch = STORIES_PER_BATCH
    delete_chunk = DELETE_CHUNK

    def __init__(self, *, keep: int | None = None, article: Article | None = None) -> None:
        self.keep = settings.REVISIONS_KEEP if keep is None else keep
        if self.keep < 0:
            raise ValueError(f"keep must be zero or more, not {self.keep}")
        crowded = (
            Revision.objects.filter(published=False)
            .values("article_id")
            .annotate(n=Count("pk"))
            .filter(n__gt=self.keep)
            .order_by("article_id")
        )
        if article is not None:
            crowded = crowded.filter(article_id=article.pk)
        self.stories: list[int] = [row["article_id"] for row in crowded]

    def batches(self) -> Generator[int, None, None]:
        size = self.stories_per_batch
        for start in range(0, len(self.stories), size):
            with transaction.atomic():
                yield sum(self._prune(pk) for pk in self.stories[start : start + size])

    def _prune(self, article_id: int) -> int:
        """Delete one story's surplus revisions, a chunk of rows per statement."""
        history = Revision.objects.filter(article_id=article_id).order_by("-created_at", "-pk")
        spared = list(history.filter(published=False).values_list("pk", flat=True)[: self.keep])
        spared += list(history.values_list("pk", flat=True)[:1])
        doomed = history.filter(published=False).exclude(pk__in=spared).values_list("pk", flat=True)
        deleted = 0
        while chunk := list(doomed[: self.delete_chunk]):
            # A raw delete sends no signals: a pruned revision changes no page, and a
            # post_delete receiver (the page cache's listens to every model) would have
            # Django fetch each row, bodies and all, and purge the cache once per row.
            deleted += Revision.objects.filter(pk__in=chunk)._raw_delete(Revision.objects.db)
        return deleted
