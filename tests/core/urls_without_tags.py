"""A URLconf with no tag pages, for tests/core/test_links.py."""

from django.urls import include, path

from masthead.articles.views import static_page

app_urls = ([path("<slug:slug>/", static_page, name="page")], "articles")
urlpatterns = [path("", include(app_urls))]
