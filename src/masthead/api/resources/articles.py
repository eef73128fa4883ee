"""``/articles/``: reading (filtered, cursor-paginated) and writing through the services.

Readers see what the site shows (``published()``). A user or token with the
``articles.change_article`` permission also sees drafts, scheduled and trashed articles:
by id, and in listings that ask for them with ``?status=``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from masthead.api.pagination import NewestFirst
from masthead.api.permissions import may, require
from masthead.api.resources import article_filters
from masthead.api.resources.article_fields import (
    ArticleDetail,
    ArticleSummary,
    ArticleWrite,
    Schedule,
)
from masthead.api.resources.base import Resource
from masthead.articles import services
from masthead.articles.models import Article, ArticleAuthor
from masthead.articles.models.article import ArticleQuerySet

EDIT = "articles.change_article"
PUBLISH = "articles.publish_article"


def with_relations(articles: ArticleQuerySet) -> ArticleQuerySet:
    """``articles`` with everything the serializers show, in three queries for any number."""
    byline = ArticleAuthor.objects.select_related("author").order_by("position")
    return articles.select_related("category", "featured_image", "source").prefetch_related(
        Prefetch("authorships", queryset=byline), "tags"
    )


class ArticleViewSet(Resource):
    """Articles, newest first."""

    pagination_class = NewestFirst
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> ArticleQuerySet:
        base = Article.objects.all() if may(self.request, EDIT) else Article.objects.published()
        return with_relations(base)

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return ArticleSummary if self.action == "list" else ArticleDetail

    def get_permissions(self) -> list[BasePermission]:
        if self.action in ("publish", "unpublish"):
            return [require(PUBLISH)()]
        return super().get_permissions()

    @extend_schema(parameters=[article_filters.ArticleFilters])
    def list(self, request: Request) -> Response:
        """Articles matching the filters, a page at a time."""
        filters = article_filters.read(request)
        chosen = filters.get("status", "visible")
        # Drafts may have no publication time: they sort by when they were started.
        position = (
            F("published_at")
            if chosen in ("visible", "scheduled")
            else Coalesce("published_at", "created_at")
        )
        articles = article_filters.apply(article_filters.by_status(chosen), filters)
        listed = with_relations(articles.defer("body", "body_html")).annotate(position=position)
        page = self.paginate_queryset(listed)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        """One article by id."""
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ArticleWrite, responses={201: ArticleDetail})
    def create(self, request: Request) -> Response:
        """Start an article, as a draft; needs ``articles.add_article``."""
        writer = ArticleWrite(data=request.data, context=self.get_serializer_context())
        writer.is_valid(raise_exception=True)
        return self._show(writer.save(), status.HTTP_201_CREATED)

    @extend_schema(request=ArticleWrite(partial=True), responses={200: ArticleDetail})
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change some of an article's fields; needs ``articles.change_article``."""
        writer = ArticleWrite(
            self.get_object(),
            data=request.data,
            partial=True,
            context=self.get_serializer_context(),
        )
        writer.is_valid(raise_exception=True)
        return self._show(writer.save())

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        """Move an article to the trash (restorable); needs ``articles.delete_article``."""
        services.trash_article(article=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=Schedule, responses={200: ArticleDetail})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        """Publish an article now, or schedule it for ``at``; needs ``articles.change_article``."""
        schedule = Schedule(data=request.data)
        schedule.is_valid(raise_exception=True)
        article = services.publish_article(
            article=self.get_object(), by=request.user, at=schedule.validated_data.get("at")
        )
        return self._show(article)

    @extend_schema(request=None, responses={200: ArticleDetail})
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str) -> Response:
        """Take an article off the site, back to draft; needs ``articles.change_article``."""
        return self._show(services.unpublish_article(article=self.get_object(), by=request.user))

    def _show(self, article: Article, code: int = status.HTTP_200_OK) -> Response:
        fresh = with_relations(Article.objects.all()).get(pk=article.pk)
        return Response(
            ArticleDetail(fresh, context=self.get_serializer_context()).data, status=code
        )
