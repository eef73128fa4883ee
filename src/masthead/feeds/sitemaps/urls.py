"""``/sitemap.xml`` and its sections, ``/news-sitemap.xml`` and ``/robots.txt``."""

from django.contrib.sitemaps import views as django_sitemaps
from django.urls import URLPattern, path

from masthead.articles.pagetags import SITEMAPS, tagged
from masthead.feeds.sitemaps import views
from masthead.feeds.sitemaps.news import NewsSitemap
from masthead.feeds.sitemaps.robots import RobotsTxt
from masthead.feeds.sitemaps.sections import SECTIONS

urlpatterns: list[URLPattern] = [
    path(
        "sitemap.xml",
        tagged(SITEMAPS)(views.index),
        {"sitemaps": SECTIONS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<slug:section>.xml",
        tagged(SITEMAPS)(django_sitemaps.sitemap),
        {"sitemaps": SECTIONS, "template_name": "feeds/sitemaps/urlset.xml"},
        name="sitemap",
    ),
    path(
        "news-sitemap.xml",
        tagged(SITEMAPS)(django_sitemaps.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "feeds/sitemaps/news.xml"},
        name="news-sitemap",
    ),
    path("robots.txt", RobotsTxt.as_view(), name="robots"),
]
