"""``/categories/`` and ``/tags/``: the site's sections (with subsections) and keywords."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from masthead.api.pagination import ByName
from masthead.api.resources.base import ReadOnlyResource
from masthead.articles.models import Category, Tag


class CategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    link = serializers.SerializerMethodField(help_text="The section's page on the site.")

    class Meta:
        model = Category
        fields = ["id", "slug", "name", "parent", "description", "position", "link"]

    def get_link(self, category: Category) -> str:
        return self.context["request"].build_absolute_uri(category.get_absolute_url())


class TagSerializer(serializers.ModelSerializer):
    link = serializers.SerializerMethodField(help_text="The tag's page on the site.")

    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "link"]

    def get_link(self, tag: Tag) -> str:
        return self.context["request"].build_absolute_uri(tag.get_absolute_url())


class CategoryViewSet(ReadOnlyResource):
    """Sections, alphabetical; ``parent`` is the slug of a subsection's section."""

    serializer_class = CategorySerializer
    pagination_class = ByName
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Any]:
        return Category.objects.select_related("parent")


class TagViewSet(ReadOnlyResource):
    """Tags, alphabetical."""

    serializer_class = TagSerializer
    pagination_class = ByName
    lookup_field = "slug"
    queryset = Tag.objects.all()
