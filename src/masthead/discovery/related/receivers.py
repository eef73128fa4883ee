"""Keep related-post lists fresh as articles are published, changed and withdrawn.

The work runs inside the publishing transaction, as the write path promises: the new
article's list and its entries in other lists commit with it, or not at all (a job that
writes many articles in one transaction may hold it for the end of that transaction:
``core.batchjobs.batched_upkeep``). Nothing
runs when no ``MASTHEAD_RELATED`` backend uses stored lists; when several do, the first
(``default`` first) keeps the lists, content engine or semantic mode alike.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from masthead.articles.models import Article
from masthead.articles.signals import article_changed, article_published, article_unpublished
from masthead.core.batchjobs import upkeep_deferred, upkeep_later
from masthead.discovery.related.backend import configured_lists


@receiver(article_published)
@receiver(article_changed)
def refresh(sender: Any, article: Article, **kwargs: Any) -> None:
    """A published (or scheduled) article gets its list and enters the lists it belongs in.

    Not during a bulk job's ``deferred_upkeep``: it rebuilds every list when it ends.
    Within a ``batched_upkeep``, at the end of the batch, with the batch's other articles.
    """
    if upkeep_deferred() or upkeep_later(refresh_many, article.pk):
        return
    lists = configured_lists()
    if lists is not None:
        lists.refresh(article)


def refresh_many(pks: dict[int, Any]) -> None:
    """Refresh the lists of the articles ``pks`` together: a batch's held upkeep."""
    lists = configured_lists()
    if lists is not None:
        lists.refresh_many(list(pks))


@receiver(article_unpublished)
def withdraw(sender: Any, article: Article, **kwargs: Any) -> None:
    """A withdrawn article leaves every list at once."""
    lists = configured_lists()
    if lists is not None:
        lists.withdraw(article)
