"""Keep the cached site settings true to the database."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.articles.models import MenuItem, SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuItem)
def forget_site_settings(sender: Any, **kwargs: Any) -> None:
    SiteSettings.forget()
    transaction.on_commit(SiteSettings.forget)
