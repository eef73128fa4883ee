"""The site's URL map; each app owns its own part."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve

from masthead.backoffice import cspreports
from masthead.comments import urls as comment_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("masthead.api.urls")),
    # Browsers' Content-Security-Policy violation reports (settings.CSP_REPORT_PATH).
    path(settings.CSP_REPORT_PATH.lstrip("/"), cspreports.receive, name="csp-report"),
    path("comments/", include("masthead.comments.urls")),
    path("", include((comment_urls.article_urlpatterns, "comments"), namespace="comment-feeds")),
    path("", include("masthead.feeds.urls")),
    path("", include("masthead.discovery.urls")),
    path("", include("masthead.articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(
        0,
        re_path(
            r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"
        ),
    )

handler404 = "masthead.articles.views.errors.not_found"
handler500 = "masthead.articles.views.errors.server_error"
