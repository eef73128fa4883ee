"""Where an old address now lives: ``new_url("/?p=42")`` → ``/2019/03/05/hello/``."""

from __future__ import annotations

from typing import Any

from django.db import models

from masthead.articles.models import Article, Author, Category, Page, Tag
from masthead.ingest.models import ImportedItem, LegacyURL

QUERY_LINKS = ("p", "page_id", "cat")
Kind = ImportedItem.Kind
TARGETS: dict[str, type[models.Model]] = {
    Kind.POST: Article,
    Kind.PAGE: Page,
    Kind.CATEGORY: Category,
    Kind.TAG: Tag,
    Kind.AUTHOR: Author,
}


def new_url(path: str) -> str:
    """The current URL of what the old ``path`` showed; "" when none a reader may see."""
    if "\x00" in path:
        # No stored path holds a NUL, and PostgreSQL refuses one even in a lookup.
        return ""
    legacy = LegacyURL.objects.filter(path=path[:500]).first()
    if legacy is None:
        return ""
    model = TARGETS.get(legacy.kind)
    if model is None:
        return ""
    found = model._default_manager.filter(pk=legacy.object_id)
    if model is Article:
        found = Article.objects.published().filter(pk=legacy.object_id)
    elif model is Page:
        found = Page.objects.published().filter(pk=legacy.object_id)
    target: Any = found.first()
    return str(target.get_absolute_url()) if target is not None else ""
