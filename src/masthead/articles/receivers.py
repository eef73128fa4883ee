"""Keep the cached site settings true to the database; prune revisions once a day."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.articles.models import MenuItem, Revision, SiteSettings
from masthead.articles.services.editing import forget_stale_if_due
from masthead.articles.services.revisions import prune_revisions_if_due


@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuItem)
def forget_site_settings(sender: Any, **kwargs: Any) -> None:
    SiteSettings.forget()
    transaction.on_commit(SiteSettings.forget)


@receiver(post_save, sender=Revision, dispatch_uid="masthead.articles.prune_revisions")
def prune_revisions_daily(sender: Any, created: bool = False, **kwargs: Any) -> None:
    """Let the first save of each day prune the revisions and the forms left open a month.

    ``masthead revisions prune`` from cron does the first too; this keeps a site without
    a scheduler bounded, as the comments' trash is emptied. Both run after the commit.
    """
    if created:
        transaction.on_commit(prune_revisions_if_due)
        transaction.on_commit(forget_stale_if_due)
