"""The sitemap index; the section pages and the news sitemap are Django's own view."""

from __future__ import annotations

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from masthead.feeds.sitemaps.base import Section

CONTENT_TYPE = "application/xml"


@x_robots_tag
def index(
    request: HttpRequest,
    sitemaps: dict[str, type[Section]],
    template_name: str = "feeds/sitemaps/index.xml",
) -> TemplateResponse:
    """Every page of every section that has items, each dated by its newest entry."""
    entries = []
    for name, section in sitemaps.items():
        location = request.build_absolute_uri(reverse("feeds:sitemap", kwargs={"section": name}))
        for number, lastmod in enumerate(section().page_lastmods(), start=1):
            page = location if number == 1 else f"{location}?p={number}"
            entries.append(SitemapIndexItem(page, lastmod))  # type: ignore[arg-type]
    context = {"sitemaps": entries}
    return TemplateResponse(request, template_name, context, content_type=CONTENT_TYPE)
