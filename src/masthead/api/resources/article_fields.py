"""How an article reads and is written through the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from masthead.api.resources.images import ImageSerializer
from masthead.articles import services
from masthead.articles.models import Article, Author, Category, Image, Tag
from masthead.core.languages import validate_language_tag


class NamedSerializer(serializers.Serializer):
    """A section, tag or author as an article mentions it."""

    slug = serializers.CharField()
    name = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(source="home_url")


class ArticleSummary(serializers.ModelSerializer):
    """An article in a listing: everything but its text."""

    link = serializers.SerializerMethodField(
        help_text="Its page on the site, while readers see it."
    )
    category = NamedSerializer()
    tags = NamedSerializer(many=True)
    authors = NamedSerializer(many=True, source="byline")
    featured_image = ImageSerializer(allow_null=True)
    source = SourceSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(source="content_updated_at", allow_null=True)
    credit = serializers.CharField(help_text="The attribution line for syndicated stories.")
    source_url = serializers.CharField(help_text="The original story's address, or empty.")

    class Meta:
        model = Article
        fields = [
            "id", "link", "title", "slug", "dek", "excerpt", "status", "published_at",
            "updated_at", "category", "tags", "authors", "featured_image", "source",
            "source_url", "credit", "language", "word_count", "reading_minutes", "is_lead",
            "comments_open",
        ]  # fmt: skip
        read_only_fields = fields

    def get_link(self, article: Article) -> str | None:
        if not article.is_visible:
            return None
        return self.context["request"].build_absolute_uri(article.get_absolute_url())


class ArticleDetail(ArticleSummary):
    """An article with its text, in Markdown and as the sanitized HTML readers get."""

    class Meta(ArticleSummary.Meta):
        fields = [*ArticleSummary.Meta.fields, "body", "body_html"]
        read_only_fields = fields


class ArticleWrite(serializers.Serializer):
    """What a program may set on an article; status changes have their own actions."""

    title = serializers.CharField(max_length=300)
    slug = serializers.SlugField(
        max_length=100, allow_unicode=True, required=False, allow_blank=True,
        help_text="Made from the title when empty; made unique on its publication day.",
    )  # fmt: skip
    dek = serializers.CharField(max_length=600, required=False, allow_blank=True)
    body = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=500_000,
        help_text="Markdown.",
    )  # fmt: skip
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.all())
    tags = serializers.SlugRelatedField(
        slug_field="slug", queryset=Tag.objects.all(), many=True, required=False
    )
    authors = serializers.SlugRelatedField(
        slug_field="slug", queryset=Author.objects.all(), many=True, required=False,
        help_text="The byline, in order.",
    )  # fmt: skip
    featured_image = serializers.PrimaryKeyRelatedField(
        queryset=Image.objects.all(), allow_null=True, required=False
    )
    language = serializers.CharField(
        max_length=35, required=False, allow_blank=True, validators=[validate_language_tag],
        help_text="A BCP 47 language tag (en, en-GB, zh-Hans); stored in its usual case.",
    )  # fmt: skip
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    credit_line = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_lead = serializers.BooleanField(required=False)
    comments_open = serializers.BooleanField(required=False)

    def create(self, validated_data: dict[str, Any]) -> Article:
        authors = validated_data.pop("authors", [])
        tags = validated_data.pop("tags", [])
        article = Article(**validated_data)
        return services.save_article(
            article=article, by=self.context["request"].user, authors=authors, tags=tags
        )

    def update(self, instance: Article, validated_data: dict[str, Any]) -> Article:
        authors = validated_data.pop("authors", None)
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.save_article(
            article=instance, by=self.context["request"].user, authors=authors, tags=tags
        )


class Schedule(serializers.Serializer):
    at = serializers.DateTimeField(
        required=False, help_text="When readers may see it; now (or its earlier time) if absent."
    )
