"""The REST API at ``/api/v1/``: one route per resource, the OpenAPI document, then 404s."""

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from masthead.api import openapi  # noqa: F401 (registers the token scheme's description)
from masthead.api.problems import NoSuchEndpoint
from masthead.api.resources.articles import ArticleViewSet
from masthead.api.resources.authors import AuthorViewSet
from masthead.api.resources.comments import CommentViewSet
from masthead.api.resources.images import ImageViewSet
from masthead.api.resources.taxonomy import CategoryViewSet, TagViewSet

app_name = "api"

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("categories", CategoryViewSet, basename="category")
router.register("tags", TagViewSet, basename="tag")
router.register("authors", AuthorViewSet, basename="author")
router.register("comments", CommentViewSet, basename="comment")
router.register("images", ImageViewSet, basename="image")

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    re_path(r"^.*$", NoSuchEndpoint.as_view(), name="no-such-endpoint"),
]
