"""Purge the page cache whenever content that pages show changes.

Any save or delete of a model in the apps named by ``PAGE_CACHE_WATCH_APPS`` (articles,
comments), but for the models of ``PAGE_CACHE_IGNORE_MODELS``, moves the cache generation
on after the transaction commits; every cached page of the older generation is then
ignored. A *new* row that says it is not public (``is_public`` false, as on a pending
comment) purges nothing. This is coarse and always correct; per-page surrogate keys for
CDNs come later.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from masthead.caching import store
from masthead.core import generation


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def purge_on_change(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in settings.PAGE_CACHE_WATCH_APPS:
        return
    if meta.label_lower in settings.PAGE_CACHE_IGNORE_MODELS:
        # The back office's own rows (revisions, preview links, open forms): no page shows
        # them, and an autosave every 30 s would otherwise empty the cache as often.
        return
    if kwargs.get("created") and not getattr(kwargs.get("instance"), "is_public", True):
        # A new row no reader can see (a comment awaiting moderation) changes no page;
        # purging for it would let a flood of comments keep the cache empty.
        return
    transaction.on_commit(generation.bump)


@receiver(generation.bumped)
def purge_pages(**kwargs: Any) -> None:
    """Every change that moves the content version on empties the page store."""
    store.purge_all()
