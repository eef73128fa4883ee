"""Keep the search index in step with publish, edit and unpublish.

The index is written at once, inside the service's transaction, not after the commit:
the article and its index row are committed together or not at all, so a search never
finds a story that was rolled back, nor misses one that was published (issue #4 asks
for exactly this). Writing a row costs a few milliseconds.

Renaming a tag or an author re-indexes their published articles, since their names
are searched; categories are filtered by id, so renaming one changes nothing here.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from masthead.articles.models import Article, ArticleAuthor, Author, Tag
from masthead.articles.signals import article_changed, article_published, article_unpublished
from masthead.core import generation
from masthead.core.batchjobs import upkeep_deferred, upkeep_later
from masthead.discovery.search.backends import get_backend
from masthead.discovery.search.forms import AUTHORS_CACHE_NAME


@receiver(article_published, dispatch_uid="search-index-published")
@receiver(article_changed, dispatch_uid="search-index-changed")
def index_article(sender: Any, article: Article, **kwargs: Any) -> None:
    """Index a published (or scheduled) article as it now is.

    Not during a bulk job's ``deferred_upkeep``: it rebuilds the index when it ends.
    Within a ``batched_upkeep``, at the end of the batch, with the batch's other articles.
    """
    if not upkeep_deferred() and not upkeep_later(index_many, article.pk):
        get_backend().index(article)


def index_many(pks: dict[int, Any]) -> None:
    """Index the published articles among ``pks`` together: a batch's held upkeep."""
    get_backend().reindex(list(pks))


@receiver(article_unpublished, dispatch_uid="search-index-unpublished")
def remove_article(sender: Any, article: Article, **kwargs: Any) -> None:
    """Take a withdrawn article out of the index."""
    get_backend().remove(article.pk)


@receiver(article_published, dispatch_uid="search-authors-published")
@receiver(article_unpublished, dispatch_uid="search-authors-unpublished")
def recount_authors(sender: Any, article: Article, **kwargs: Any) -> None:
    """The search form's author list counts published stories: count them again."""
    transaction.on_commit(lambda: generation.forget(AUTHORS_CACHE_NAME))


@receiver(post_delete, sender=Article, dispatch_uid="search-index-deleted")
def forget_article(sender: Any, instance: Article, **kwargs: Any) -> None:
    """A deleted article leaves the index (its row cascades; this covers other backends)."""
    get_backend().remove(instance.pk)


@receiver(pre_save, sender=Tag, dispatch_uid="search-tag-name-before")
@receiver(pre_save, sender=Author, dispatch_uid="search-author-name-before")
def note_old_name(sender: type[Model], instance: Tag | Author, **kwargs: Any) -> None:
    """Remember the name a tag or author had, to see after saving whether it changed."""
    if instance.pk is not None and not kwargs.get("raw"):
        old = sender._default_manager.filter(pk=instance.pk).values_list("name", flat=True)
        setattr(instance, "_search_old_name", old.first())  # noqa: B010 (not a field)


@receiver(post_save, sender=Tag, dispatch_uid="search-tag-renamed")
@receiver(post_save, sender=Author, dispatch_uid="search-author-renamed")
def reindex_renamed(sender: type[Model], instance: Tag | Author, **kwargs: Any) -> None:
    """Index again the published articles of a tag or author whose name changed."""
    old = getattr(instance, "_search_old_name", None)
    if old is None or old == instance.name:
        return
    ids: Any = (
        Article.tags.through.objects.filter(tag_id=instance.pk).values("article_id")
        if isinstance(instance, Tag)
        else ArticleAuthor.objects.filter(author_id=instance.pk).values("article_id")
    )
    published = Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED)
    get_backend().reindex(published.values_list("pk", flat=True))
