"""``/robots.txt``: crawl everything readers see, and say where the sitemaps are.

The rules and their reasons are in docs/crawlers.md; change ``RobotsTxt.disallow`` and
that page together.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views import View


class RobotsTxt(View):
    """The rules for every crawler, then an absolute ``Sitemap:`` line per sitemap."""

    disallow = [
        "/admin/",  # the back office: a login page, nothing for readers
        "/*replytocom=",  # a copy of an article page per comment (the no-JS reply form)
        "/healthz",  # load balancers' probes
        "/readyz",
    ]
    sitemaps = ["feeds:sitemap-index", "feeds:news-sitemap"]

    def get(self, request: HttpRequest) -> HttpResponse:
        lines = ["User-agent: *", *(f"Disallow: {path}" for path in self.disallow), ""]
        lines += [f"Sitemap: {request.build_absolute_uri(reverse(name))}" for name in self.sitemaps]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
