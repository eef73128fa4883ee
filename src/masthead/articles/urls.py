"""Public URLs, WordPress-compatible so migrated sites keep their links."""

from collections.abc import Callable

from django.http import HttpResponseBase
from django.urls import URLPattern, path, re_path

from masthead.articles import views
from masthead.articles.views import preview

app_name = "articles"

YEAR = r"(?P<year>[0-9]{4})"
MONTH = r"(?P<month>[0-9]{2})"
DAY = r"(?P<day>[0-9]{2})"
# Anything but a slash or a control character (NUL cannot even be stored in PostgreSQL).
SEGMENT = r"[^/\x00-\x1f\x7f]+"
SLUG = rf"(?P<slug>{SEGMENT})"
PAGE = r"(?:page/(?P<page>[0-9]+)/)?"


def listing(pattern: str, view: Callable[..., HttpResponseBase], name: str) -> URLPattern:
    """A listing URL and its ``…/page/<n>/`` pages, as one route."""
    return re_path(rf"^{pattern}{PAGE}$", view, name=name)


urlpatterns = [
    listing("", views.HomeView.as_view(), "home"),
    re_path(rf"^{YEAR}/{MONTH}/{DAY}/{SLUG}/$", views.article_page, name="article"),
    listing(rf"category/(?:{SEGMENT}/)?{SLUG}/", views.CategoryArchive.as_view(), "category"),
    listing(rf"tag/{SLUG}/", views.TagArchive.as_view(), "tag"),
    listing(rf"author/{SLUG}/", views.AuthorArchive.as_view(), "author"),
    listing(rf"{YEAR}/", views.YearArchive.as_view(), "year"),
    listing(rf"{YEAR}/{MONTH}/", views.MonthArchive.as_view(), "month"),
    listing(rf"{YEAR}/{MONTH}/{DAY}/", views.DayArchive.as_view(), "day"),
    # Two segments, so no static page can take them; "preview" is a reserved slug too.
    path("preview/<int:pk>/", preview.staff_preview, name="preview"),
    path("preview/link/<str:token>/", preview.link_preview, name="preview-link"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Last: a static page takes any one-segment path nothing above claims. Slugs never
    # hold a dot, and a route that took one would make APPEND_SLASH answer /wp-login.php
    # or /apple-touch-icon.png with a redirect to a 404 instead of the 404 itself.
    re_path(r"^(?P<slug>[^/.\x00-\x1f\x7f]+)/$", views.static_page, name="page"),
]
