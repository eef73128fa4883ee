"""Tag the page being made, and purge exactly the pages a change makes stale.

Every receiver names its sender: a row no page shows (a revision, a preview link, an
open form, a classifier token) purges nothing and keeps Django's fast deletes. What a
change makes stale is ``changes``' business; the purge runs after the commit, once per
transaction, through every backend of ``MASTHEAD_PURGE_BACKENDS`` (``purge``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import (
    ModelSignal,
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from masthead.articles import pagetags, signals
from masthead.articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Image,
    MenuItem,
    Page,
    SiteSettings,
    Source,
    Tag,
)
from masthead.caching import changes, pagecache, purge
from masthead.caching import tags as page_tags
from masthead.core import generation
from masthead.core.batchjobs import upkeep_later, upkeep_noted

UID = "masthead.caching."


def tag_page(sender: Any, request: Any, tags: Any, **kwargs: Any) -> None:
    page_tags.add(request, *tags)


def purge_after_commit(stale: set[str] | frozenset[str]) -> None:
    """Purge ``stale`` once the transaction commits (now, outside one)."""
    if stale:
        purge.after_commit(stale)


def on_stale(sender: Any, tags: frozenset[str], **kwargs: Any) -> None:
    purge.now(tags)  # sent after the commit already (a rebuild's batches are live)


def before_article_save(sender: Any, instance: Article, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        instance._masthead_filing = changes.filing_in_database(instance.pk)  # type: ignore[attr-defined]


def after_article_save(sender: Any, instance: Article, raw: bool = False, **kwargs: Any) -> None:
    """Settle the story after the commit; within a batch job's ``batched_upkeep``, settle
    the batch's stories together at its end (compared with each one's first ``before``)."""
    if not raw:
        before = getattr(instance, "_masthead_filing", None)
        if not upkeep_later(settle_many, instance.pk, note=before):
            transaction.on_commit(lambda: settle_article(instance.pk, before))


def settle_article(pk: int, before: changes.Filing | None) -> None:
    """After the commit: compare the story as it was and as it is now; purge the difference."""
    stale, scheduled = _compared({pk: before})
    if scheduled:
        pagecache.forget_next_scheduled()
    purge.now(stale)


def settle_many(befores: dict[int, changes.Filing | None]) -> None:
    """A batch's stories (``pk → filing before the batch``), at its end, in its transaction:
    read them as they now are in three queries, purge the union once after the commit."""
    stale, scheduled = _compared(befores)
    if scheduled:
        transaction.on_commit(pagecache.forget_next_scheduled)
    purge_after_commit(stale)


def _compared(befores: dict[int, changes.Filing | None]) -> tuple[set[str], bool]:
    """What the stories ``befores`` (``pk → filing before``) show that changed, as they
    are stored now, and whether the next scheduled publication may have moved (pages'
    lifetimes are cut to it). A story deleted meanwhile is left out: the delete purged."""
    stale: set[str] = set()
    scheduled = False
    for pk, after in changes.filings_in_database(befores).items():
        before = befores[pk]
        scheduled = scheduled or after.scheduled or (before is not None and before.scheduled)
        stale |= changes.article_saved(before, after)
    return stale, scheduled


def before_article_delete(sender: Any, instance: Article, **kwargs: Any) -> None:
    filing = changes.filing_in_database(instance.pk)
    if filing is not None:
        purge_after_commit(changes.article_deleted(filing))


def article_tags_changed(
    sender: Any, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action == "pre_clear":
        if isinstance(instance, Article):
            instance._masthead_tags = set(instance.tags.values_list("pk", flat=True))  # type: ignore[attr-defined]
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        if upkeep_noted(settle_many, instance.pk):
            return  # saved in this batch: its settling compares its tags before and after
        gone = getattr(instance, "_masthead_tags", set()) if action == "post_clear" else pk_set
        purge_after_commit(changes.tags_changed(instance.pk, gone or ()))
    else:  # tag.articles.add(…): the tag's list and the stories' pages
        for article_pk in pk_set or ():
            purge_after_commit(changes.tags_changed(article_pk, [instance.pk]))


def byline_changed(sender: Any, instance: ArticleAuthor, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        purge_after_commit(changes.byline_changed(instance.article_id, instance.author_id))


def row_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A section, tag, author or static page saved or deleted."""
    if raw:
        return
    mapping = {
        Category: changes.section_changed,
        Tag: changes.tag_changed,
        Author: changes.author_changed,
        Page: changes.static_page_changed,
    }
    purge_after_commit(mapping[sender](instance))


def shown_with_stories(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A picture or a source: the visible stories that show it."""
    if not raw and instance.pk is not None:
        field = "featured_image" if sender is Image else "source"
        purge_after_commit(changes.articles_showing(field, instance.pk))


def site_changed(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    """The site's settings or menu are on every page."""
    if not raw:
        purge_after_commit({pagetags.EVERYTHING})


def purge_pages(**kwargs: Any) -> None:
    """A move of the content version (``generation.bump``) empties the page store too."""
    purge.now({pagetags.EVERYTHING})


def connect() -> None:
    """Connect every receiver to its sender (``CachingConfig.ready``)."""
    generation.bumped.connect(purge_pages, dispatch_uid=UID + "bumped")
    signals.page_shows.connect(tag_page, dispatch_uid=UID + "tag_page")
    signals.pages_stale.connect(on_stale, dispatch_uid=UID + "stale")
    pre_save.connect(before_article_save, sender=Article, dispatch_uid=UID + "article_pre")
    post_save.connect(after_article_save, sender=Article, dispatch_uid=UID + "article_post")
    pre_delete.connect(before_article_delete, sender=Article, dispatch_uid=UID + "article_del")
    m2m_changed.connect(
        article_tags_changed, sender=Article.tags.through, dispatch_uid=UID + "article_tags"
    )
    # Before a picture or a source is deleted: its stories still point at it.
    receivers: list[tuple[Callable[..., None], list[type[Model]], ModelSignal, ModelSignal]] = [
        (byline_changed, [ArticleAuthor], post_save, post_delete),
        (row_changed, [Category, Tag, Author, Page], post_save, post_delete),
        (site_changed, [SiteSettings, MenuItem], post_save, post_delete),
        (shown_with_stories, [Image, Source], post_save, pre_delete),
    ]
    for receiver, models, saved, deleted in receivers:
        for model in models:
            uid = f"{UID}{receiver.__name__}.{model.__name__}"
            saved.connect(receiver, sender=model, dispatch_uid=f"{uid}.save")
            deleted.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete")
