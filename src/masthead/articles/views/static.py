"""Static pages at ``/<slug>/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from masthead.articles import pagetags
from masthead.articles.models import Page


def static_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The published page at ``/<slug>/``, or 404."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    pagetags.show(request, pagetags.static_page(page.pk))
    return render(request, "articles/page.html", {"page": page})
