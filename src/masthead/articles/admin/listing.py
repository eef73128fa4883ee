"""The story list of the back office: columns, filters, search and the bulk moves."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.articles import services
from masthead.articles.models import Article


def bulk_move(
    move: Callable[..., Article], done: str
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Article]], None]:
    """An admin action applying ``move`` to each story the user may move, reporting the rest."""

    def action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Article]):
        moved, refused = 0, []
        for article in queryset:
            try:
                move(article=article, by=request.user)
            except services.NotAllowed as refusal:
                refused.append(f"“{article.title}”: {refusal}")
            else:
                moved += 1
        if moved:
            messages.success(request, done % {"count": moved})
        for line in refused:
            messages.error(request, line)

    return action


class ArticleListing(admin.ModelAdmin):
    """The list of stories: what it shows, filters and searches, and its bulk actions."""

    list_display = ["title", "status", "published_at", "category", "language", "is_lead"]
    list_filter = ["status", "category", "language", "source"]
    search_fields = ["title", "dek"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish", "trash"]

    publish = admin.action(description="Publish selected articles")(
        bulk_move(services.publish_article, "Published %(count)d article(s).")
    )
    unpublish = admin.action(description="Unpublish selected articles")(
        bulk_move(services.unpublish_article, "Unpublished %(count)d article(s).")
    )
    trash = admin.action(description="Move selected articles to the trash")(
        bulk_move(services.trash_article, "Moved %(count)d article(s) to the trash.")
    )
