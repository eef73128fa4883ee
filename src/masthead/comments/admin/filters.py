"""The moderation queue's filters: by status (with counts) and by article."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator

from masthead.articles.models import Article
from masthead.comments.models import Comment


class StatusFilter(admin.SimpleListFilter):
    """Comments of one status; each choice says how many there are, pending first."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        # One GROUP BY over the (status, created_at) index; the counts are the whole
        # queue's, whatever else is filtered, like the tabs of a mail client.
        counts = dict(
            Comment.objects.order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        return [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in Comment.Status.choices
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset if value is None else queryset.filter(status=value)


class ArticleFilter(admin.SimpleListFilter):
    """Comments on one article, offered among the articles commented on most recently.

    Listing every article would load the whole archive into the sidebar, so the choices
    come from the latest ``RECENT`` comments (one query on the ``created_at`` index, one
    for the headlines). Any article can still be picked with ``?article=<id>``, which is
    where the "comments on it" link of each row of the list leads.
    """

    title = "article"
    parameter_name = "article"
    RECENT = 500
    SHOWN = 15

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        recent = Comment.objects.order_by("-created_at").values_list("article_id", flat=True)
        ids = list(dict.fromkeys(recent[: self.RECENT]))[: self.SHOWN]
        chosen = self.chosen_id()
        if chosen is not None and chosen not in ids:
            ids.append(chosen)
        titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
        return [(str(pk), Truncator(titles[pk]).chars(60)) for pk in ids if pk in titles]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() is None:
            return queryset
        chosen = self.chosen_id()
        return queryset.none() if chosen is None else queryset.filter(article_id=chosen)

    def chosen_id(self) -> int | None:
        """The chosen article's id, or None when there is none or it is not a number."""
        value = self.value()
        return int(value) if value and value.isdigit() else None
