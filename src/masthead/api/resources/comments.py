"""``/comments/``: approved comments for everyone; the queue and moderation for moderators.

Readers see approved comments on articles they can see. A user or token with
``comments.change_comment`` may list any status (``?status=pending`` is the queue) and
moderate through ``comments.services.moderate_comments``, as the back office does.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from masthead.api.pagination import CreatedOldestFirst
from masthead.api.permissions import may, refuse, require
from masthead.api.resources.base import Resource
from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment

MODERATE = "comments.change_comment"
MOST_AT_ONCE = 500


class CommentSerializer(serializers.ModelSerializer):
    """A comment as readers see it: never the email or IP address."""

    website = serializers.SerializerMethodField(help_text="An http(s) address, or empty.")

    class Meta:
        model = Comment
        fields = [
            "id",
            "article",
            "parent",
            "depth",
            "author_name",
            "website",
            "body",
            "created_at",
        ]
        read_only_fields = fields

    def get_website(self, comment: Comment) -> str:
        return comment.website


class ModeratedComment(CommentSerializer):
    """A comment as moderators see it: with its status and why the rules held it.

    These fields are shown to moderators only, so the document marks them optional.
    """

    status = serializers.ChoiceField(choices=Comment.Status.choices, required=False)
    status_changed_at = serializers.DateTimeField(required=False, allow_null=True)
    held_because = serializers.CharField(required=False, help_text="Why the rules held it.")
    spam_score = serializers.FloatField(
        required=False, allow_null=True, help_text="The spam classifier's score, 0 to 1."
    )

    class Meta(CommentSerializer.Meta):
        fields = [
            *CommentSerializer.Meta.fields, "status", "status_changed_at", "held_because",
            "spam_score",
        ]  # fmt: skip


class CommentFilters(serializers.Serializer):
    article = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="An article's id."
    )
    status = serializers.ChoiceField(
        choices=Comment.Status.choices,
        required=False,
        help_text="Needs comments.change_comment unless `approved` (the default for readers).",
    )


class Moderation(serializers.Serializer):
    comments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=MOST_AT_ONCE,
        help_text="The ids of the comments to moderate.",
    )
    status = serializers.ChoiceField(choices=Comment.Status.choices)


class Moderated(serializers.Serializer):
    changed = serializers.IntegerField(help_text="How many comments changed status.")


class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Resource):
    """Comments in reading order, oldest first."""

    pagination_class = CreatedOldestFirst
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Comment]:
        if may(self.request, MODERATE):
            return Comment.objects.all()
        return Comment.objects.approved().filter(article__in=Article.objects.published())

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        # The document (``swagger_fake_view``) describes both, moderators' fields optional.
        if getattr(self, "swagger_fake_view", False) or may(self.request, MODERATE):
            return ModeratedComment
        return CommentSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.action == "moderation":
            return [require(MODERATE)()]
        return super().get_permissions()

    def filter_queryset(self, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        if self.action != "list":
            return queryset
        filters = CommentFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        moderator = may(self.request, MODERATE)
        wanted = data.get("status", Comment.Status.APPROVED)
        if wanted != Comment.Status.APPROVED and not moderator:
            raise refuse(self.request, "Only moderators may list unapproved comments.")
        if "article" in data:
            articles = Article.objects.all() if moderator else Article.objects.published()
            if not articles.filter(pk=data["article"]).exists():
                raise exceptions.NotFound(f"No article has the id {data['article']}.")
            queryset = queryset.filter(article_id=data["article"])
        return queryset.filter(status=wanted)

    @extend_schema(parameters=[CommentFilters])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Comments, oldest first: approved ones, or for moderators any ``status``."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=Moderation, responses={200: Moderated})
    @action(detail=False, methods=["post"])
    def moderation(self, request: Request) -> Response:
        """Give comments a status (approve, hold, spam, trash); needs comments.change_comment."""
        asked = Moderation(data=request.data)
        asked.is_valid(raise_exception=True)
        ids = set(asked.validated_data["comments"])
        comments = list(Comment.objects.filter(pk__in=ids))
        if missing := sorted(ids - {c.pk for c in comments}):
            raise exceptions.ValidationError(
                {"comments": [f"No comment has the id {', '.join(map(str, missing))}."]}
            )
        changed = services.moderate_comments(
            comments=comments, status=asked.validated_data["status"], by=request.user
        )
        return Response({"changed": changed})
