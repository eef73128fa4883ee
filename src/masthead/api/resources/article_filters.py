"""The filters of ``/articles/``: by section, tag, author, publication time, words, status.

A filter naming a section, tag or author that does not exist answers 404; a value that
cannot be read (a date like 2026-02-30, an unknown status) answers 400 naming the
parameter. ``q`` finds articles through the site's search backend (published articles
only, the newest ``SEARCH_LIMIT`` matches); the other filters narrow that further.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import Q
from rest_framework import exceptions, serializers
from rest_framework.request import Request

from masthead.api.permissions import may, refuse
from masthead.articles.models import Article, Author, Category, Tag
from masthead.articles.models.article import ArticleQuerySet
from masthead.discovery.search.backends import get_backend
from masthead.discovery.search.query import MAX_LENGTH, SearchQuery

SEARCH_LIMIT = 1000
# Statuses a listing may ask for; all but "visible" need the change_article permission.
STATUSES = {
    "visible": "published and due: what readers see (the default)",
    "scheduled": "published for a time still to come",
    "draft": "drafts",
    "review": "submitted for review",
    "unpublished": "taken off the site after publication",
    "trash": "in the trash",
    "any": "all of the above",
}


class ArticleFilters(serializers.Serializer):
    """The query parameters of the article listing."""

    category = serializers.CharField(
        required=False, max_length=80, help_text="A section's slug; its subsections count too."
    )
    tag = serializers.CharField(required=False, max_length=80, help_text="A tag's slug.")
    author = serializers.CharField(required=False, max_length=80, help_text="An author's slug.")
    published_after = serializers.DateTimeField(
        required=False, help_text="ISO 8601 date or time: published at or after it."
    )
    published_before = serializers.DateTimeField(
        required=False, help_text="ISO 8601 date or time: published before it."
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_LENGTH * 2, help_text="Words to find."
    )
    status = serializers.ChoiceField(
        choices=list(STATUSES),
        required=False,
        help_text="; ".join(f"`{k}`: {v}" for k, v in STATUSES.items())
        + ". All but `visible` need the articles.change_article permission.",
    )


def read(request: Request) -> dict[str, Any]:
    """The valid filters of ``request``; a ``ValidationError`` names any that are not."""
    filters = ArticleFilters(data=request.query_params)
    filters.is_valid(raise_exception=True)
    data: dict[str, Any] = filters.validated_data
    if data.get("status", "visible") != "visible" and not may(request, "articles.change_article"):
        raise refuse(request, "Only editors may list articles readers cannot see.")
    return data


def by_status(status: str) -> ArticleQuerySet:
    """The articles with ``status`` (see ``STATUSES``)."""
    articles = Article.objects.all()
    if status == "visible":
        return articles.published()
    if status == "scheduled":
        return articles.scheduled()
    if status == "any":
        return articles
    return articles.filter(status=status)


def apply(articles: ArticleQuerySet, data: dict[str, Any]) -> ArticleQuerySet:
    """``articles`` narrowed by the filters in ``data`` (from ``read``)."""
    category = _named(Category, data, "category")
    if category is not None:
        articles = articles.in_category(category)
    tag = _named(Tag, data, "tag")
    if tag is not None:
        articles = articles.filter(tags=tag)
    author = _named(Author, data, "author")
    if author is not None:
        articles = articles.filter(authorships__author=author)
    if "published_after" in data:
        articles = articles.filter(published_at__gte=data["published_after"])
    if "published_before" in data:
        articles = articles.filter(published_at__lt=data["published_before"])
    if data.get("q"):
        articles = _search(articles, data["q"], category, author)
    return articles


def _search(
    articles: ArticleQuerySet, text: str, category: Category | None, author: Author | None
) -> ArticleQuerySet:
    """``articles`` that the search backend finds for ``text`` (all, if it has no words)."""
    query = SearchQuery(text=text, sort="newest", limit=SEARCH_LIMIT)
    if not query.terms:
        return articles
    # Section and author go to the backend too, so its window holds only candidates.
    query = replace(
        query, category_ids=_sections(category), author_id=author.pk if author else None
    )
    ids = [hit.article_id for hit in get_backend().search(query).hits]
    return articles.filter(pk__in=ids)


def _named(model: Any, data: dict[str, Any], name: str) -> Any:
    """The ``model`` row whose slug the parameter ``name`` gives; 404 if there is none."""
    if name not in data:
        return None
    found = model.objects.filter(slug=data[name]).first()
    if found is None:
        raise exceptions.NotFound(f"No {name} has the slug “{data[name]}”.")
    return found


def _sections(category: Category | None) -> tuple[int, ...]:
    if category is None:
        return ()
    sub = Category.objects.filter(Q(pk=category.pk) | Q(parent=category))
    return tuple(sub.values_list("pk", flat=True))
