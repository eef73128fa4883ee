"""``/authors/``: the public bylines."""

from __future__ import annotations

from rest_framework import serializers

from masthead.api.pagination import ByName
from masthead.api.resources.base import ReadOnlyResource
from masthead.articles.models import Author


class AuthorSerializer(serializers.ModelSerializer):
    avatar = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField(help_text="The author's page on the site.")

    class Meta:
        model = Author
        fields = ["id", "slug", "name", "role", "bio", "avatar", "link"]

    def get_avatar(self, author: Author) -> str | None:
        if not author.avatar:
            return None
        return self.context["request"].build_absolute_uri(author.avatar.url)

    def get_link(self, author: Author) -> str:
        return self.context["request"].build_absolute_uri(author.get_absolute_url())


class AuthorViewSet(ReadOnlyResource):
    """Authors, alphabetical (the user account behind a byline is never shown)."""

    serializer_class = AuthorSerializer
    pagination_class = ByName
    lookup_field = "slug"
    queryset = Author.objects.all()
